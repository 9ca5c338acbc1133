package org.lmlab.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lmlab.eval.run.EvalJob;
import org.lmlab.eval.run.EvalRequest;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.experiments.file.EvalPlan;
import org.lmlab.experiments.file.Experiment;
import org.lmlab.layers.config.ConfigMapper;

/**
 * The evaluation stages of an experiment: {@code eval/<model>/}, an {@link EvalJob} run of the
 * experiment's tasks on the model's pretrained weights (its source when it has no pretraining).
 * A task whose config has an empty {@code run} field reads a fine-tuning run (classification
 * reads its test predictions) and is given the model's {@code finetune/<model>/}; the fine-tune's
 * Tribuo baseline gets {@code eval/tribuo-baseline/} for those tasks.
 */
public class EvalStages {

    private static final String RUN_FIELD = "run";
    private static final String PREDICTIONS_FIELD = "predictions";
    private static final String BASELINE_PREDICTIONS = "predictions-test-baseline.jsonl";

    /** The eval folder of the fine-tune's Tribuo baseline. */
    public static final String BASELINE = "tribuo-baseline";

    private final EvalJob job;
    private final ConfigMapper mapper;

    @Inject
    public EvalStages(EvalJob job, ConfigMapper mapper) {
        this.job = job;
        this.mapper = mapper;
    }

    /** One eval stage per model, after all of its training stages. */
    public List<Stage> stages(Experiment experiment, Path folder, Map<String, StagedExperimentRunner.ModelStages> models,
            PrintWriter out) {
        EvalPlan plan = experiment.eval().orElseThrow();
        JsonNode evalTree = experiment.resolved().get("eval");
        List<Stage> stages = new ArrayList<>();
        for (StagedExperimentRunner.ModelStages model : models.values()) {
            List<TaskConfig> tasks = new ArrayList<>();
            for (int i = 0; i < plan.tasks().size(); i++) {
                tasks.add(forModel(plan.tasks().get(i), model, i));
            }
            Path stageFolder = folder.resolve("eval").resolve(model.name());
            Path weights = model.pretrain() != null ? model.pretrain() : Path.of(model.weights());
            String hash = StagedExperimentRunner.hash("after", JsonNodeFactory.instance.textNode(model.hash()), "eval", evalTree,
                    "seed", experiment.resolved().get("seed"));
            EvalRequest request = new EvalRequest(weights, tasks, experiment.seed(), plan.resamples(), null, stageFolder);
            stages.add(new Stage("eval/" + model.name(), hash, stageFolder, 60.0 * tasks.size(), (dir, continuing, progress) -> {
                if (continuing) {
                    StageRunner.clear(dir);
                }
                job.run(request, (task, done, total) -> progress.update(total > 0 ? (double) done / total : 0,
                        String.format(Locale.ROOT, "%s %d/%d", task, done, total)));
            }));
        }
        baseline(experiment, folder, models).ifPresent(stages::add);
        return stages;
    }

    /**
     * With a fine-tune that trained the Tribuo baseline, an {@code eval/tribuo-baseline} stage: the tasks
     * that read a fine-tuning run's predictions ({@code run} and {@code predictions} fields), scored
     * on the baseline's predictions of the first model's fine-tune (every model's fine-tune trains
     * the same baseline on the same split), so the report compares the models with it, paired.
     */
    private java.util.Optional<Stage> baseline(Experiment experiment, Path folder, Map<String, StagedExperimentRunner.ModelStages> models) {
        if (experiment.classify().isEmpty() || !experiment.classify().get().baseline() || models.isEmpty()) {
            return java.util.Optional.empty();
        }
        StagedExperimentRunner.ModelStages first = models.values().iterator().next();
        List<TaskConfig> tasks = new ArrayList<>();
        for (TaskConfig task : experiment.eval().orElseThrow().tasks()) {
            ObjectNode tree = mapper.tree(task);
            if (readsFineTuningRun(tree) && tree.has(PREDICTIONS_FIELD) && first.finetune() != null) {
                tree.put(RUN_FIELD, first.finetune().toString());
                tree.put(PREDICTIONS_FIELD, BASELINE_PREDICTIONS);
                tasks.add(mapper.bind(tree, TaskConfig.class, "eval.tasks"));
            }
        }
        if (tasks.isEmpty()) {
            return java.util.Optional.empty();
        }
        Path stageFolder = folder.resolve("eval").resolve(BASELINE);
        String hash = StagedExperimentRunner.hash("after", JsonNodeFactory.instance.textNode(first.hash()),
                "eval", experiment.resolved().get("eval"), "baseline", JsonNodeFactory.instance.textNode(BASELINE_PREDICTIONS));
        // The tasks read only the predictions file; the request's model (read, never scored) is the first model's language model.
        Path languageModel = first.pretrain() != null ? first.pretrain() : Path.of(first.weights());
        EvalRequest request = new EvalRequest(languageModel, tasks, experiment.seed(), experiment.eval().get().resamples(), null,
                stageFolder);
        return java.util.Optional.of(new Stage("eval/" + BASELINE, hash, stageFolder, 5, (dir, continuing, progress) -> {
            if (continuing) {
                StageRunner.clear(dir);
            }
            job.run(request, org.lmlab.eval.task.EvalProgress.NONE);
        }));
    }

    /** The task as this model runs it: an empty {@code run} field names the model's fine-tuning run. */
    private TaskConfig forModel(TaskConfig task, StagedExperimentRunner.ModelStages model, int index) {
        ObjectNode tree = mapper.tree(task);
        if (!readsFineTuningRun(tree)) {
            return task;
        }
        if (model.finetune() == null) {
            throw new IllegalArgumentException("eval.tasks[" + index + "]: " + task.type()
                    + " reads a fine-tuning run, but the experiment has no finetune stage");
        }
        tree.put(RUN_FIELD, model.finetune().toString());
        return mapper.bind(tree, TaskConfig.class, "eval.tasks[" + index + "]");
    }


    /** True for a task config with an empty {@code run} field: it reads the fine-tuning run it is given. */
    private static boolean readsFineTuningRun(ObjectNode tree) {
        JsonNode run = tree.get(RUN_FIELD);
        return run != null && (run.isNull() || run.asText().isEmpty());
    }
}
