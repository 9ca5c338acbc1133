package org.lmlab.eval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextMetricsTest {

    @Test
    void exactMatchTrimsCollapsesWhitespaceAndFoldsCase() {
        assertEquals("the capital is paris", ExactMatch.normalise("  The\tcapital \n\n is   PARIS "));
        assertTrue(ExactMatch.matches("The capital\tis  Paris", " the CAPITAL is paris\n"));
        assertTrue(ExactMatch.matches("Straße", "STRASSE"), "case folding maps ß to ss");
        assertFalse(ExactMatch.matches("Paris.", "Paris"), "punctuation is kept");
        assertFalse(ExactMatch.matches("Par is", "Paris"), "whitespace is collapsed, not removed");
        assertEquals(1.0, ExactMatch.score("", "   "));
        assertEquals(0.0, ExactMatch.score("a", "b"));
    }

    @Test
    void wordTokensAreLowerCasedLetterAndDigitRuns() {
        assertEquals(List.of("the", "cat", "s", "hat", "42"), WordTokens.of("The cat's HAT... 42!"));
        assertEquals(List.of(), WordTokens.of(" ,;. "));
    }

    /** Lin (2004), section 3.1: reference "police killed the gunman". */
    @Test
    void rougeLOfLinsClassicExamples() {
        RougeL.Score s2 = RougeL.score("police kill the gunman", "police killed the gunman");
        assertEquals(3, s2.lcs());
        assertEquals(0.75, s2.precision(), 1e-15);
        assertEquals(0.75, s2.recall(), 1e-15);
        assertEquals(0.75, s2.f1(), 1e-15);
        RougeL.Score s3 = RougeL.score("the gunman kill police", "police killed the gunman");
        assertEquals(2, s3.lcs());
        assertEquals(0.5, s3.f1(), 1e-15);
    }

    @Test
    void rougeLPrecisionAndRecallAreOverTheCandidateAndTheReference() {
        // LCS of "the cat" in "the cat sat on the mat" is 2: P = 2/2, R = 2/6, F = 2PR/(P+R) = 0.5.
        RougeL.Score short_ = RougeL.score("The cat", "the cat sat on the mat");
        assertEquals(1.0, short_.precision(), 1e-15);
        assertEquals(1.0 / 3, short_.recall(), 1e-15);
        assertEquals(0.5, short_.f1(), 1e-15);
        // "the cat was found under the bed" vs "the cat was under the bed": LCS 6 of 7 and 6.
        RougeL.Score longer = RougeL.score("the cat was found under the bed", "the cat was under the bed");
        assertEquals(6, longer.lcs());
        assertEquals(6.0 / 7, longer.precision(), 1e-15);
        assertEquals(1.0, longer.recall(), 1e-15);
        assertEquals(2 * (6.0 / 7) / (6.0 / 7 + 1), longer.f1(), 1e-15);
        // non-contiguous subsequence: a b c d e vs a x c y e -> a c e
        assertEquals(3, RougeL.score("a b c d e", "a x c y e").lcs());
    }

    @Test
    void rougeLOfEmptyTexts() {
        assertEquals(1.0, RougeL.f1("", "..."));
        assertEquals(0.0, RougeL.f1("", "a"));
        assertEquals(0.0, RougeL.f1("a", ""));
        assertEquals(0.0, RougeL.f1("x y", "a b"));
    }
}
