package org.lmlab.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import org.lmlab.models.hf.Gpt2Architecture;
import org.lmlab.models.hf.Gpt2HfConfig;
import org.lmlab.models.hf.HfArchitecture;
import org.lmlab.models.hf.TensorRule;
import org.lmlab.models.reference.ReferenceGpt2;

/**
 * Hugging Face export is honest: a model is written in a family's layout only if every
 * component is exactly what the family computes, the refusal names the component, and no
 * parameter is ever left out of the file.
 */
class HfExportTest {

    private static final ModelDirectory DIRECTORY = ModelDirectory.standard();
    private static final int[] IDS = {3, 41, 14, 15, 52, 9};

    /** A small GPT-2 that Hugging Face can express exactly. */
    private static ModelConfig gpt2() {
        BlockConfig block = new BlockConfig(AttentionConfig.multiHead(4, true, 0f), NormConfig.GPT2,
                new FeedForwardConfig("gelu-tanh", 64, true), NormPlacement.PRE, 0f);
        return new ModelConfig("small-gpt2", "decoder", 61, 32, 2, 0, PositionalConfig.learned(24), block,
                false, true, false, 0f, HeadConfig.languageModel(true), new InitConfig("normal", 0.3f, false));
    }

    private static ModelConfig withBlock(ModelConfig config, UnaryOperator<BlockConfig> change) {
        return new ModelConfig(config.name(), config.stack(), config.vocabSize(), config.width(), config.layers(),
                config.typeVocabSize(), config.positions(), change.apply(config.block()), config.embeddingNorm(),
                config.finalNorm(), config.pooler(), config.embeddingDropout(), config.head(), config.init());
    }

    private static BlockConfig attention(BlockConfig block, AttentionConfig attention) {
        return new BlockConfig(attention, block.norm(), block.feedForward(), block.placement(), block.residualDropout());
    }

    static Stream<Arguments> inexpressible() {
        ModelConfig gpt2 = gpt2();
        return Stream.of(
                Arguments.of("grouped-query", withBlock(gpt2, b -> attention(b, AttentionConfig.of("grouped-query", 4, 2, 0, true, true, 0f))),
                        List.of("block.attention.type is grouped-query (needs multi-head)",
                                "block.attention.kv_heads is 2 (needs 4, one per query head)")),
                Arguments.of("swiglu", withBlock(gpt2, b -> new BlockConfig(b.attention(), b.norm(),
                                new FeedForwardConfig("swiglu", 64, true), b.placement(), 0f)),
                        List.of("block.feed_forward.type is swiglu (needs gelu-tanh or gelu-erf)")),
                Arguments.of("sliding-window", withBlock(gpt2, b -> attention(b, AttentionConfig.of("sliding-window", 4, 4, 8, true, true, 0f))),
                        List.of("block.attention.type is sliding-window (needs multi-head)",
                                "block.attention.window is 8 (needs 0, no window)")),
                Arguments.of("rms-norm", withBlock(gpt2, b -> new BlockConfig(b.attention(), new NormConfig("rms-norm", 1e-5f),
                                b.feedForward(), b.placement(), 0f)),
                        List.of("block.norm.type is rms-norm (needs layer-norm)")),
                Arguments.of("post-norm", withBlock(gpt2, b -> new BlockConfig(b.attention(), b.norm(), b.feedForward(),
                                NormPlacement.POST, 0f)),
                        List.of("block.placement is POST (needs PRE)")),
                Arguments.of("no qkv bias", withBlock(gpt2, b -> attention(b, AttentionConfig.multiHead(4, false, 0f))),
                        List.of("block.attention.qkv_bias is false (needs true)")),
                Arguments.of("rope", new ModelConfig("rope", "decoder", 61, 32, 2, 0, new PositionalConfig("rope", 24, 10000f),
                                gpt2.block(), false, true, false, 0f, gpt2.head(), gpt2.init()),
                        List.of("positions.type is rope (needs learned)")),
                Arguments.of("classifier", gpt2.withHead(HeadConfig.classification(3)),
                        List.of("head.type is classification (needs lm)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inexpressible")
    void exportRefusesNamingEachComponent(String variant, ModelConfig config, List<String> problems, @TempDir Path directory) {
        LanguageModel model = Models.standard().build(config);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DIRECTORY.saveHuggingFace(model, directory));
        // The closest family (GPT-2) is the one that explains, listing exactly what it cannot express.
        assertEquals("model '" + config.name() + "' cannot be written as Hugging Face GPT-2: " + String.join("; ", problems),
                error.getMessage());
        assertFalse(Files.exists(directory.resolve(ModelDirectory.WEIGHTS)));
        assertFalse(Files.exists(directory.resolve(ModelDirectory.HF_CONFIG)));
    }

    @Test
    void saveFallsBackToLmlabLayoutForAGroupedQueryModel(@TempDir Path directory) throws IOException {
        ModelConfig config = withBlock(gpt2(), b -> attention(b, AttentionConfig.of("grouped-query", 4, 2, 0, true, true, 0f)));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = initialized(config, manager, 71);
            assertEquals(ModelDirectory.Layout.LMLAB, DIRECTORY.save(model, directory));
            assertTrue(Files.exists(directory.resolve(ModelDirectory.LMLAB_CONFIG)));
            assertEquals(config, DIRECTORY.readConfig(directory));
        }
    }

    @Test
    void aConfigThatComputesMultiHeadAttentionIsWrittenAsGpt2(@TempDir Path directory) throws IOException {
        // Grouped-query with one key/value head per query head is multi-head attention.
        ModelConfig config = withBlock(gpt2(), b -> attention(b, AttentionConfig.of("grouped-query", 4, 4, 0, true, true, 0f)));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = initialized(config, manager, 72);
            DIRECTORY.saveHuggingFace(model, directory);
            assertEquals(Gpt2HfConfig.MODEL_TYPE, org.lmlab.models.hf.HfConfigs.read(directory.resolve("config.json")).modelType());
            double[][] expected = ReferenceGpt2.load(directory).logits(IDS);
            HfInteropTest.assertClose(expected, HfInteropTest.logits(model, manager, IDS), 2e-4);
            assertEquals("multi-head", DIRECTORY.readConfig(directory).block().attention().type());
        }
    }

