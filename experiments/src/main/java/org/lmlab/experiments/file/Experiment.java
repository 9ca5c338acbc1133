package org.lmlab.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated experiment file, bound to the project's config records: what the runner executes.
 * {@code resolved} is the resolved tree (presets expanded, defaults filled, every section present
 * or null), itself a valid experiment file; {@code hash} is the SHA-256 of its canonical JSON
 * ({@link ExperimentHash}), so two experiments that would run the same have the same hash.
 * {@code models} keeps the file's order.
 */
public record Experiment(
        String name,
        long seed,
        Path runsRoot,
        List<String> plugins,
        TokenizerPlan tokenizer,
        Map<String, ModelPlan> models,
        Optional<PretrainPlan> pretrain,
        Optional<ClassifyPlan> classify,
        Optional<InstructPlan> instruct,
        Optional<EvalPlan> eval,
        ReportPlan report,
        JsonNode resolved,
        String hash) {

    public Experiment {
        plugins = List.copyOf(plugins);
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        resolved = resolved.deepCopy();
    }

    /** The first 8 characters of {@link #hash}, for folder names and messages. */
    public String shortHash() {
        return hash.substring(0, 8);
    }

    /** The resolved tree (a copy: the experiment's own stays unchanged). */
    @Override
    public JsonNode resolved() {
        return resolved.deepCopy();
    }
}
