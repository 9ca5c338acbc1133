package org.lmlab.tokenizers.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.tokenizers.DataFiles;
import org.lmlab.tokenizers.Fixtures;
import org.lmlab.tokenizers.SpecialTokens.Role;
import org.lmlab.tokenizers.TokenizerFileException;
import org.lmlab.tokenizers.bpe.Gpt2Vocabulary;
import org.lmlab.tokenizers.wordpiece.WordPieceVocabulary;

/** Hugging Face tokenizer.json files through DJL, behind the same interface, agreeing with the Java tokenizers. */
class HuggingFaceJsonTokenizerTest {

    private static HuggingFaceJsonTokenizer gpt2;
    private static HuggingFaceJsonTokenizer bert;

    @BeforeAll
    static void load() throws IOException {
        gpt2 = HuggingFaceJsonTokenizer.load(DataFiles.path("gpt2/tokenizer.json"));
        bert = HuggingFaceJsonTokenizer.load(DataFiles.path("bert/tokenizer.json"));
    }

    @AfterAll
    static void close() {
        gpt2.close();
        bert.close();
    }

    @Test
    void gpt2FileAgreesWithTheJavaGpt2OnTheShakespeareAndJapaneseDocuments() {
        for (Fixtures.Document document : Fixtures.documents()) {
            if (document.source().equals("tinyshakespeare") || document.source().equals("wagahaiwa_nekodearu")) {
                assertArrayEquals(Gpt2Vocabulary.tokenizer().encodeAllowingSpecial(document.text()),
                        gpt2.encodeAllowingSpecial(document.text()), document.describe());
            }
        }
    }

    @Test
    void bertFileFramesLikeTheJavaWordPiece() {
        String text = "Hello, [MASK] world! Ünïcödé 中文";
        assertArrayEquals(WordPieceVocabulary.bertBaseUncased().encodeFramed(text).ids(), bert.encodeAsReference(text, false));
        assertArrayEquals(WordPieceVocabulary.bertBaseUncased().encodeAllowingSpecial(text), bert.encodeAllowingSpecial(text));
    }

    @Test
    void vocabularyTokensAndRoles() {
        assertEquals(50257, gpt2.vocabSize());
        assertEquals("Ġthe", gpt2.token(262));
        assertEquals(50256, gpt2.specialTokens().require(Role.END_OF_TEXT));
        assertEquals(30522, bert.vocabSize());
        assertEquals(103, bert.specialTokens().require(Role.MASK));
        assertEquals("Hello world", gpt2.decode(new int[] {15496, 995}));
    }

    @Test
    void plainEncodeRefusesTextWithASpecialStringItCannotReadAsText() {
        assertArrayEquals(new int[] {15496, 995}, gpt2.encode("Hello world"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpt2.encode("a<|endoftext|>"));
        assertTrue(e.getMessage().contains("contains the special token <|endoftext|>"), e.getMessage());
    }

    @Test
    void missingAndMalformedFilesAreNamed(@TempDir Path directory) throws IOException {
        Path missing = directory.resolve("none.json");
        assertThrows(NoSuchFileException.class, () -> HuggingFaceJsonTokenizer.load(missing));
        Path broken = Files.writeString(directory.resolve("broken.json"), "{\"model\": ");
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> HuggingFaceJsonTokenizer.load(broken));
        assertTrue(e.getMessage().startsWith(broken + ":"), e.getMessage());
        Path noVocab = Files.writeString(directory.resolve("novocab.json"), "{\"model\": {}}");
        assertEquals(noVocab + ": no model.vocab object or array",
                assertThrows(TokenizerFileException.class, () -> HuggingFaceJsonTokenizer.load(noVocab)).getMessage());
    }

    @Test
    void unknownIdsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpt2.decode(new int[] {60_000}));
        assertEquals("token id 60000 is outside the vocabulary (0..50256)", e.getMessage());
    }
}
