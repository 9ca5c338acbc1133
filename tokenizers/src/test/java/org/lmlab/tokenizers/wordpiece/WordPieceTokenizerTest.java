package org.lmlab.tokenizers.wordpiece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.tokenizers.SpecialTokens.Role;

/** bert-base-uncased behaviour that the fixture corpus relies on, one rule per test. */
class WordPieceTokenizerTest {

    private final WordPieceTokenizer bert = WordPieceVocabulary.bertBaseUncased();

    @Test
    void knownIdsAndVocabulary() {
        assertArrayEquals(new int[] {7592, 1010, 2088, 999}, bert.encode("Hello, world!"));
        assertArrayEquals(new int[] {101, 7592, 1010, 2088, 999, 102}, bert.encodeFramed("Hello, world!").ids());
        assertEquals(30522, bert.vocabSize());
        assertEquals("##s", bert.token(2015));
        assertEquals(0, bert.specialTokens().require(Role.PAD));
        assertEquals(100, bert.specialTokens().require(Role.UNKNOWN));
        assertEquals(101, bert.specialTokens().require(Role.CLS));
        assertEquals(102, bert.specialTokens().require(Role.SEP));
        assertEquals(103, bert.specialTokens().require(Role.MASK));
    }

    @Test
    void wordsSplitGreedilyIntoContinuationPieces() {
        int[] ids = bert.encode("unaffable");
        assertEquals(List.of("una", "##ffa", "##ble"), tokens(ids));
    }

    @Test
    void lowerCasesAndStripsAccentsOneCodePointAtATime() {
        assertArrayEquals(bert.encode("hello"), bert.encode("HÉLLÖ"));
        // No final-sigma rule: the last Σ becomes σ, not ς.
        assertEquals(tokens(bert.encode("οδοσ")), tokens(bert.encode("ΟΔΟΣ")));
    }

    @Test
    void punctuationAndCjkBecomeWordsOfTheirOwn() {
        assertEquals(List.of("a", "$", "b", "中", "文"), tokens(bert.encode("a$b中文")));
    }

    @Test
    void controlAndPrivateUseCharactersAreDroppedUnassignedOnesAreNot() {
        assertArrayEquals(bert.encode("ab"), bert.encode("a\u0000\u200b\ue000b"));
        assertArrayEquals(new int[] {100}, bert.encode("a\u0378b"));
    }

    @Test
    void wordsOverOneHundredCodePointsAreUnknown() {
        assertEquals(50, bert.encode("a".repeat(100)).length);
        assertArrayEquals(new int[] {100}, bert.encode("a".repeat(101)));
        // The limit counts code points, not UTF-8 bytes: 100 'ø' are 200 bytes and still split.
        assertEquals(100, bert.encode("ø".repeat(100)).length);
        assertArrayEquals(new int[] {100}, bert.encode("ø".repeat(101)));
    }

    @Test
    void specialStringsAreTextInEncodeAndTokensWhenAllowedOrFramed() {
        assertEquals(List.of("[", "cl", "##s", "]"), tokens(bert.encode("[CLS]")));
        assertArrayEquals(new int[] {101, 103, 102}, bert.encodeAllowingSpecial("[CLS][MASK][SEP]"));
        assertArrayEquals(new int[] {101, 101, 102, 103, 100, 0, 102}, bert.encodeFramed("[CLS] [SEP] [MASK] [UNK] [PAD]").ids());
    }

    @Test
    void pairsHaveTypeIdsZeroThenOne() {
        BertEncoding pair = bert.encodePair("Is it?", "Yes.");
        assertArrayEquals(new int[] {101, 2003, 2009, 1029, 102, 2748, 1012, 102}, pair.ids());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1}, pair.typeIds());
        BertEncoding single = bert.encodeFramed("Yes.");
        assertArrayEquals(new int[] {0, 0, 0, 0}, single.typeIds());
    }

    @Test
    void decodeJoinsPiecesAndCleansUpPunctuation() {
        assertEquals("hello, world! unaffable", bert.decode(bert.encode("Hello, world! unaffable")));
    }

    @Test
    void aVocabularyWithoutUnknownTokenIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordPieceTokenizer.uncased(List.of("[CLS]", "[SEP]", "a")));
        assertEquals("a BERT vocabulary needs [UNK], and this one has none", e.getMessage());
    }

    private List<String> tokens(int[] ids) {
        return java.util.Arrays.stream(ids).mapToObj(bert::token).toList();
    }
}
