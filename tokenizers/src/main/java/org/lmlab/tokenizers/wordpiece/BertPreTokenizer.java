package org.lmlab.tokenizers.wordpiece;

import java.util.function.BiConsumer;

/**
 * BERT's pre-tokenisation of normalised text: split on white space (dropped) and make every
 * punctuation character a word of its own.
 */
final class BertPreTokenizer {

    private BertPreTokenizer() {
    }

    /** Hands each word of {@code text} to {@code sink} as a range {@code [start, end)}. */
    static void split(String text, BiConsumer<Integer, Integer> sink) {
        int wordStart = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (BertCharClasses.isWhitespace(cp)) {
                if (wordStart >= 0) {
                    sink.accept(wordStart, i);
                    wordStart = -1;
                }
            } else if (BertCharClasses.isPunctuation(cp)) {
                if (wordStart >= 0) {
                    sink.accept(wordStart, i);
                    wordStart = -1;
                }
                sink.accept(i, next);
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i = next;
        }
        if (wordStart >= 0) {
            sink.accept(wordStart, text.length());
        }
    }
}
