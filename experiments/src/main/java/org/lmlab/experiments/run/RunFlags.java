package org.lmlab.experiments.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How {@code lmlab run} was asked to run: {@code fresh} starts new stages even where an earlier
 * run folder holds finished ones, {@code resume} continues the run folder it names (whose
 * {@code experiment.yaml} the experiment was read from), {@code sets} are the {@code --set}
 * edits as typed (already applied to the experiment; kept for the run's record).
 */
public record RunFlags(boolean fresh, Optional<Path> resume, List<String> sets) {

    public RunFlags {
        resume = resume == null ? Optional.empty() : resume;
        sets = sets == null ? List.of() : List.copyOf(sets);
        if (fresh && resume.isPresent()) {
            throw new IllegalArgumentException("--fresh and --resume: give one of them");
        }
    }

    /** A plain new run. */
    public static RunFlags none() {
        return new RunFlags(false, Optional.empty(), List.of());
    }
}
