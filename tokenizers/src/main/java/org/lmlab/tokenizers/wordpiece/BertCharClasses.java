package org.lmlab.tokenizers.wordpiece;

import org.lmlab.tokenizers.text.CodePointTable;

/**
 * How Hugging Face's BERT normaliser and pre-tokeniser classify characters. White space is
 * tab, newline, carriage return and the Unicode White_Space property. Controls to drop,
 * punctuation to split off and nonspacing marks to strip come from the unicode_categories
 * crate, whose tables are Unicode 8.0 and list no unassigned code points: so a character
 * added to Unicode later (U+061D, U+2E43...) is kept as an ordinary character, and
 * unassigned code points are kept too (and end up as [UNK]). Every ASCII symbol counts as
 * punctuation. The CJK ideograph blocks are surrounded by spaces.
 */
final class BertCharClasses {

    private static final byte OTHER = 0;
    private static final byte CONTROL = 1;
    private static final byte PUNCTUATION = 2;
    private static final byte NONSPACING_MARK = 3;

    private static final byte[] CLASSES = CodePointTable.load(BertCharClasses.class, "bert-unicode-8.0-classes.txt");

    private BertCharClasses() {
    }

    /** Tab, newline, carriage return or a White_Space character. */
    static boolean isWhitespace(int cp) {
        return switch (cp) {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /** A character that cleaning removes: control, format, private-use or surrogate, except tab, newline, carriage return. */
    static boolean isControl(int cp) {
        return CLASSES[cp] == CONTROL && cp != '\t' && cp != '\n' && cp != '\r';
    }

    /** ASCII punctuation and symbols, or a Unicode punctuation category. */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return CLASSES[cp] == PUNCTUATION;
    }

    /** A nonspacing mark (Mn), removed when accents are stripped. */
    static boolean isNonspacingMark(int cp) {
        return CLASSES[cp] == NONSPACING_MARK;
    }

    /** The CJK ideograph ranges that BERT isolates as single-character words. */
    static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
