package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.metrics.MetricsLog;
import org.lmlab.training.metrics.ProgressReporter;
import org.lmlab.training.objective.Objective;

class MetricsLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private List<JsonNode> lines(Path path) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void everyStepAndEvaluationIsOneJsonLineWithTheReportedNumbers() throws IOException {
        Objective objective = TinyRuns.objective("causal-lm");
        Path path = temp.resolve(MetricsLog.FILE);
        TinyRuns.Recorder recorder = new TinyRuns.Recorder();
        StringWriter progress = new StringWriter();
        TrainConfig config = new TrainConfig(4, 1, 4, 0, 1.0, 2, 1, 0, 1, 2, 3,
                TinyModels.config(1, 3).optimizer(), TinyModels.config(1, 3).schedule());
        try (NDManager manager = OfflineEngine.get().newBaseManager(); MetricsLog log = MetricsLog.create(path)) {
            LanguageModel model = TinyModels.initialized(TinyModels.gpt(0f), manager, 3);
            try (Trainer trainer = new Trainer(model, objective, TinyRuns.verdict(objective), config, null,
                    List.of(recorder, log, new ProgressReporter(new PrintWriter(progress), false, 2)))) {
                trainer.train();
            }
        }
        List<JsonNode> lines = lines(path);
        List<String> order = lines.stream().map(node -> node.get("split").asText() + node.get("step").asLong()).toList();
        assertEquals(List.of("val0", "train_eval0", "train1", "train2", "val2", "train_eval2", "train3", "train4", "val4",
                "train_eval4"), order);
        List<JsonNode> train = lines.stream().filter(node -> node.get("split").asText().equals("train")).toList();
        for (int i = 0; i < 4; i++) {
            StepReport report = recorder.steps.get(i);
            JsonNode line = train.get(i);
            assertEquals(report.loss(), line.get("loss").asDouble(), 0);
            assertEquals(report.lr(), line.get("lr").asDouble(), 0);
            assertEquals(report.gradientNorm(), line.get("grad_norm").asDouble(), 0);
            assertTrue(line.get("tokens_per_s").asDouble() > 0);
            assertEquals(Set.of("step", "split", "loss", "lr", "grad_norm", "tokens_per_s", "epoch"), fields(line));
        }
        assertEquals(recorder.evaluations.get(2).loss(), lines.get(8).get("loss").asDouble(), 0);
        assertEquals(recorder.evaluations.get(2).trainLoss(), lines.get(9).get("loss").asDouble(), 0);
        // One evaluation batch of 4 windows of 24 targets on each side.
        assertEquals(96, lines.get(9).get("targets").asLong());
        // Plain progress: a start line, the first step, every 2nd step, evaluations, the end.
        String[] printed = progress.toString().split("\n");
        assertTrue(printed[0].startsWith("training: 4 steps: "), printed[0]);
        assertEquals(String.format(java.util.Locale.ROOT, "step 0  val_loss %.4f  train_eval_loss %.4f",
                recorder.evaluations.get(0).loss(), recorder.evaluations.get(0).trainLoss()), printed[1]);
        // The console counts epochs as metrics.jsonl does (from 0).
        assertTrue(printed[2].startsWith("step 1/4  epoch " + train.get(0).get("epoch").asLong() + "  loss "), printed[2]);
        assertTrue(printed[3].startsWith("step 2/4  epoch " + train.get(1).get("epoch").asLong() + "  loss "), printed[3]);
        assertEquals(8, printed.length, progress.toString());
        // done: the eval-mode training loss of the last evaluation and the best validation loss with its step.
        EvalReport best = recorder.evaluations.stream().min(java.util.Comparator.comparingDouble(EvalReport::loss)).orElseThrow();
        EvalReport last = recorder.evaluations.get(recorder.evaluations.size() - 1);
        assertEquals(String.format(java.util.Locale.ROOT, "done: 4 steps, train loss %.4f (eval mode), val loss %.4f, "
                + "best val loss %.4f at step %d, %,d tokens", last.trainLoss(), last.loss(), best.loss(), best.step(),
                recorder.steps.stream().mapToLong(StepReport::tokens).sum()), printed[7]);
    }

    @Test
    void resumingDropsLinesWrittenAfterTheCheckpointAndACutOffLine() throws IOException {
        Path path = temp.resolve(MetricsLog.FILE);
        Files.writeString(path, "{\"step\":1,\"split\":\"train\",\"loss\":3.0}\n{\"step\":2,\"split\":\"val\",\"loss\":2.9}\n"
                + "{\"step\":3,\"split\":\"train\",\"loss\":2.5}\n{\"step\":4,\"spl");
        try (MetricsLog log = MetricsLog.resume(path, 2)) {
            log.onStep(new StepReport(3, 9, 0, 2.25, 1e-3, 0.5, 100, 0.5));
        }
        List<JsonNode> lines = lines(path);
        assertEquals(3, lines.size());
        assertEquals(2.9, lines.get(1).get("loss").asDouble());
        assertEquals(2.25, lines.get(2).get("loss").asDouble());
        assertEquals(200.0, lines.get(2).get("tokens_per_s").asDouble());
    }

    @Test
    void aTerminalGetsOneRedrawnBarLine() {
        StringWriter out = new StringWriter();
        ProgressReporter bar = new ProgressReporter(new PrintWriter(out), true, 1);
        bar.onStart(new TrainingPlan(0, 4, 10, 2, 5, false));
        bar.onStep(new StepReport(1, 4, 0, 3.5, 1e-3, 1.0, 64, 0.5));
        bar.onStep(new StepReport(2, 4, 0, 3.25, 1e-3, 1.0, 64, 0.5));
        bar.onEvaluation(new EvalReport(2, 3.0, 40, 2.5, 40));
        String text = out.toString();
        assertTrue(text.contains("\r[############------------] step 2/4  loss 3.2500  128 tok/s  ETA 1s"), text);
        assertTrue(text.contains("ETA 1s   \nstep 2  val_loss 3.0000  train_eval_loss 2.5000\n"), text);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aHeldOutSplitIsAppendedInTheShapeOfAValidationLineAndProgressShowsMetrics(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.create(file)) {
            log.onEvaluation(new EvalReport(4, 0.5, 10, 0.25, 12, java.util.Map.of("accuracy", 0.75), java.util.Map.of("accuracy", 1.0)));
        }
        MetricsLog.appendEvaluation(file, 4, "test", 0.125, 300, java.util.Map.of("accuracy", 0.9));
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        JsonNode test = new ObjectMapper().readTree(lines.get(2));
        assertEquals("{\"step\":4,\"split\":\"test\",\"loss\":0.125,\"targets\":300,\"accuracy\":0.9}", test.toString());

        StringWriter out = new StringWriter();
        new ProgressReporter(new PrintWriter(out), false, 1).onEvaluation(
                new EvalReport(4, 0.5, 10, 0.25, 12, java.util.Map.of("accuracy", 0.75), java.util.Map.of("accuracy", 1.0)));
        assertEquals("step 4  val_loss 0.5000  train_eval_loss 0.2500  val_accuracy 0.7500  train_eval_accuracy 1.0000",
                out.toString().strip());
    }
}
