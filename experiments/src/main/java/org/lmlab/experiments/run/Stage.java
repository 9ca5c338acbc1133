package org.lmlab.experiments.run;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One unit of an experiment run: {@code id} such as {@code pretrain/gpt}, the hash of the config
 * it runs, its folder, how much work it is (its estimated seconds on a 2-core machine, for the run's ETA)
 * and the work itself.
 */
public record Stage(String id, String hash, Path folder, double weight, Work work) {

    /** What a stage does; {@code continuing} is true when the folder holds a run that was cut off. */
    @FunctionalInterface
    public interface Work {
        void run(Path folder, boolean continuing, StageProgress progress) throws IOException;
    }
}
