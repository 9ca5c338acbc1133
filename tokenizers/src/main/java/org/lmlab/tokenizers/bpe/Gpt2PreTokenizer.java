package org.lmlab.tokenizers.bpe;

/**
 * GPT-2's pre-tokenisation as a hand-written scanner instead of a backtracking regex. It
 * reproduces, piece for piece, the pattern
 * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}
 * with leftmost-first alternation: lower-case contractions, an optional single space (U+0020
 * only) before a run of letters, numbers or other symbols, and white-space runs that leave
 * their last character to the next piece when a non-space follows.
 */
public final class Gpt2PreTokenizer {

    /** Receives each piece as a range {@code [start, end)} of the text. */
    @FunctionalInterface
    public interface PieceSink {
        void piece(int start, int end);
    }

    private Gpt2PreTokenizer() {
    }

    /**
     * Splits {@code text[from, to)} into pieces, in order, covering the range exactly. The
     * range is treated as a whole text: its end is an end of input for the {@code (?!\S)} rule.
     */
    public static void split(String text, int from, int to, PieceSink sink) {
        int i = from;
        while (i < to) {
            int end = pieceEnd(text, i, to);
            sink.piece(i, end);
            i = end;
        }
    }

    private static int pieceEnd(String text, int i, int to) {
        int cp = text.codePointAt(i);
        if (cp == '\'') {
            int contraction = contractionEnd(text, i, to);
            if (contraction > 0) {
                return contraction;
            }
        }
        byte cls = Gpt2CharClasses.of(cp);
        int next = i + Character.charCount(cp);
        if (cp == ' ' && next < to) {
            byte following = Gpt2CharClasses.of(text.codePointAt(next));
            if (following != Gpt2CharClasses.SPACE) {
                return runEnd(text, next, to, following);
            }
        }
        if (cls != Gpt2CharClasses.SPACE) {
            return runEnd(text, i, to, cls);
        }
        int runEnd = runEnd(text, i, to, Gpt2CharClasses.SPACE);
        if (runEnd == to || runEnd - i == 1) {
            return runEnd;
        }
        // \s+(?!\S): a non-space follows, so the last white-space character (always one UTF-16
        // unit: every White_Space code point is in the BMP) starts the next piece.
        return runEnd - 1;
    }

    /** End of the maximal run of code points of class {@code cls} starting at {@code i}. */
    private static int runEnd(String text, int i, int to, byte cls) {
        while (i < to) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (Gpt2CharClasses.of(c) != cls) {
                    return i;
                }
                i++;
            } else {
                int cp = text.codePointAt(i);
                if (Gpt2CharClasses.of(cp) != cls) {
                    return i;
                }
                i += Character.charCount(cp);
            }
        }
        return to;
    }

    /** End of {@code 's 't 're 've 'm 'll 'd} at {@code i}, or 0 if none starts there. */
    private static int contractionEnd(String text, int i, int to) {
        if (i + 1 >= to) {
            return 0;
        }
        char a = text.charAt(i + 1);
        if (a == 's' || a == 't' || a == 'm' || a == 'd') {
            return i + 2;
        }
        if (i + 2 < to) {
            char b = text.charAt(i + 2);
            if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
                return i + 3;
            }
        }
        return 0;
    }
}
