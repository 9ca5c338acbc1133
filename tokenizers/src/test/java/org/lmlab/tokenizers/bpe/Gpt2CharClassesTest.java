package org.lmlab.tokenizers.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lmlab.tokenizers.text.UnicodeCategories;

/** GPT-2's character classes, tabulated from the category runs, are those of each code point's category. */
class Gpt2CharClassesTest {

    private static final Set<Integer> WHITE_SPACE = Set.of(0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680,
            0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000);

    @Test
    void everyCodePointHasTheClassOfItsCategory() {
        int letters = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            byte expected = WHITE_SPACE.contains(cp) ? Gpt2CharClasses.SPACE
                    : UnicodeCategories.isLetter(cp) ? Gpt2CharClasses.LETTER
                    : UnicodeCategories.isNumber(cp) ? Gpt2CharClasses.NUMBER
                    : Gpt2CharClasses.OTHER;
            int codePoint = cp;
            assertEquals(expected, Gpt2CharClasses.of(cp), () -> "U+" + Integer.toHexString(codePoint));
            letters += expected == Gpt2CharClasses.LETTER ? 1 : 0;
        }
        // Unicode 15.0's letters: Lu 1,831 + Ll 2,233 + Lt 31 + Lm 397 + Lo 131,612 (DerivedGeneralCategory.txt).
        assertEquals(136_104, letters);
    }
}
