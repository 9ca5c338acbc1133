package org.lmlab.finetune.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.tokenizers.TokenizersModule;
import org.lmlab.training.TrainerListener;

/**
 * Fine-tuning through the one TrainJob: a micro decoder and a micro encoder learn a separable
 * toy task to 100% training accuracy in a few steps, the pretraining head dropped and reported;
 * the run holds the split files, a test line in metrics.jsonl, predictions, summary and a
 * classifier that reloads.
 */
class ClassifyJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final Injector injector = Guice.createInjector(new ClassificationModule(), new TokenizersModule());

    private ClassifyResult fineTune(Path model, List<String> warnings, String policy) throws IOException {
        Path data = ToyTask.write(temp.resolve("toy.tsv"), 40);
        ClassifyRequest request = ClassifyRequest.book(model.toString(), LabelledTextConfig.of(data, 1), temp.resolve("run-" + policy))
                .withTrain(policy).withOptimizer(3e-3, 0).withLength(0, 30).withBatch(8, 0).withReporting(15, 10);
        TrainerListener listener = new TrainerListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        };
        return injector.getInstance(ClassifyJob.class).run(request, List.of(listener));
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void aMicroDecoderLearnsTheToyTaskAndTheRunHoldsEverything() throws IOException {
        Path model = ToyTask.save(Presets.gpt2("micro-gpt", 32, 2, 4, 32, true, true, 0f), temp.resolve("gpt"), 11);
        List<String> warnings = new ArrayList<>();
        ClassifyResult result = fineTune(model, warnings, "all");
        assertEquals(1.0, result.accuracy().get("train"), result.toString());
        assertEquals(30, result.steps());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("2 missing (head.classifier.weight, head.classifier.bias)"), warnings.get(0));

        Path run = result.run();
        for (String file : List.of("data/train.tsv", "data/validation.tsv", "data/test.tsv", "data/splits.json",
                "model/labels.json", "summary.json", "predictions-test.jsonl", "predictions-test-baseline.jsonl")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        assertEquals(29, Files.readAllLines(run.resolve("data/train.tsv")).size(), "28 of 40 items and the header");
        List<JsonNode> metrics = lines(run.resolve("metrics.jsonl"));
        JsonNode lastTrainEval = metrics.stream().filter(n -> n.get("split").asText().equals("train_eval")).reduce((a, b) -> b).orElseThrow();
        assertEquals(30, lastTrainEval.get("step").asLong());
        assertEquals(1.0, lastTrainEval.get("accuracy").asDouble());
        JsonNode test = metrics.get(metrics.size() - 1);
        assertEquals("test", test.get("split").asText());
        assertEquals(30, test.get("step").asLong());
        assertEquals(8, test.get("targets").asLong());
        assertEquals(result.testCorrect() / 8.0, test.get("accuracy").asDouble(), "the evaluator and the predictions agree");
        assertTrue(metrics.stream().filter(n -> n.get("split").asText().equals("train")).allMatch(n -> n.has("accuracy")));

        List<JsonNode> predictions = lines(run.resolve("predictions-test.jsonl"));
        assertEquals(8, predictions.size());
        List<String> testLines = Files.readAllLines(run.resolve("data/test.tsv"));
        for (int i = 0; i < 8; i++) {
            String[] columns = testLines.get(i + 1).split("\t");
            JsonNode prediction = predictions.get(i);
            assertEquals(Integer.parseInt(columns[0]), prediction.get("id").asInt());
            assertEquals(columns[1], prediction.get("gold").asText());
            assertEquals(columns[2], prediction.get("text").asText());
            assertTrue(prediction.get("probability").asDouble() >= 0.5, prediction.toString());
        }
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals(1.0, summary.get("accuracy").get("train").asDouble());
        assertEquals(28, summary.get("examples").get("train").asInt());
        assertEquals(List.of("ham", "spam"), List.of(summary.get("labels").get(0).asText(), summary.get("labels").get(1).asText()));
        assertTrue(summary.get("baseline").get("accuracy").has("test"), summary.toString());

        // The saved classifier reloads and reads texts as training did.
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Classifier classifier = Classifier.load(result.model(), ModelDirectory.standard(), Tokenizers.standard(), manager);
            List<String> trainLines = Files.readAllLines(run.resolve("data/train.tsv"));
            List<String> texts = new ArrayList<>();
            List<String> gold = new ArrayList<>();
            for (String line : trainLines.subList(1, trainLines.size())) {
                String[] columns = line.split("\t");
                gold.add(columns[1]);
                texts.add(columns[2]);
            }
            List<String> predicted = classifier.classify(texts, 3).stream().map(Classifier.Prediction::label).toList();
            assertEquals(gold, predicted);
        }
    }

    @Test
    void aMicroEncoderLearnsTheToyTaskThroughItsPooledCls() throws IOException {
        Path model = ToyTask.save(Presets.bert("micro-bert", 32, 2, 4, 32, 0f), temp.resolve("bert"), 12);
        List<String> warnings = new ArrayList<>();
        ClassifyResult result = fineTune(model, warnings, "all");
        assertEquals(1.0, result.accuracy().get("train"), result.toString());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("missing (head.classifier.weight, head.classifier.bias)")
                && warnings.get(0).contains("unexpected"), warnings.get(0));
        JsonNode labels = JSON.readTree(result.model().resolve("labels.json").toFile());
        assertEquals("cls-sep", labels.get("framing").asText());
        assertEquals(32, labels.get("max_length").asInt());
        assertEquals("bert-base-uncased", labels.get("tokenizer").asText());
    }

    @Test
    void trainingTheHeadOrTheLastBlockCountsExactlyTheirParameters() throws IOException {
        Path model = ToyTask.save(Presets.gpt2("micro-gpt", 32, 2, 4, 32, true, true, 0f), temp.resolve("gpt"), 11);
        ClassifyJob job = injector.getInstance(ClassifyJob.class);
        Path data = ToyTask.write(temp.resolve("toy.tsv"), 40);
        ClassifyRequest request = ClassifyRequest.book(model.toString(), LabelledTextConfig.of(data, 1), temp.resolve("plan"));
        // head: a 32 x 2 matrix and 2 biases.
        assertEquals(66, job.plan(request.withTrain("head")).trainableParameters());
        // last-block: qkv 32x96+96, projection 32x32+32, two norms 2x64, feed-forward 32x128+128 and 128x32+32,
        // the final norm 64 and the head 66.
        assertEquals(3168 + 1056 + 128 + 4224 + 4128 + 64 + 66, job.plan(request.withTrain("last-block")).trainableParameters());
        assertEquals(2 * (3168 + 1056 + 128 + 4224 + 4128) + 64 + 66, job.plan(request.withTrain("last-2")).trainableParameters());
    }
}
