package org.lmlab.tokenizers.wordpiece;

import java.util.Map;
import org.lmlab.tokenizers.text.IntList;

/**
 * WordPiece's greedy longest-match-first split of one word: take the longest vocabulary
 * entry that starts the word, then the longest {@code ##}-prefixed entry that continues it,
 * and so on; a word with a part that matches nothing, or longer than the character limit
 * (counted in code points), becomes the unknown token.
 */
final class WordPieceModel {

    static final String CONTINUATION = "##";

    private final Map<String, Integer> vocab;
    private final int unknownId;
    private final int maxWordChars;
    private final int longestEntryChars;

    WordPieceModel(Map<String, Integer> vocab, int unknownId, int maxWordChars) {
        this.vocab = vocab;
        this.unknownId = unknownId;
        this.maxWordChars = maxWordChars;
        int longest = 1;
        for (String entry : vocab.keySet()) {
            String body = entry.startsWith(CONTINUATION) ? entry.substring(CONTINUATION.length()) : entry;
            longest = Math.max(longest, body.codePointCount(0, body.length()));
        }
        this.longestEntryChars = longest;
    }

    /** Appends the ids of {@code text[start, end)}, a single word, to {@code out}. */
    void encodeWord(String text, int start, int end, IntList out) {
        int chars = text.codePointCount(start, end);
        if (chars > maxWordChars) {
            out.add(unknownId);
            return;
        }
        int[] offsets = new int[chars + 1];
        for (int k = 0, i = start; k <= chars; k++) {
            offsets[k] = i;
            if (k < chars) {
                i += Character.charCount(text.codePointAt(i));
            }
        }
        int from = 0;
        IntList pieces = new IntList(4);
        while (from < chars) {
            int match = -1;
            int to = Math.min(chars, from + longestEntryChars);
            for (; to > from; to--) {
                String piece = text.substring(offsets[from], offsets[to]);
                Integer id = vocab.get(from == 0 ? piece : CONTINUATION + piece);
                if (id != null) {
                    match = id;
                    break;
                }
            }
            if (match < 0) {
                out.add(unknownId);
                return;
            }
            pieces.add(match);
            from = to;
        }
        out.addAll(pieces.toArray());
    }
}
