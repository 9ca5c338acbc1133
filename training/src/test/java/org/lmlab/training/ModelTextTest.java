package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.score.MaskTokens;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.SpecialTokens.Role;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.training.text.EncoderFraming;
import org.lmlab.training.text.ModelText;

/** Which tokenizer a model reads with, how its text is framed, and its masked-scoring ids. */
class ModelTextTest {

    private static final String TEXT = "The quick brown fox.";
    private static final LanguageModel BERT = Models.standard().build(Presets.get("bert-tiny"));
    private static final LanguageModel GPT = Models.standard().build(Presets.get("gpt-tiny"));

    @Test
    void theBundledTokenizerFollowsTheVocabularySizeAndAnOwnTokenizerJsonWins(@TempDir Path directory) throws IOException {
        assertEquals("gpt2", ModelText.tokenizerName("gpt2-124m", Presets.get("gpt2-124m")));
        assertEquals("bert-base-uncased", ModelText.tokenizerName(directory.toString(), Presets.get("bert-base")));
        Path own = directory.resolve("tokenizer.json");
        Files.writeString(own, "{}");
        assertEquals(own.toString(), ModelText.tokenizerName(directory.toString(), Presets.get("bert-base")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ModelText.tokenizerName(directory.resolve("elsewhere").toString(), TinyModels.gpt(0f)));
        assertEquals("model tiny-gpt has a vocabulary of " + TinyModels.VOCAB + " tokens, which no bundled tokenizer has;"
                + " put its tokenizer.json beside it (or pass --ids / --tokenizer)", unknown.getMessage());
    }

    @Test
    void anEncoderGetsClsAndSepAroundItsTextAndItsMaskTokens(@TempDir Path directory) throws IOException {
        ModelText text = ModelText.forModel(org.lmlab.tokenizers.Tokenizers.standard(), directory, BERT);
        Tokenizer bert = Tokenizers.standard().resolve("bert-base-uncased");
        int[] words = bert.encode(TEXT);
        int[] expected = new int[words.length + 2];
        expected[0] = 101;
        System.arraycopy(words, 0, expected, 1, words.length);
        expected[expected.length - 1] = 102;
        assertArrayEquals(expected, text.encode(TEXT));
        assertArrayEquals(bert.encodeAsReference(TEXT, false), text.encode(TEXT), "the same ids as Hugging Face's framing");
        assertEquals(new EncoderFraming(101, 102), text.framing().orElseThrow());
        assertEquals(new MaskTokens(103, Set.of(0, 101, 102)), text.maskTokens());
    }

    @Test
    void aDecoderGetsPlainIdsAndHasNoMaskTokens(@TempDir Path directory) throws IOException {
        ModelText text = ModelText.forModel(org.lmlab.tokenizers.Tokenizers.standard(), directory, GPT);
        assertArrayEquals(Tokenizers.standard().resolve("gpt2").encode(TEXT), text.encode(TEXT));
        assertTrue(text.framing().isEmpty());
        IllegalArgumentException noMask = assertThrows(IllegalArgumentException.class, text::maskTokens);
        assertEquals("pseudo-log-likelihood needs a tokenizer with a mask token; this one has [END_OF_TEXT]", noMask.getMessage());
        // A BERT vocabulary read by a decoder is not framed either: framing follows the model's kind.
        assertTrue(ModelText.of(Tokenizers.standard().resolve("bert-base-uncased"), GPT).framing().isEmpty());
    }

    @Test
    void anEncoderWhoseVocabularyLacksClsOrSepIsNotFramed() {
        Tokenizer plain = new CharTokenizer() {
            @Override
            public SpecialTokens specialTokens() {
                return SpecialTokens.of(Map.of(Role.CLS, CharTokenizer.CLS, Role.MASK, CharTokenizer.MASK));
            }
        };
        ModelText text = ModelText.of(plain, BERT);
        assertTrue(text.framing().isEmpty());
        assertArrayEquals(plain.encode("ab"), text.encode("ab"));
        assertEquals(new MaskTokens(CharTokenizer.MASK, Set.of(CharTokenizer.CLS)), text.maskTokens());
        assertTrue(ModelText.of(new CharTokenizer(), BERT).framing().isPresent());
    }

    @Test
    void theFramingIsClsTokensSepAndSaysWhoNeedsAMissingToken() {
        EncoderFraming framing = new EncoderFraming(7, 9);
        assertArrayEquals(new int[] {7, 1, 2, 3, 9}, framing.frame(new int[] {1, 2, 3}));
        assertArrayEquals(new int[] {7, 9}, framing.frame(new int[0]));
        SpecialTokens onlyCls = SpecialTokens.of(Map.of(Role.CLS, 4));
        assertTrue(EncoderFraming.of(onlyCls).isEmpty());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> EncoderFraming.require(onlyCls, "x"));
        assertEquals("x needs a tokenizer with a sep token; this one has [CLS]", missing.getMessage());
    }
}
