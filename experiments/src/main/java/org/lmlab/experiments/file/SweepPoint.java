package org.lmlab.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.lmlab.layers.config.ConfigOverrides.Assignment;

/**
 * One point of a sweep: its label ({@code seed=2,attention=grouped-query}, from the last path
 * segments), the assignments that make it from the experiment's resolved tree, its own resolved
 * tree (without a sweep) and the bound experiment the runner executes.
 */
public record SweepPoint(String label, List<Assignment> assignments, JsonNode resolved, Experiment experiment) {

    public SweepPoint {
        assignments = List.copyOf(assignments);
        resolved = resolved.deepCopy();
    }
}
