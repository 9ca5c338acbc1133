package org.lmlab.tokenizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lmlab.tokenizers.bpe.Gpt2Vocabulary;

/** GPT-2 ids equal tiktoken's on every fixture document, with and without special tokens allowed. */
class Gpt2GoldenIdsTest {

    private final Tokenizer gpt2 = Gpt2Vocabulary.tokenizer();

    @Test
    void encodeEqualsTiktokenEncodeOrdinaryOnEveryDocument() {
        GoldenIds.assertAllMatch("gpt2.expected.ids.gz", gpt2::encode);
    }

    @Test
    void encodeAllowingSpecialEqualsTiktokenWithEndOfTextAllowedOnEveryDocument() {
        GoldenIds.assertAllMatch("gpt2.expected.allspecial.ids.gz", gpt2::encodeAllowingSpecial);
    }

    @Test
    void decodeRestoresEveryDocument() {
        for (Fixtures.Document document : Fixtures.documents()) {
            assertEquals(document.text(), gpt2.decode(gpt2.encode(document.text())), document.describe());
        }
    }
}
