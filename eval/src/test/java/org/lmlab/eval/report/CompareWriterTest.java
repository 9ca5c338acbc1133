package org.lmlab.eval.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.report.compare.PairedTest;
import org.lmlab.eval.stats.PairedBootstrap;
import org.lmlab.eval.task.ItemResult;

/** Comparisons of hand-written runs: values side by side, paired tests against the first run, curves, config differences. */
class CompareWriterTest {

    @TempDir
    Path temp;

    private Path gpt;
    private Path small;
    private Path bert;

    private void threeRuns() throws IOException {
        Path training = RunFixtures.training(temp.resolve("pretrain"), 4e-4, true);
        gpt = RunFixtures.causalEval(temp.resolve("gpt"), training.resolve("model").toString(), new int[] {1, 1, 0, 1, 0, 0},
                new double[] {20, 40, 60, 80});
        // the same BLiMP items; only three of the four documents, each at 1 nat per token (the baseline: 2)
        small = RunFixtures.causalEval(temp.resolve("small"), "/models/small", new int[] {1, 0, 1, 1, 1, 1}, new double[] {10, 20, 30});
        bert = RunFixtures.eval(temp.resolve("bert"), "/models/bert", "masked", List.of(
                new RunFixtures.TaskSpec("perplexity", "perplexity", List.of(RunFixtures.perplexity("pseudo_perplexity")), List.of(),
                        RunFixtures.documents(new double[] {30, 50, 70, 90}, new double[] {10, 20, 30, 40}), Map.of(),
                        List.of("pseudo-perplexity is not comparable with a causal model's perplexity"))));
    }

    @Test
    void pairedTestsAgainstTheFirstRunWithHandComputedPValues() throws IOException {
        threeRuns();
        Path out = temp.resolve("cmp");
        CompareWriter.compare(List.of(new LabelledRun("gpt", gpt), new LabelledRun("small", small), new LabelledRun("bert", bert)), out);
        ReportJson report = ReportJson.read(out);
        JsonNode blimp = report.table("Task blimp", 0);
        JsonNode smallBlimp = ReportJson.row(blimp, "accuracy", "small");
        assertEquals(5.0 / 6, smallBlimp.get(2).asDouble(), 1e-12);
        assertEquals(5.0 / 6 - 0.5, smallBlimp.get(ReportJson.column(blimp, "Δ vs gpt")).asDouble(), 1e-12);
        // discordant pairs: 1 right only by gpt, 3 only by small: p = 2 * P(Binomial(4, 1/2) <= 1) = 2 * 5/16
        assertEquals("0.6250", smallBlimp.get(ReportJson.column(blimp, "p McNemar")).asText());
        assertEquals(6, smallBlimp.get(ReportJson.column(blimp, "paired items")).asLong());
        assertEquals(0, smallBlimp.get(ReportJson.column(blimp, "left out")).asLong());
        assertTrue(ReportJson.row(blimp, "accuracy", "gpt").get(ReportJson.column(blimp, "p McNemar")).isNull());

        JsonNode perplexity = report.table("Task perplexity", 0);
        JsonNode smallPpl = ReportJson.row(perplexity, "perplexity", "small");
        assertEquals(Math.E, smallPpl.get(2).asDouble(), 1e-9);
        assertEquals(3, smallPpl.get(ReportJson.column(perplexity, "paired items")).asLong());
        assertEquals(1, smallPpl.get(ReportJson.column(perplexity, "left out")).asLong());
        // three per-item differences of the same sign: exact signed-rank p = 2 / 2^3
        assertEquals("0.2500", smallPpl.get(ReportJson.column(perplexity, "p signed-rank")).asText());
        assertTrue(smallPpl.get(ReportJson.column(perplexity, "p McNemar")).isNull());
        List<ItemResult> base = RunFixtures.documents(new double[] {20, 40, 60}, new double[] {10, 20, 30, 40});
        List<ItemResult> other = RunFixtures.documents(new double[] {10, 20, 30}, new double[] {10, 20, 30, 40});
        MetricSpec spec = RunFixtures.perplexity("perplexity");
        double expected = PairedBootstrap.pValue(base, other, spec::over, 200, 1234);
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", expected),
                smallPpl.get(ReportJson.column(perplexity, "p paired bootstrap")).asText());

        // a BERT's pseudo-perplexity never shares a row with a GPT's perplexity
        for (JsonNode row : perplexity.get("rows")) {
            assertEquals(row.get(1).asText().equals("bert"), row.get(0).asText().equals("pseudo_perplexity"), row.toString());
        }
        String notes = report.text("Task perplexity");
        assertTrue(notes.contains("metric perplexity: only gpt, small"), notes);
        assertTrue(notes.contains("metric pseudo_perplexity: only bert"), notes);

        JsonNode configs = report.table("Config differences", 0);
        JsonNode model = ReportJson.row(configs, "eval.json:model");
        assertEquals("/models/small", model.get(2).asText());
        assertEquals("(absent)", ReportJson.row(configs, "eval.json:tasks[1].type").get(3).asText());