    @Test
    void aParameterNoRuleWritesIsRefusedByName(@TempDir Path directory) throws IOException {
        // A GPT-2 family whose rules forget the final norm: export must fail, not drop ln_f.
        HfArchitecture<Gpt2HfConfig> forgetful = new ForgetfulGpt2(rule -> !rule.lmlab().startsWith("final_norm."));
        ModelDirectory directories = new ModelDirectory(Models.standard(), Map.of("gpt2", forgetful), ModelConfigJson.standard());
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = initialized(gpt2(), manager, 73);
            IllegalArgumentException strict = assertThrows(IllegalArgumentException.class,
                    () -> directories.saveHuggingFace(model, directory));
            assertEquals("cannot write model 'small-gpt2' as Hugging Face gpt2: no tensor rule writes parameters "
                    + "final_norm.weight, final_norm.bias", strict.getMessage());
            IllegalArgumentException automatic = assertThrows(IllegalArgumentException.class,
                    () -> directories.save(model, directory));
            assertEquals(strict.getMessage(), automatic.getMessage());
            assertFalse(Files.exists(directory.resolve(ModelDirectory.WEIGHTS)));
            // The real family writes every parameter.
            DIRECTORY.saveHuggingFace(model, directory);
            assertArrayEquals(HfInteropTest.logits(model, manager, IDS),
                    HfInteropTest.logits(DIRECTORY.load(directory, manager), manager, IDS), 0f);
        }
    }

    private static LanguageModel initialized(ModelConfig config, NDManager manager, int seed) {
        LanguageModel model = Models.standard().build(config);
        manager.getEngine().setRandomSeed(seed);
        model.initialize(manager);
        return model;
    }

    /** Hugging Face GPT-2 with some of its tensor rules filtered out. */
    private record ForgetfulGpt2(Predicate<TensorRule> keep) implements HfArchitecture<Gpt2HfConfig> {
        private static final Gpt2Architecture REAL = new Gpt2Architecture();

        @Override
        public Class<Gpt2HfConfig> configType() {
            return REAL.configType();
        }

        @Override
        public ModelConfig toModelConfig(Gpt2HfConfig config, String name, Predicate<String> stored) {
            return REAL.toModelConfig(config, name, stored);
        }

        @Override
        public Gpt2HfConfig fromModelConfig(ModelConfig config) {
            return REAL.fromModelConfig(config);
        }

        @Override
        public String optionalPrefix() {
            return REAL.optionalPrefix();
        }

        @Override
        public boolean mayPrefix(String canonical) {
            return REAL.mayPrefix(canonical);
        }

        @Override
        public String storedName(ModelConfig config, String canonical) {
            return REAL.storedName(config, canonical);
        }

        @Override
        public List<TensorRule> rules(ModelConfig config) {
            return REAL.rules(config).stream().filter(keep).toList();
        }

        @Override
        public Predicate<String> ignorable(ModelConfig config) {
            return REAL.ignorable(config);
        }
    }
}
