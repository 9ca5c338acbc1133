package org.lmlab.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.inject.Guice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.block.NormPlacement;
import org.lmlab.layers.core.InitConfig;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.layers.feedforward.FeedForwardConfig;
import org.lmlab.layers.norm.NormConfig;
import org.lmlab.layers.position.PositionalConfig;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;
import org.lmlab.models.Models;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.weights.ModelWeights;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.Trainer;
import org.lmlab.training.data.Example;
import org.lmlab.training.data.ExampleSet;
import org.lmlab.training.data.TrainingData;
import org.lmlab.training.freeze.Trainable;
import org.lmlab.training.model.ModelEditConfig;
import org.lmlab.training.model.ModelEdits;
import org.lmlab.training.objective.CausalLmObjective;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.seed.SeededRandom;

/**
 * The {@code lora} edit on a micro decoder (vocabulary 64, two 16-wide blocks, untied head, so
 * nine linear layers): zero B leaves the logits bit for bit, training moves only the adapters
 * and only they get optimizer moments, merging gives the same logits to 1e-5, and the book's
 * appendix-E shape has an exact adapter count.
 */
class LoraTest {

    private static final ModelEdits EDITS = Guice.createInjector(new LoraModule()).getInstance(ModelEdits.class);
    private static final List<String> LINEAR = List.of("blocks.0.attention.qkv", "blocks.0.attention.output",
            "blocks.0.feed_forward.up", "blocks.0.feed_forward.down", "blocks.1.attention.qkv", "blocks.1.attention.output",
            "blocks.1.feed_forward.up", "blocks.1.feed_forward.down", "head.output");

    static ModelConfig micro() {
        BlockConfig block = new BlockConfig(AttentionConfig.multiHead(2, true, 0f), NormConfig.GPT2,
                new FeedForwardConfig("gelu-tanh", 64, true), NormPlacement.PRE, 0f);
        return new ModelConfig("micro", "decoder", 64, 16, 2, 0, PositionalConfig.learned(16), block,
                false, true, false, 0f, HeadConfig.languageModel(false), InitConfig.GPT2);
    }

    private static LanguageModel initialized(NDManager manager) {
        LanguageModel model = Models.standard().build(micro());
        manager.getEngine().setRandomSeed(11);
        model.initialize(manager);
        return model;
    }

