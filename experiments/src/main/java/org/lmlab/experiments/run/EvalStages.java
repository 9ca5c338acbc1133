package org.lmlab.experiments.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lmlab.experiments.file.Experiment;

/** The evaluation and report stages of an experiment, after every model's training stages. */
public class EvalStages {

    /** The stages that score each model on the experiment's tasks and write the comparison report. */
    public List<Stage> stages(Experiment experiment, Path folder, Map<String, StagedExperimentRunner.ModelStages> models,
            PrintWriter out) {
        return List.of();
    }
}
