package org.lmlab.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import org.lmlab.layers.core.HostCopy;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.block.NormPlacement;
import org.lmlab.layers.core.InitConfig;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.layers.feedforward.FeedForwardConfig;
import org.lmlab.layers.norm.NormConfig;
import org.lmlab.layers.position.PositionalConfig;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;

/** Small models with a small vocabulary and non-trivial random weights, for fast exact tests. */
final class TestModels {

    static final int VOCAB = 61;
    static final int WIDTH = 32;
    static final int CONTEXT = 48;

    private TestModels() {
    }

    static ModelConfig decoder(AttentionConfig attention, String positions) {
        return config("decoder", attention, positions, NormPlacement.PRE, HeadConfig.languageModel(true), 2);
    }

    static ModelConfig encoder(AttentionConfig attention, String positions) {
        return config("encoder", attention, positions, NormPlacement.POST, HeadConfig.maskedLanguageModel(), 2);
    }

    static ModelConfig config(String stack, AttentionConfig attention, String positions, NormPlacement placement,
            HeadConfig head, int layers) {
        BlockConfig block = new BlockConfig(attention, new NormConfig("layer-norm", 1e-5f),
                new FeedForwardConfig("gelu-tanh", 4 * WIDTH, true), placement, 0f);
        return new ModelConfig("test-" + stack, stack, VOCAB, WIDTH, layers, stack.equals("encoder") ? 2 : 0,
                new PositionalConfig(positions, CONTEXT, 10000f), block, stack.equals("encoder"),
                stack.equals("decoder"), stack.equals("encoder"), 0f, head, new InitConfig("normal", 0.3f, false));
    }

    static AttentionConfig attention(String type, int heads, int kvHeads, int window) {
        return AttentionConfig.of(type, heads, kvHeads, window, true, true, 0f);
    }

    /** Builds and initializes a model from a seed; std 0.3 makes logits clearly token-dependent. */
    static LanguageModel initialized(ModelConfig config, NDManager manager, int seed) {
        LanguageModel model = Models.standard().build(config);
        Engine engine = OfflineEngine.get();
        engine.setRandomSeed(seed);
        model.initialize(manager);
        return model;
    }

    /** Copies every parameter of {@code from} into the same-named parameter of {@code to}. */
    static void copyWeights(LanguageModel from, LanguageModel to) {
        Map<String, Parameter> target = to.namedParameters();
        from.namedParameters().forEach((name, parameter) -> {
            NDArray destination = target.get(name).getArray();
            HostCopy.into(destination, parameter.getArray().toFloatArray());
        });
    }

    /** Copies into every parameter of {@code to} the same-named parameter of {@code from} (which may have more). */
    static void copyWeightsPresentIn(LanguageModel from, LanguageModel to) {
        Map<String, Parameter> source = from.namedParameters();
        to.namedParameters().forEach((name, parameter) -> HostCopy.into(parameter.getArray(), source.get(name).getArray().toFloatArray()));
    }

    static NDArray tokens(NDManager manager, int... ids) {
        long[] values = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            values[i] = ids[i];
        }
        return manager.create(values, new Shape(1, ids.length));
    }

    static float[] logits(LanguageModel model, NDManager manager, int... ids) {
        return model.forward(ModelInput.of(tokens(manager, ids)), false).toFloatArray();
    }
}
