package org.lmlab.tokenizers.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 conversions with the policies tokenizers need: a lone surrogate in a Java string is
 * encoded as U+FFFD (as tiktoken does for Python strings), and bytes that are not valid UTF-8
 * (a partial decode) become U+FFFD instead of an exception.
 */
public final class Utf8 {

    private static final int REPLACEMENT = 0xFFFD;

    private Utf8() {
    }

    /**
     * Writes the UTF-8 bytes of {@code text[from, to)} into {@code out} starting at 0 and
     * returns how many were written; {@code out} must hold {@code 3 * (to - from)} bytes.
     */
    public static int encode(CharSequence text, int from, int to, byte[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[n++] = (byte) (0xF0 | (cp >> 18));
                out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                int cp = Character.isSurrogate(c) ? REPLACEMENT : c;
                out[n++] = (byte) (0xE0 | (cp >> 12));
                out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (cp & 0x3F));
            }
        }
        return n;
    }

    /** The UTF-8 bytes of a whole string, lone surrogates as U+FFFD. */
    public static byte[] encode(CharSequence text) {
        byte[] buffer = new byte[text.length() * 3];
        int n = encode(text, 0, text.length(), buffer);
        return Arrays.copyOf(buffer, n);
    }

    /** The text of UTF-8 bytes; each malformed sequence becomes U+FFFD. Never throws. */
    public static String decodeLenient(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Replaces each lone surrogate of {@code text} by U+FFFD; returns {@code text} itself if it has none. */
    public static String withoutLoneSurrogates(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return replaceLoneSurrogates(text);
                }
                i++;
            }
        }
        return text;
    }

    private static String replaceLoneSurrogates(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? (char) REPLACEMENT : c);
            }
        }
        return out.toString();
    }
}