    private static float[] logits(LanguageModel model, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray tokens = scratch.create(new long[] {3, 14, 15, 9, 2, 6, 53, 5, 8, 9, 7, 9, 3, 2, 38, 4}, new Shape(2, 8));
            return model.forward(ModelInput.of(tokens), false).toFloatArray();
        }
    }

    @Test
    void zeroBLeavesTheBaseModelsLogitsBitForBit() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = initialized(manager);
            float[] base = logits(model, manager);
            List<ModelEditConfig> edits = List.of(LoraConfig.of(4, 8));
            EDITS.modify(model, edits, 5);
            assertEquals(LINEAR, List.copyOf(Lora.linearLayers(model).keySet()));
            Map<String, ai.djl.nn.Parameter> parameters = model.namedParameters();
            assertEquals(new Shape(4, 16), parameters.get("blocks.0.attention.qkv.lora_a").getShape());
            assertEquals(new Shape(48, 4), parameters.get("blocks.0.attention.qkv.lora_b").getShape());
            assertEquals(new Shape(64, 4), parameters.get("head.output.lora_b").getShape());
            assertEquals(2f, Lora.linearLayers(model).get("head.output").lowRankScale(), "alpha / rank");
            float[] a = parameters.get("blocks.1.feed_forward.down.lora_a").getArray().toFloatArray();
            assertEquals(4 * 64, a.length);
            for (float value : a) {
                assertTrue(Math.abs(value) <= 0.5f, "A is uniform in +-1/sqrt(rank)");
            }
            assertTrue(a[0] != a[1]);
            assertArrayEquals(new float[48 * 4], parameters.get("blocks.0.attention.qkv.lora_b").getArray().toFloatArray());
            assertArrayEquals(base, logits(model, manager));
        }
    }

    @Test
    void onlyAdaptersTrainAndHoldOptimizerStateAndTheMergedModelAgreesTo1e5() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = initialized(manager);
            Map<String, float[]> base = weights(model);
            List<ModelEditConfig> edits = List.of(LoraConfig.of(2, 4));
            EDITS.modify(model, edits, 5);
            Map<String, float[]> start = weights(model);
            Trainable trainable = EDITS.trainable(model, edits);
            List<String> adapters = new ArrayList<>();
            LINEAR.forEach(layer -> adapters.addAll(List.of(layer + ".lora_a", layer + ".lora_b")));
            assertEquals(adapters, List.copyOf(trainable.names()));

            TrainConfig config = new TrainConfig(4, 1, 5, 0, 1.0, 0, 0, 0, 1, 1, 7, AdamWConfig.BOOK, ScheduleConfig.constant(1e-2));
            try (Trainer trainer = new Trainer(model, new CausalLmObjective(0), randomTokens(), config, null, List.of(), trainable)) {
                trainer.train();
                TreeSet<String> state = new TreeSet<>();
                trainer.optimizer().exportState().stream().map(HostTensor::name).forEach(state::add);
                TreeSet<String> expected = new TreeSet<>();
                adapters.forEach(name -> expected.addAll(List.of("m." + name, "v." + name)));
                assertEquals(expected, state);
            }
            Map<String, float[]> trained = weights(model);
            base.forEach((name, values) -> assertArrayEquals(values, trained.get(name), name + " is frozen"));
            adapters.forEach(name -> assertFalse(Arrays.equals(start.get(name), trained.get(name)), name + " trained"));

            float[] unmerged = logits(model, manager);
            EDITS.finish(model, edits);
            assertEquals(base.keySet(), ModelWeights.distinct(model).keySet(), "merging removes the adapters");
            assertFalse(Arrays.equals(base.get("blocks.0.attention.qkv.weight"),
                    model.namedParameters().get("blocks.0.attention.qkv.weight").getArray().toFloatArray()), "the delta is in W");
            float[] merged = logits(model, manager);
            double worst = 0;
            for (int i = 0; i < merged.length; i++) {
                worst = Math.max(worst, Math.abs(merged[i] - unmerged[i]));
            }
            assertTrue(worst <= 1e-5, "merged and unmerged logits differ by " + worst);
        }
    }

    @Test
    void theAppendixEShapeWithFusedQkvHas2371616Adapters() {
        // The book: gpt2-124m with a 2-class head, rank 16 on every linear layer, separate
        // W_query/W_key/W_value: 12 x 16 x (3 x (768+768) + (768+768) + (768+3072) + (3072+768)) + 16 x (768+2) = 2,666,528.
        // lmlab's fused QKV is one 768 -> 2304 layer per block: 16 x (768+2304) instead of 3 x 16 x (768+768).
        long fused = 12L * 16 * ((768 + 2304) + (768 + 768) + (768 + 3072) + (3072 + 768)) + 16L * (768 + 2);
        long separate = 12L * 16 * (3 * (768 + 768) + (768 + 768) + (768 + 3072) + (3072 + 768)) + 16L * (768 + 2);
        assertEquals(2_666_528, separate);
        assertEquals(2_371_616, fused);

        LanguageModel model = Models.standard().build(Presets.get("gpt2-124m").withHead(HeadConfig.classification(2)));
        long before = model.parameterCount();
        List<ModelEditConfig> edits = List.of(LoraConfig.of(16, 16));
        EDITS.modify(model, edits, 0);
        Trainable trainable = EDITS.trainable(model, edits);
        assertEquals(2_371_616, trainable.valueCount());
        assertEquals(2_371_616, model.parameterCount() - before);
        assertEquals(12 * 4 * 2 + 2, trainable.names().size());
        assertTrue(trainable.names().contains("head.classifier.lora_b"));
        assertTrue(model.namedParameters().values().stream().noneMatch(ai.djl.nn.Parameter::isInitialized), "nothing allocated");
    }

    @Test
    void targetsArePrefixesOfLayerNamesAndAnUnknownOneIsRefused() {
        LanguageModel model = Models.standard().build(micro());
        List<ModelEditConfig> edits = List.of(new LoraConfig(Lora.NAME, 2, 2, List.of("blocks.1.attention", "head")));
        EDITS.modify(model, edits, 0);
        Map<String, Integer> adapted = new LinkedHashMap<>();
        Lora.linearLayers(model).forEach((name, dense) -> adapted.put(name, dense.lowRank()));
        assertEquals(List.of("blocks.1.attention.qkv", "blocks.1.attention.output", "head.output"),
                adapted.entrySet().stream().filter(e -> e.getValue() == 2).map(Map.Entry::getKey).toList());
        assertEquals(6, EDITS.trainable(model, edits).names().size());

        LanguageModel other = Models.standard().build(micro());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> EDITS.modify(other, List.of(new LoraConfig(Lora.NAME, 2, 2, List.of("blocks.7"))), 0));
        assertEquals("edits.targets: 'blocks.7' names no linear layer of model micro; its linear layers: "
                + "blocks.0.attention.qkv, blocks.0.attention.output, blocks.0.feed_forward.up, blocks.0.feed_forward.down, "
                + "blocks.1.attention.qkv, blocks.1.attention.output, ... head.output (9)", unknown.getMessage());
        assertEquals("edits.rank: must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> LoraConfig.of(0, 1)).getMessage());
    }

    private static Map<String, float[]> weights(LanguageModel model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        ModelWeights.distinct(model).forEach((name, parameter) -> values.put(name, parameter.getArray().toFloatArray()));
        return values;
    }

    /** Twenty seeded rows of 17 tokens (inputs and shifted targets for a context of 16). */
    private static TrainingData randomTokens() {
        SeededRandom random = new SeededRandom(3);
        List<Example> rows = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            int[] tokens = new int[17];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = random.nextInt(64);
            }
            rows.add(Example.of(tokens));
        }
        ExampleSet set = new ExampleSet() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public Example get(int index) {
                return rows.get(index);
            }
        };
        return new TrainingData(set, set);
    }
}
