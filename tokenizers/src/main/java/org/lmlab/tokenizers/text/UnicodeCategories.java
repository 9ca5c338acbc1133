package org.lmlab.tokenizers.text;

/**
 * Unicode 15.0 general categories for every code point, independent of the JDK. Reference
 * tokenizers classify characters with their own Unicode tables (tiktoken through Rust's regex
 * crate, which follows Unicode 15.0), while {@link Character#getType} follows the running
 * JDK's version (13.0 in Java 17). The table is a class-path resource of category runs,
 * generated once from ICU4J's Unicode 15.0 data (see the resource's header).
 */
public final class UnicodeCategories {

    /** The Unicode version of {@link #type(int)}. */
    public static final String VERSION = "15.0";

    private static final String RESOURCE = "unicode-15.0-general-categories.txt";

    private static final byte[] TYPES = load();

    private UnicodeCategories() {
    }

    /** The general category of a code point as a {@link Character} constant (e.g. {@link Character#OTHER_LETTER}). */
    public static int type(int codePoint) {
        return TYPES[codePoint];
    }

    /** True for the letter categories Lu, Ll, Lt, Lm and Lo ({@code \p{L}}). */
    public static boolean isLetter(int codePoint) {
        int type = TYPES[codePoint];
        return type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER;
    }

    /** True for the number categories Nd, Nl and No ({@code \p{N}}). */
    public static boolean isNumber(int codePoint) {
        int type = TYPES[codePoint];
        return type >= Character.DECIMAL_DIGIT_NUMBER && type <= Character.OTHER_NUMBER;
    }

    /**
     * A per-code-point table of {@code byCategory[type(cp)]} (indexed by the {@link Character}
     * category constants, 0..30), built from the category runs rather than code point by code point.
     */
    public static byte[] tabulate(byte[] byCategory) {
        return CodePointTable.load(UnicodeCategories.class, RESOURCE, byCategory);
    }

    private static byte[] load() {
        return CodePointTable.load(UnicodeCategories.class, RESOURCE);
    }
}
