package org.lmlab.tokenizers;

import org.junit.jupiter.api.Test;
import org.lmlab.tokenizers.wordpiece.WordPieceVocabulary;

/** bert-base-uncased ids, framed with [CLS] ... [SEP], equal Hugging Face's on every fixture document. */
class BertGoldenIdsTest {

    @Test
    void framedIdsEqualHuggingFaceOnEveryDocument() {
        GoldenIds.assertAllMatch("bert.hf.ids.gz", text -> WordPieceVocabulary.bertBaseUncased().encodeFramed(text).ids());
    }

    @Test
    void referenceEncodingIsTheFramedEncodingWithOrWithoutAllowSpecial() {
        Tokenizer bert = WordPieceVocabulary.bertBaseUncased();
        GoldenIds.assertAllMatch("bert.hf.ids.gz", text -> bert.encodeAsReference(text, false));
        GoldenIds.assertAllMatch("bert.hf.ids.gz", text -> bert.encodeAsReference(text, true));
    }
}
