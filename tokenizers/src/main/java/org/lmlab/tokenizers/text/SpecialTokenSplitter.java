package org.lmlab.tokenizers.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds special-token strings (such as {@code <|endoftext|>} or {@code [CLS]}) in a text and
 * hands the text between them and the ids of the specials to a sink, in order. Matching is
 * leftmost, then longest, as Hugging Face's added-token matcher does; the text between two
 * specials is encoded on its own, as tiktoken does.
 */
public final class SpecialTokenSplitter {

    /** Receives the pieces of a split text in order. */
    public interface Sink {
        /** Ordinary text {@code [start, end)}; never empty. */
        void text(int start, int end);

        /** A special token's id. */
        void special(int id);
    }

    private final String[] literals;
    private final int[] ids;

    /** A splitter for these literals and their ids; empty literals are refused. */
    public SpecialTokenSplitter(Map<String, Integer> literalIds) {
        Map<String, Integer> copy = new LinkedHashMap<>(literalIds);
        literals = copy.keySet().toArray(new String[0]);
        ids = copy.values().stream().mapToInt(Integer::intValue).toArray();
        for (String literal : literals) {
            if (literal.isEmpty()) {
                throw new IllegalArgumentException("a special token cannot be the empty string");
            }
        }
    }

    /** True if there is no special token to look for. */
    public boolean isEmpty() {
        return literals.length == 0;
    }

    /** Splits {@code text} into ordinary ranges and special ids. */
    public void split(String text, Sink sink) {
        int[] next = new int[literals.length];
        for (int k = 0; k < literals.length; k++) {
            next[k] = text.indexOf(literals[k]);
        }
        int position = 0;
        while (true) {
            int best = -1;
            for (int k = 0; k < literals.length; k++) {
                if (next[k] >= 0 && next[k] < position) {
                    next[k] = text.indexOf(literals[k], position);
                }
                if (next[k] >= 0 && (best < 0 || next[k] < next[best]
                        || (next[k] == next[best] && literals[k].length() > literals[best].length()))) {
                    best = k;
                }
            }
            if (best < 0) {
                break;
            }
            int start = next[best];
            if (start > position) {
                sink.text(position, start);
            }
            sink.special(ids[best]);
            position = start + literals[best].length();
        }
        if (position < text.length()) {
            sink.text(position, text.length());
        }
    }
}
