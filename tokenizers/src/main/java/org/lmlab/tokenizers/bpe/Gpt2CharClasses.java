package org.lmlab.tokenizers.bpe;

import org.lmlab.tokenizers.text.UnicodeCategories;

/**
 * The character classes of GPT-2's pre-tokenisation pattern as tiktoken sees them: letters
 * ({@code \p{L}}), numbers ({@code \p{N}}), white space ({@code \s}: the Unicode White_Space
 * property) and everything else. Java's {@code \s} is ASCII-only and its {@code \p{L}} follows
 * the JDK's Unicode version, so the classes are tabulated once from {@link UnicodeCategories}.
 */
final class Gpt2CharClasses {

    static final byte OTHER = 0;
    static final byte LETTER = 1;
    static final byte NUMBER = 2;
    static final byte SPACE = 3;

    /** Every code point with the Unicode White_Space property (stable since Unicode 6.3). */
    private static final int[] WHITE_SPACE = {
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680,
        0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
        0x2028, 0x2029, 0x202F, 0x205F, 0x3000
    };

    private static final byte[] CLASSES = tabulate();

    private Gpt2CharClasses() {
    }

    /** The class of a code point. */
    static byte of(int codePoint) {
        return CLASSES[codePoint];
    }

    private static byte[] tabulate() {
        byte[] byCategory = new byte[Character.FINAL_QUOTE_PUNCTUATION + 1];
        for (int category = 0; category < byCategory.length; category++) {
            byCategory[category] = fromCategory(category);
        }
        byte[] classes = UnicodeCategories.tabulate(byCategory);
        for (int cp : WHITE_SPACE) {
            classes[cp] = SPACE;
        }
        return classes;
    }

    private static byte fromCategory(int category) {
        return switch (category) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            default -> OTHER;
        };
    }
}
