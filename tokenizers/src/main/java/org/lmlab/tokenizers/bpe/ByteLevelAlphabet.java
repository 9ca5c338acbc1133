package org.lmlab.tokenizers.bpe;

import java.util.Arrays;

/**
 * GPT-2's reversible map between bytes and printable characters. Byte-level BPE vocabularies
 * store each token as text in which every byte is one visible character: the printable
 * Latin-1 bytes stand for themselves and the other 68 bytes (controls, space, soft hyphen...)
 * are shifted to U+0100 and up, in byte order, so a space becomes {@code Ġ} (U+0120).
 */
public final class ByteLevelAlphabet {

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + shifted++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevelAlphabet() {
    }

    /** The character that stands for a byte (0..255). */
    public static char charOf(int unsignedByte) {
        return BYTE_TO_CHAR[unsignedByte];
    }

    /** The byte a character stands for, or -1 if the character is not in the alphabet. */
    public static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** The alphabet text of some bytes, e.g. {@code "Ġthe"} for {@code " the"}. */
    public static String toText(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    /** The bytes of an alphabet text, or {@code null} if a character is outside the alphabet. */
    public static byte[] toBytes(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            int b = byteOf(text.charAt(i));
            if (b < 0) {
                return null;
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }
}
