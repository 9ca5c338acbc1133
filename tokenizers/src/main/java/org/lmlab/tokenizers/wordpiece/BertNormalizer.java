package org.lmlab.tokenizers.wordpiece;

import java.text.Normalizer;
import java.util.Locale;

/**
 * BERT's text normalisation as Hugging Face's {@code BertNormalizer} does it, in its order:
 * drop NUL, U+FFFD and control characters and turn white space into spaces; put spaces
 * around CJK ideographs; strip accents (NFD, then remove nonspacing marks); lower-case one
 * code point at a time (so no final-sigma rule: Σ always becomes σ).
 */
final class BertNormalizer {

    private BertNormalizer() {
    }

    /** The normalised text. */
    static String normalize(String text) {
        StringBuilder cleaned = new StringBuilder(text.length() + 8);
        boolean ascii = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || BertCharClasses.isControl(cp)) {
                continue;
            }
            if (BertCharClasses.isWhitespace(cp)) {
                cleaned.append(' ');
            } else if (BertCharClasses.isCjk(cp)) {
                cleaned.append(' ').appendCodePoint(cp).append(' ');
                ascii = false;
            } else {
                cleaned.appendCodePoint(cp);
                ascii &= cp < 0x80;
            }
        }
        if (ascii) {
            return cleaned.toString().toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (!BertCharClasses.isNonspacingMark(cp)) {
                appendLowerCase(out, cp);
            }
        }
        return out.toString();
    }

    private static void appendLowerCase(StringBuilder out, int cp) {
        if (cp < 0x80) {
            out.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        } else {
            // A lone code point: full lower-case mapping without the context rules of whole strings.
            out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
        }
    }
}
