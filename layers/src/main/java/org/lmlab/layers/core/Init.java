package org.lmlab.layers.core;

import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;

/**
 * The initializers lmlab uses. They draw from the engine's random generator, so seeding the
 * engine before {@link NamedBlock#initialize} makes initial weights repeatable.
 */
public final class Init {

    private Init() {
    }

    /** Normal with mean 0 and this standard deviation (GPT-2 and BERT use 0.02). */
    public static Initializer normal(float std) {
        return new NormalInitializer(std);
    }

    /** All zeros (biases). */
    public static Initializer zeros() {
        return Initializer.ZEROS;
    }

    /** All ones (norm scales). */
    public static Initializer ones() {
        return new ConstantInitializer(1f);
    }
}
