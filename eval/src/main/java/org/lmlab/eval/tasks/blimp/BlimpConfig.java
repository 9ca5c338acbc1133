package org.lmlab.eval.tasks.blimp;

import java.util.List;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.eval.tasks.TaskFiles;

/**
 * {@code blimp}: BLiMP's minimal pairs (Warstadt et al., 2020).
 *
 * @param path         a BLiMP directory (its {@code data/*.jsonl.gz} or {@code *.jsonl}, and optionally the
 *                     published {@code models_summary.jsonl} and {@code human_validation_summary.csv}), or
 *                     one paradigm's {@code .jsonl[.gz]} file; by default the bundled {@code data/blimp}
 * @param perParadigm  0 for every pair; else a seeded sample of this many pairs per paradigm (the same pairs
 *                     for every model given the same seed)
 * @param seed         the sample's seed
 * @param paradigms    the paradigms (UIDs) to score; empty for all
 */
public record BlimpConfig(String type, String path, int perParadigm, long seed, List<String> paradigms) implements TaskConfig {

    /** The registered name. */
    public static final String NAME = "blimp";

    /** The bundled data under the lmlab root. */
    public static final String BUNDLED = "data/blimp";

    public BlimpConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type: required");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path: required (a BLiMP directory or paradigm file)");
        }
        if (perParadigm < 0) {
            throw new IllegalArgumentException("per_paradigm: must be 0 (every pair) or positive, got " + perParadigm);
        }
        paradigms = paradigms == null ? List.of() : List.copyOf(paradigms);
    }

    /** The bundled data, 100 pairs per paradigm (6,700 pairs) sampled with seed 1234. */
    public static BlimpConfig defaults() {
        return new BlimpConfig(NAME, TaskFiles.bundled(BUNDLED).toString(), 100, 1234, List.of());
    }
}
