package org.lmlab.layers.core;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import java.util.Arrays;
import java.util.Locale;

/**
 * How weights start, by the name an {@link InitConfig} gives. The two families differ a lot
 * in practice: GPT-2's small normal weights train steadily at scale, while PyTorch's module
 * defaults (what the book's code uses) let a small model memorise a short text quickly.
 */
public enum InitScheme {

    /** GPT-2 and BERT: matrices and embeddings N(0, std), biases 0; residual projections optionally scaled. */
    NORMAL {
        @Override
        Initializer weight(InitConfig config, int fanIn, int depth, boolean residual) {
            return Init.normal(residual ? config.residualStd(depth) : config.std());
        }

        @Override
        Initializer bias(InitConfig config, int fanIn) {
            return Init.zeros();
        }
    },

    /** PyTorch's defaults: {@code nn.Linear} weights and biases U(±1/sqrt(fan_in)), {@code nn.Embedding} N(0, std) (std 1 in PyTorch). */
    PYTORCH {
        @Override
        Initializer weight(InitConfig config, int fanIn, int depth, boolean residual) {
            return new UniformInitializer((float) (1 / Math.sqrt(fanIn)));
        }

        @Override
        Initializer bias(InitConfig config, int fanIn) {
            return new UniformInitializer((float) (1 / Math.sqrt(fanIn)));
        }
    };

    abstract Initializer weight(InitConfig config, int fanIn, int depth, boolean residual);

    abstract Initializer bias(InitConfig config, int fanIn);

    /** The name configs use ({@code normal}, {@code pytorch}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scheme of this name, or an error listing the known ones. */
    public static InitScheme named(String name) {
        return Arrays.stream(values()).filter(scheme -> scheme.configName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("init.scheme: unknown '" + name + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(InitScheme::configName).toList())));
    }
}
