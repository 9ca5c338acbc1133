package org.lmlab.eval.report.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Section;
import org.lmlab.eval.report.doc.TableBuilder;
import org.lmlab.eval.report.plot.Charts;
import org.lmlab.eval.report.plot.Series;
import org.lmlab.eval.report.read.RunFiles;
import org.lmlab.eval.report.read.TrainingHistory;

/**
 * What every training run (pretraining or a fine-tune through {@code TrainJob}) has: its
 * {@code train.json}, {@code status.json} and {@code metrics.jsonl}, read into headline rows
 * (final and best validation loss, training loss, tokens) and the loss and learning-rate plots.
 */
record TrainingRun(Path dir, JsonNode config, JsonNode status, TrainingHistory history) {

    static final String CONFIG = "train.json";

    static boolean holds(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG));
    }

    static TrainingRun read(Path dir) throws IOException {
        JsonNode config = RunFiles.tree(dir.resolve(CONFIG));
        JsonNode status = RunFiles.optionalTree(dir.resolve("status.json")).orElse(JsonNodeFactory.instance.objectNode());
        Path metrics = dir.resolve("metrics.jsonl");
        if (!Files.isRegularFile(metrics)) {
            throw new NoSuchFileException(metrics.toString(), null, "missing file (a training run logs its losses there)");
        }
        return new TrainingRun(dir, config, status, TrainingHistory.read(metrics));
    }

    /** Tokens trained on: steps x batch x accumulation x context, from the config and the last step logged. */
    long tokens() {
        double[] last = history.last("train");
        JsonNode train = config.path("train");
        long steps = last == null ? 0 : (long) last[0];
        return steps * train.path("batch_size").asLong(0) * Math.max(1, train.path("accumulation").asLong(1))
                * config.path("context").asLong(0);
    }

    void headline(Headline headline) {
        double[] val = history.last("val");
        double[] best = history.best("val");
        double[] train = history.last("train");
        double[] trainEval = history.last("train_eval");
        if (val != null) {
            headline.add("training", "final val loss (step " + (long) val[0] + ")", val[1], null, null, false);
        }
        if (best != null) {
            headline.add("training", "best val loss (step " + (long) best[0] + ")", best[1], null, null, false);
        }
        if (trainEval != null) {
            headline.add("training", "final train_eval loss (step " + (long) trainEval[0] + ")", trainEval[1], null, null, false);
        }
        if (train != null) {
            headline.add("training", "final train loss (step " + (long) train[0] + ", one batch)", train[1], null, null, false);
            headline.add("training", "tokens trained", tokens(), null, null, true);
        }
    }

    /** The status and the loss and learning-rate plots. */
    Section curves(String plotPrefix) {
        List<Block> blocks = new ArrayList<>();
        TableBuilder status = new TableBuilder("", "field", "value");
        status.row("model", config.path("model").path("name").asText(config.path("model_source").asText("?")));
        status.row("model source", config.path("model_source").asText("–"));
        status.row("objective", config.path("objective").path("type").asText("–"));
        status.row("state", this.status.path("state").asText("not recorded"));
        status.row("steps", this.status.has("step") ? this.status.path("step").asText() + " of "
                + this.status.path("total_steps").asText() : "not recorded");
        blocks.add(status.build());
        List<Series> losses = new ArrayList<>();
        for (String split : List.of("train", "train_eval", "val")) {
            if (!history.split(split).isEmpty()) {
                losses.add(new Series(split, history.split(split)));
            }
        }
        if (!losses.isEmpty()) {
            blocks.add(new Block.Plot(plotPrefix + "loss", "Loss vs step (train: one batch per step; train_eval and val: evaluations)",
                    Charts.lines("Loss", "step", "loss (nats per target)", losses, false)));
        }
        if (!history.learningRates().isEmpty()) {
            blocks.add(new Block.Plot(plotPrefix + "lr", "Learning rate vs step",
                    Charts.lines("Learning rate", "step", "learning rate", List.of(new Series("lr", history.learningRates())), false)));
        }
        if (losses.isEmpty()) {
            blocks.add(new Block.Paragraph("metrics.jsonl holds no losses yet."));
        }
        return new Section("Training", blocks);
    }
}
