package org.lmlab.training.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of a training run's folder: {@value #CONFIG} (the resolved {@link TrainJobConfig}),
 * {@code metrics.jsonl}, {@code checkpoints/} and, once training finished, {@code model/} (the
 * final weights as a model directory that {@code lmlab generate} and {@code score} read).
 */
public record RunDirectory(Path root) {

    /** The run's resolved config. */
    public static final String CONFIG = "train.json";

    public Path config() {
        return root.resolve(CONFIG);
    }

    public Path metrics() {
        return root.resolve("metrics.jsonl");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path model() {
        return root.resolve("model");
    }

    /** True if a run was started here. */
    public boolean holdsRun() {
        return Files.isRegularFile(config());
    }
}
