package org.lmlab.eval.report.kinds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run kinds a report recognises, most specific first (an experiment folder, an eval run, the
 * two fine-tuning runs, which are also training runs, then a plain pretraining run).
 */
public final class RunKinds {

    private static final List<RunKind> KINDS = List.of(new ExperimentReport(), new EvalReport(), new ClassifyReport(),
            new InstructReport(), new PretrainReport());

    private RunKinds() {
    }

    /** The kind of run in {@code dir}, or an error saying it is not a run. */
    public static RunKind detect(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory; a report needs a run directory");
        }
        for (RunKind kind : KINDS) {
            if (kind.matches(dir)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(dir + " is not an lmlab run (no train.json, eval.json or experiment.yaml)");
    }

    /** The kind of run in {@code dir}, if it is one. */
    public static boolean isRun(Path dir) {
        return Files.isDirectory(dir) && KINDS.stream().anyMatch(kind -> kind.matches(dir));
    }
}
