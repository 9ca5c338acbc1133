package org.lmlab.experiments.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.experiments.file.ClassifyPlan;
import org.lmlab.experiments.file.Experiment;
import org.lmlab.experiments.file.ModelPlan;
import org.lmlab.experiments.file.PretrainPlan;
import org.lmlab.experiments.file.SweepPoint;
import org.lmlab.experiments.file.TokenizerPlan;
import org.lmlab.models.config.ModelConfig;

/** What {@code lmlab run --check} prints: the tokenizer, each model and its stages, and the sweep's points. */
final class RunPlan {

    private final Experiment experiment;
    private final List<SweepPoint> points;

    RunPlan(Experiment experiment, List<SweepPoint> points) {
        this.experiment = experiment;
        this.points = points;
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        line(text, "experiment %s (%s), seed %d, run folders under %s", experiment.name(), experiment.shortHash(),
                experiment.seed(), experiment.runsRoot());
        TokenizerPlan tokenizer = experiment.tokenizer();
        if (tokenizer.name().isPresent()) {
            line(text, "tokenizer: %s", tokenizer.name().get());
        } else {
            TokenizerPlan.TrainSpec spec = tokenizer.train().get();
            line(text, "tokenizer: BPE of %d ids trained on %s, special tokens %s", spec.vocabSize(), spec.data(),
                    spec.specialTokens());
        }
        line(text, "models:");
        for (ModelPlan model : experiment.models().values()) {
            ModelConfig config = model.model();
            line(text, "  %s: %s%s %d x %d, %d heads, %s attention, %s positions, context %d, vocabulary %d", model.name(),
                    model.source() == null ? "" : model.source() + ", ", config.stack(), config.layers(), config.width(),
                    config.block().attention().heads(), config.block().attention().type(), config.positions().type(),
                    config.contextLength(), config.vocabSize());
            for (String stage : stages(model)) {
                line(text, "    %s", stage);
            }
        }
        line(text, "report: %s", experiment.report().title());
        if (points.size() > 1 || !points.get(0).label().isEmpty()) {
            line(text, "sweep: %d points", points.size());
            for (SweepPoint point : points) {
                line(text, "  %s (%s)", point.label(), point.experiment().shortHash());
            }
        }
        return text.toString();
    }

    private List<String> stages(ModelPlan model) {
        List<String> stages = new ArrayList<>();
        if (experiment.pretrain().isPresent()) {
            PretrainPlan pretrain = experiment.pretrain().get();
            int context = pretrain.context() > 0 ? pretrain.context() : model.model().contextLength();
            String length = pretrain.train().steps() > 0 ? pretrain.train().steps() + " steps" : pretrain.train().epochs() + " epochs";
            stages.add(String.format(Locale.ROOT, "pretrain: %s on %s, %s of %d x %d tokens, lr %s",
                    model.objective().map(o -> o.type()).orElse("?"), pretrain.data().shortName(), length,
                    pretrain.train().batchSize() * pretrain.train().accumulation(), context, pretrain.train().schedule().peakLr()));
        }
        if (experiment.instruct().isPresent()) {
            org.lmlab.experiments.file.InstructPlan instruct = experiment.instruct().get();
            String length = instruct.steps() > 0 ? instruct.steps() + " steps" : instruct.epochs() + " epochs";
            stages.add(String.format(Locale.ROOT, "finetune instruct: %s, %s prompts, %s of batch %d, lr %s%s",
                    instruct.dataFile().getFileName(), instruct.format(), length, instruct.batch(), instruct.lr(),
                    instruct.loraRank() > 0 ? ", LoRA rank " + instruct.loraRank() : ", all weights"));
        }
        if (experiment.classify().isPresent()) {
            ClassifyPlan classify = experiment.classify().get();
            String length = classify.steps() > 0 ? classify.steps() + " steps" : classify.epochs() + " epochs";
            stages.add(String.format(Locale.ROOT, "finetune classify: %s, train %s, %s of batch %d, lr %s%s",
                    classify.data().shortName(), classify.policy(), length, classify.batch(), classify.lr(),
                    classify.baseline() ? ", with the baseline" : ""));
        }
        if (experiment.eval().isPresent()) {
            stages.add("eval: " + String.join(", ", experiment.eval().get().tasks().stream().map(TaskConfig::type).toList())
                    + " (" + experiment.eval().get().resamples() + " resamples)");
        }
        if (stages.isEmpty()) {
            stages.add("no stage (the file has no pretrain, finetune or eval section)");
        }
        return stages;
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
