package org.lmlab.training;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.block.NormPlacement;
import org.lmlab.layers.core.InitConfig;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.layers.feedforward.FeedForwardConfig;
import org.lmlab.layers.norm.NormConfig;
import org.lmlab.layers.position.PositionalConfig;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.seed.RandomStreams;

/** Tiny GPT- and BERT-shaped models over the test character vocabulary, and the-verdict text. */
final class TinyModels {

    static final int VOCAB = new CharTokenizer().vocabSize();
    static final int WIDTH = 32;
    static final int CONTEXT = 24;

    private TinyModels() {
    }

    static ModelConfig gpt(float dropout) {
        BlockConfig block = new BlockConfig(AttentionConfig.multiHead(4, true, dropout), NormConfig.GPT2,
                new FeedForwardConfig("gelu-tanh", 4 * WIDTH, true), NormPlacement.PRE, dropout);
        return new ModelConfig("tiny-gpt", "decoder", VOCAB, WIDTH, 2, 0, PositionalConfig.learned(CONTEXT), block,
                false, true, false, dropout, HeadConfig.languageModel(true), InitConfig.GPT2);
    }

    static ModelConfig bert(float dropout) {
        BlockConfig block = new BlockConfig(AttentionConfig.multiHead(4, true, dropout), NormConfig.BERT,
                new FeedForwardConfig("gelu-erf", 4 * WIDTH, true), NormPlacement.POST, dropout);
        return new ModelConfig("tiny-bert", "encoder", VOCAB, WIDTH, 2, 2, PositionalConfig.learned(CONTEXT), block,
                true, false, true, dropout, HeadConfig.maskedLanguageModel(), InitConfig.BERT);
    }

    /** A model initialised from the run's init stream, as a real run does. */
    static LanguageModel initialized(ModelConfig config, NDManager manager, long seed) {
        LanguageModel model = Models.standard().build(config);
        OfflineEngine.get().setRandomSeed(new RandomStreams(seed).initSeed());
        model.initialize(manager);
        return model;
    }

    /** Settings for fast tests: batch 4, a fixed number of steps, AdamW at 3e-3 with no warm-up. */
    static TrainConfig config(long steps, long seed) {
        return new TrainConfig(4, 1, steps, 0, 1.0, 0, 2, 0, 2, 1, seed,
                AdamWConfig.BOOK, new ScheduleConfig(3e-3, 2, 3e-4));
    }

    /** The book's short story, from the repository's data folder. */
    static String verdict() {
        try {
            return Files.readString(Path.of(System.getProperty("lmlab.root", ".."), "data", "the-verdict.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GPT-2-shaped micro model (16 wide, 2 heads, context 16, GPT-2's vocabulary) saved as a Hugging Face directory. */
    static Path savedMicroGpt(Path directory, int layers, float dropout, int seed) throws IOException {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = org.lmlab.models.Models.standard().build(
                    org.lmlab.models.preset.Presets.gpt2("micro-gpt", 16, layers, 2, 16, true, true, dropout));
            manager.getEngine().setRandomSeed(seed);
            model.initialize(manager);
            org.lmlab.models.io.ModelDirectory.standard().save(model, directory);
        }
        return directory;
    }
}
