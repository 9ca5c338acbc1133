package org.lmlab.tokenizers.wordpiece;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.tokenizers.DataFiles;
import org.lmlab.tokenizers.hf.HuggingFaceJsonTokenizer;

/**
 * Every code point of the first four planes, and samples of the others, tokenizes as in
 * Hugging Face's Rust BERT (run through DJL) when placed inside a word: this pins the
 * Unicode 8.0 classes of the normaliser (controls, punctuation, marks) and the lower-casing.
 */
class BertEveryCodePointTest {

    @Test
    void everyCodePointInsideAWordMatchesHuggingFace() throws IOException {
        WordPieceTokenizer ours = WordPieceVocabulary.bertBaseUncased();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (HuggingFaceJsonTokenizer reference = HuggingFaceJsonTokenizer.load(DataFiles.path("bert/tokenizer.json"))) {
            for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += cp < 0x40000 || cp >= 0xE0000 && cp < 0xE1000 ? 1 : 97) {
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    continue;
                }
                String text = "x" + new String(Character.toChars(cp)) + "es";
                int[] expected = reference.encodeAsReference(text, false);
                int[] actual = ours.encodeFramed(text).ids();
                checked++;
                if (!Arrays.equals(expected, actual) && mismatches.size() < 10) {
                    mismatches.add(String.format("U+%04X: expected %s, got %s", cp, Arrays.toString(expected), Arrays.toString(actual)));
                }
            }
        }
        assertEquals(List.of(), mismatches);
        assertEquals(272_865, checked);
    }
}
