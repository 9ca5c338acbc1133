package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmlab finetune classify} end to end in-process on a micro GPT-2-shaped model for a few
 * steps on the bundled SMS spam split, then {@code lmlab classify} with the saved classifier;
 * bad labelled files are one line and exit code 2.
 */
class FinetuneClassifyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path model;

    @BeforeEach
    void setUp() throws IOException {
        model = MicroGpt.save(temp.resolve("micro-gpt"));
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void classifyWritesMetricsPredictionsSummaryAndAModelThatClassifies() throws IOException {
        Path run = temp.resolve("run");
        CliRun result = CliRun.of("finetune", "classify", "--model", model.toString(), "--train", "all", "--steps", "3",
                "--lr", "1e-3", "--max-length", "16", "--eval-every", "0", "--log-every", "1", "--out", run.toString());
        assertEquals(0, result.code(), result.err());
        assertEquals("", result.err());
        String[] out = result.out().split("\\R");
        assertEquals("run: " + run, out[0]);
        assertTrue(out[1].startsWith("memory: estimated "), result.out());
        assertTrue(out[2].startsWith("warning: ") && out[2].contains("head.classifier.weight"), result.out());
        assertTrue(out[3].startsWith("training: 3 steps: 1045 training and 149 validation examples, 130 batches per epoch"), result.out());
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        long correct = summary.get("test_correct").asLong();
        assertEquals(String.format(java.util.Locale.ROOT, "test accuracy %.2f%% (%d/300); run: %s", correct / 3.0, correct, run),
                out[out.length - 1]);

        List<JsonNode> metrics = lines(run.resolve("metrics.jsonl"));
        assertEquals(List.of("train1", "train2", "train3", "val3", "train_eval3", "test3"),
                metrics.stream().map(node -> node.get("split").asText() + node.get("step").asLong()).toList());
        assertEquals(149, metrics.get(3).get("targets").asLong());
        assertEquals(152, metrics.get(4).get("targets").asLong(), "train_eval measures as many batches as validation: 19 of 8");
        JsonNode test = metrics.get(5);
        assertEquals(300, test.get("targets").asLong());
        assertEquals(correct / 300.0, test.get("accuracy").asDouble(), 1e-12);

        List<JsonNode> predictions = lines(run.resolve("predictions-test.jsonl"));
        assertEquals(300, predictions.size());
        assertEquals(correct, predictions.stream().filter(p -> p.get("gold").equals(p.get("predicted"))).count());
        assertEquals(150, predictions.stream().filter(p -> p.get("gold").asText().equals("spam")).count());
        for (String field : List.of("id", "text", "gold", "predicted", "probability")) {
            assertTrue(predictions.get(0).has(field), field);
        }
        List<JsonNode> baseline = lines(run.resolve("predictions-test-baseline.jsonl"));
        assertEquals(300, baseline.size());
        assertEquals(predictions.get(0).get("id"), baseline.get(0).get("id"), "the baseline predicts the same items");
        double baselineTest = summary.get("baseline").get("accuracy").get("test").asDouble();
        assertEquals(baseline.stream().filter(p -> p.get("gold").equals(p.get("predicted"))).count() / 300.0, baselineTest, 1e-12);
        assertTrue(baselineTest > 0.9, "bag of words separates spam well: " + baselineTest);
        assertEquals(1045, summary.get("examples").get("train").asInt());

        JsonNode config = JSON.readTree(run.resolve("train.json").toFile());
        assertEquals("sms-spam", config.get("data").get("type").asText());
        assertEquals("classification", config.get("objective").get("type").asText());
        assertEquals("replace-head", config.get("edits").get(0).get("type").asText());
        assertEquals("all", config.get("edits").get(1).get("policy").asText());
        assertTrue(Files.isRegularFile(run.resolve("data").resolve("test.tsv")));

        // The saved classifier, on --text and on standard input.
        String text = predictions.get(0).get("text").asText();
        String expected = predictions.get(0).get("predicted").asText() + "\t"
                + String.format(java.util.Locale.ROOT, "%.4f", predictions.get(0).get("probability").asDouble());
        CliRun classified = CliRun.of("classify", "--model", run.resolve("model").toString(), "--text", text);
        assertEquals(0, classified.code(), classified.err());
        assertEquals(expected + "\n", classified.out());
        CliRun piped = CliRun.withStdin((text + "\n" + text + "\n").getBytes(StandardCharsets.UTF_8),
                "classify", "--model", run.resolve("model").toString());
        assertEquals(expected + "\n" + expected + "\n", piped.out());

        CliRun notAClassifier = CliRun.of("classify", "--model", model.toString(), "--text", "hi");
        assertEquals(2, notAClassifier.code());
        assertTrue(notAClassifier.err().startsWith("lmlab: file not found: " + model.resolve("labels.json")), notAClassifier.err());
    }

    @Test
    void badLabelledFilesAreOneLineAndExitTwo() throws IOException {
        Path oneClass = temp.resolve("one.tsv");
        Files.writeString(oneClass, "ham\thello\nham\tthere\n");
        CliRun one = CliRun.of("finetune", "classify", "--model", model.toString(), "--data", oneClass.toString(),
                "--out", temp.resolve("a").toString());
        assertEquals(2, one.code());
        assertEquals("lmlab: " + oneClass + ": all 2 examples have the label 'ham'; a classifier needs at least 2 labels\n", one.err());

        Path csv = temp.resolve("x.csv");
        Files.writeString(csv, "message,label\nhi,ham\nwin,spam\n");
        CliRun column = CliRun.of("finetune", "classify", "--model", model.toString(), "--data", csv.toString(),
                "--out", temp.resolve("b").toString());
        assertEquals(2, column.code());
        assertEquals("lmlab: " + csv + ": line 1: no column 'text' (columns: message, label)\n", column.err());

        Path broken = temp.resolve("broken.tsv");
        Files.writeString(broken, "ham\thi\nspam win a prize\n");
        CliRun line = CliRun.of("finetune", "classify", "--model", model.toString(), "--data", broken.toString(),
                "--out", temp.resolve("c").toString());
        assertEquals(2, line.code());
        assertEquals("lmlab: " + broken + ": line 2: no tab between label and text (expected label<TAB>text)\n", line.err());

        Path empty = temp.resolve("empty.tsv");
        Files.writeString(empty, "");
        CliRun nothing = CliRun.of("finetune", "classify", "--model", model.toString(), "--data", empty.toString(),
                "--out", temp.resolve("d").toString());
        assertEquals(2, nothing.code());
        assertEquals("lmlab: " + empty + ": no labelled examples (the file is empty)\n", nothing.err());

        CliRun lora = CliRun.of("finetune", "classify", "--model", model.toString(), "--train", "lora", "--lora-rank", "0",
                "--out", temp.resolve("e").toString());
        assertEquals(2, lora.code());
        assertEquals("lmlab: --train lora: edits.rank: must be positive, got 0\n", lora.err());

        CliRun tooLong = CliRun.of("finetune", "classify", "--model", model.toString(), "--max-length", "64",
                "--out", temp.resolve("f").toString());
        assertEquals(2, tooLong.code());
        assertEquals("lmlab: --max-length: 64 is longer than model 'micro-gpt''s 16 positions\n", tooLong.err());
        for (String name : List.of("a", "b", "c", "d", "e", "f")) {
            assertFalse(Files.exists(temp.resolve(name)), name);
        }
    }
}