        // the gpt eval's model is pretrain/model: its training run's curves are in the comparison
        JsonNode training = report.table("Training", 0);
        assertEquals(1, training.get("rows").size());
        assertEquals(2.5, ReportJson.row(training, "gpt").get(3).asDouble(), 1e-12);
        assertTrue(Files.isRegularFile(out.resolve("report-plots/compare-val-loss.png")));
    }

    @Test
    void trainingRunsSideBySideWithOverlaidCurvesAndTheSameBytesTwice() throws IOException {
        Path a = RunFixtures.training(temp.resolve("a"), 4e-4, true);
        Path b = RunFixtures.training(temp.resolve("b"), 1e-3, true);
        Path out = temp.resolve("cmp");
        List<LabelledRun> runs = List.of(new LabelledRun("slow", a), new LabelledRun("fast", b));
        CompareWriter.compare(runs, out);
        var first = ReportWriterTest.files(out);
        CompareWriter.compare(runs, out);
        var second = ReportWriterTest.files(out);
        assertEquals(first.keySet(), second.keySet());
        first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), name));
        ReportJson report = ReportJson.read(out);
        assertEquals(2, report.table("Training", 0).get("rows").size());
        JsonNode lr = ReportJson.row(report.table("Config differences", 0), "train.json:train.schedule.peak_lr");
        assertEquals(List.of("4.0E-4", "0.001"), List.of(lr.get(1).asText(), lr.get(2).asText()));
        assertTrue(first.containsKey("report-plots/compare-val-loss.png") && first.containsKey("report-plots/compare-train-loss.png"));
    }

    @Test
    void pairedTestsLeaveOutItemsMissingFromEitherRun() {
        List<ItemResult> a = new ArrayList<>(RunFixtures.blimp(new int[] {1, 0, 1, 0, 1, 1}));
        List<ItemResult> b = new ArrayList<>(RunFixtures.blimp(new int[] {0, 0, 1, 1, 1, 1}));
        a.remove(5);
        b.remove(0);
        PairedTest test = PairedTest.of(MetricSpec.accuracy(), a, b, 100, 1);
        assertEquals(4, test.paired());
        assertEquals(2, test.leftOut());
        // shared items 1..4: a = 0,1,0,1 and b = 0,1,1,1: one discordant pair, p = 2 * 1/2
        assertEquals(1.0, test.mcnemar(), 1e-12);
    }

    @Test
    void aComparisonNeedsTwoDistinctlyLabelledRuns() throws IOException {
        Path a = RunFixtures.training(temp.resolve("a"), 4e-4, true);
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> CompareWriter.compare(List.of(new LabelledRun("x", a), new LabelledRun("x", a)), temp.resolve("o")));
        assertEquals("two runs are labelled 'x'; give each a different --label", same.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompareWriter.compare(List.of(new LabelledRun("x", a)), temp.resolve("o")));
        assertTrue(Files.notExists(temp.resolve("o")));
    }

    @Test
    void anExperimentFolderComparesItsEvalRunsAndLinksEachStagesReport() throws IOException {
        Path experiment = Files.createDirectories(temp.resolve("exp"));
        Files.writeString(experiment.resolve("experiment.yaml"), "name: demo\nseed: 7\nmodels: [gpt, small]\n");
        RunFixtures.training(experiment.resolve("pretrain/gpt"), 4e-4, true);
        RunFixtures.causalEval(experiment.resolve("eval/gpt"), experiment.resolve("pretrain/gpt/model").toString(),
                new int[] {1, 1, 0, 1, 0, 0}, new double[] {20, 40, 60, 80});
        RunFixtures.causalEval(experiment.resolve("eval/small"), "/models/small", new int[] {1, 0, 1, 1, 1, 1}, new double[] {10, 20, 30});
        ReportWriter.write(experiment);
        ReportJson report = ReportJson.read(experiment);
        assertEquals("experiment", report.root().get("kind").asText());
        JsonNode stages = report.table("Stages", 0);
        assertEquals(3, stages.get("rows").size());
        assertEquals("val loss 2.6000 at step 4", ReportJson.row(stages, "pretrain", "gpt").get(3).asText());
        assertEquals("pretrain/gpt/report.html", ReportJson.row(stages, "pretrain", "gpt").get(4).get("href").asText());
        assertTrue(ReportJson.row(stages, "eval", "small").get(3).asText().startsWith("blimp accuracy 0.8333; "));
        for (String stage : List.of("pretrain/gpt", "eval/gpt", "eval/small")) {
            assertTrue(Files.isRegularFile(experiment.resolve(stage).resolve("report.html")), stage);
        }
        JsonNode blimp = report.table("Task blimp", 0);
        assertEquals("0.6250", ReportJson.row(blimp, "accuracy", "small").get(ReportJson.column(blimp, "p McNemar")).asText());
        assertEquals("7", ReportJson.row(report.table("Provenance", 0), "seed experiment.yaml: seed").get(1).asText());
    }
}
