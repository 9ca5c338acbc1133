package org.lmlab.tokenizers.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.tokenizers.DataFiles;
import org.lmlab.tokenizers.SpecialTokens.Role;
import org.lmlab.tokenizers.hf.HuggingFaceJsonTokenizer;

/** BPE from scratch on tiny Shakespeare: the learned merges, saving, loading back, and Hugging Face reading the saved file. */
class BpeTrainerTest {

    private static String shakespeare;
    private static BpeModel model;

    @BeforeAll
    static void train() throws IOException {
        shakespeare = Files.readString(DataFiles.path("tinyshakespeare.txt"));
        model = new BpeTrainer(new BpeTrainer.Settings(256 + 1000 + 1, List.of("<|endoftext|>"))).train(shakespeare);
    }

    @Test
    void learnsOneThousandMergesMostFrequentFirst() {
        assertEquals(1257, model.size());
        assertEquals(1000, model.mergeCount());
        assertEquals(List.of("Ġt", "he", "Ġa", "ou"), List.of(model.token(256), model.token(257), model.token(258), model.token(259)));
        assertEquals("!", model.token(0));
        assertEquals("<|endoftext|>", model.token(1256));
        assertEquals(1256, new ByteLevelBpeTokenizer(model).specialTokens().require(Role.END_OF_TEXT));
    }

    @Test
    void encodesWithTheLearnedMerges() {
        ByteLevelBpeTokenizer tokenizer = new ByteLevelBpeTokenizer(model);
        assertEquals(List.of("First", "ĠCitizen", ":"), tokensOf(tokenizer, "First Citizen:"));
        int[] ids = tokenizer.encode(shakespeare);
        assertEquals(435_674, ids.length);
        assertEquals(shakespeare, tokenizer.decode(ids));
    }

    @Test
    void trainingIsDeterministic() {
        BpeModel again = new BpeTrainer(new BpeTrainer.Settings(1257, List.of("<|endoftext|>"))).train(shakespeare);
        for (int rank = 0; rank < model.mergeCount(); rank++) {
            assertArrayEquals(model.merge(rank), again.merge(rank), "merge " + rank);
        }
    }

    @Test
    void savedFilesLoadBackToTheSameTokenizer(@TempDir Path directory) throws IOException {
        BpeFiles.write(model, directory);
        assertTrue(BpeFiles.isBpeDirectory(directory));
        BpeModel loaded = BpeFiles.read(directory);
        assertEquals(model.size(), loaded.size());
        assertEquals(model.specials(), loaded.specials());
        String sample = shakespeare.substring(0, 50_000) + "<|endoftext|>ünïcödé 🤖";
        assertArrayEquals(new ByteLevelBpeTokenizer(model).encode(sample), new ByteLevelBpeTokenizer(loaded).encode(sample));
        assertArrayEquals(new ByteLevelBpeTokenizer(model).encodeAllowingSpecial(sample),
                new ByteLevelBpeTokenizer(loaded).encodeAllowingSpecial(sample));
    }

    @Test
    void huggingFaceReadsTheSavedTokenizerJsonAndAgrees(@TempDir Path directory) throws IOException {
        BpeFiles.write(model, directory);
        ByteLevelBpeTokenizer ours = new ByteLevelBpeTokenizer(model);
        try (HuggingFaceJsonTokenizer reference = HuggingFaceJsonTokenizer.load(directory.resolve(BpeFiles.HF_TOKENIZER))) {
            String sample = shakespeare.substring(0, 20_000);
            assertArrayEquals(ours.encode(sample), reference.encodeAllowingSpecial(sample));
            assertArrayEquals(new int[] {1256}, reference.encodeAllowingSpecial("<|endoftext|>"));
            assertEquals(1257, reference.vocabSize());
        }
    }

    @Test
    void theWikipediaExampleMergesAaThenAbThenBoth() {
        BpeModel small = new BpeTrainer(new BpeTrainer.Settings(259, List.of())).train("aaabdaaabac");
        assertEquals(List.of("aa", "ab", "aaab"), List.of(small.token(256), small.token(257), small.token(258)));
    }

    @Test
    void aCorpusWithoutEnoughPairsStopsEarly() {
        BpeModel small = new BpeTrainer(new BpeTrainer.Settings(1000, List.of())).train("abab");
        assertEquals(List.of("ab", "abab"), List.of(small.token(256), small.token(257)));
        assertEquals(258, small.size());
    }

    @Test
    void specialTokensAreNotLearnedFrom() {
        BpeModel withSpecial = new BpeTrainer(new BpeTrainer.Settings(260, List.of("<|endoftext|>")))
                .train("<|endoftext|><|endoftext|><|endoftext|>xy");
        assertEquals("xy", withSpecial.token(256));
        assertEquals("<|endoftext|>", withSpecial.token(257));
    }

    @Test
    void badSettingsAndEmptyCorporaAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BpeTrainer.Settings(256, List.of("<|endoftext|>")));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new BpeTrainer(new BpeTrainer.Settings(300, List.of())).train(""));
        assertEquals("cannot learn BPE merges from an empty corpus", empty.getMessage());
    }

    private static List<String> tokensOf(ByteLevelBpeTokenizer tokenizer, String text) {
        return java.util.Arrays.stream(tokenizer.encode(text)).mapToObj(tokenizer::token).toList();
    }
}
