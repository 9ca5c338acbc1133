package org.lmlab.eval.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.metric.MetricSummaries;
import org.lmlab.eval.metric.Transform;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.layers.config.Json;

/**
 * Small run directories written by hand in the formats the writers use (formats.md for eval
 * runs, TrainJob/MetricsLog/ClassifyJob/InstructJob for training runs), for the report tests.
 */
final class RunFixtures {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RunFixtures() {
    }

    /** A pretraining run: 4 steps of batch 2, context 8; val losses 3.0, 2.5, 2.6 at steps 0, 2, 4. */
    static Path training(Path dir, double peakLr, boolean provenance) throws IOException {
        Files.createDirectories(dir);
        ObjectNode config = NODES.objectNode();
        config.put("format", 2);
        config.put("model_source", "gpt-tiny");
        config.putObject("model").put("name", "gpt-tiny").put("width", 16);
        config.putArray("edits");
        config.put("tokenizer", "gpt2");
        config.putObject("data").put("type", "corpus").put("path", "/data/corpus.txt");
        config.put("data_fingerprint", "ab".repeat(32));
        config.put("context", 8);
        config.putObject("objective").put("type", "causal-lm");
        ObjectNode train = config.putObject("train");
        train.put("batch_size", 2).put("accumulation", 1).put("steps", 4).put("seed", 123);
        train.putObject("schedule").put("peak_lr", peakLr);
        Files.write(dir.resolve("train.json"), Json.bytes(Json.MAPPER, config));
        Files.writeString(dir.resolve("status.json"), "{\"format\":1,\"state\":\"complete\",\"step\":4,\"total_steps\":4,"
                + "\"checkpoint_minutes\":10.0,\"extensions\":[],\"pruned\":false,\"message\":\"\"}\n");
        List<String> lines = new ArrayList<>();
        double[] trainLoss = {3.2, 2.9, 2.7, 2.4};
        for (int step = 0; step <= 4; step++) {
            if (step > 0) {
                lines.add("{\"step\":" + step + ",\"split\":\"train\",\"loss\":" + trainLoss[step - 1] + ",\"lr\":" + peakLr * step / 4
                        + ",\"grad_norm\":1.0,\"tokens_per_s\":100.0,\"epoch\":0}");
            }
            if (step % 2 == 0) {
                double val = step == 0 ? 3.0 : step == 2 ? 2.5 : 2.6;
                lines.add("{\"step\":" + step + ",\"split\":\"val\",\"loss\":" + val + ",\"targets\":16}");
                lines.add("{\"step\":" + step + ",\"split\":\"train_eval\",\"loss\":" + (val - 0.1) + ",\"targets\":16}");
            }
        }
        Files.write(dir.resolve("metrics.jsonl"), lines, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("model"));
        if (provenance) {
            writeProvenance(dir);
        }
        return dir;
    }

    static void writeProvenance(Path dir) throws IOException {
        Files.writeString(dir.resolve("provenance.json"), """
                {
                  "lmlab_version" : "0.1.0-SNAPSHOT",
                  "git" : { "commit" : "0123456789abcdef0123456789abcdef01234567", "dirty" : true },
                  "java" : "Test 17", "djl" : "0.36.0", "pytorch" : "2.7.1", "os" : "Linux test amd64",
                  "cpu" : "Test CPU", "cores" : 2, "threads" : 2, "interop_threads" : 1,
                  "command" : [ "org.lmlab.experiments.cli.Lmlab", "train" ],
                  "started_at" : "2026-12-01T10:00:00Z"
                }
                """);
    }

    /** A classification fine-tune on 4 test items: the model gets 1 right (id 1), the baseline 4. */
    static Path classify(Path dir) throws IOException {
        training(dir, 1e-3, true);
        Files.writeString(dir.resolve("summary.json"), """
                {"model_source":"runs/tiny","model":"model","data":"sms","labels":["ham","spam"],
                 "examples":{"train":8,"validation":2,"test":4},"train_policy":"last-block","trainable_parameters":10,
                 "steps":4,"epochs":0,"lr":1.0E-3,"batch":2,"max_length":8,"seed":123,
                 "accuracy":{"train":0.5,"validation":0.5,"test":0.25},"test_correct":1,
                 "baseline":{"description":"bag of words","accuracy":{"train":1.0,"validation":1.0,"test":1.0}},
                 "seconds":12.5}
                """);
        String[][] rows = {{"1", "ham", "ham", "ham"}, {"2", "ham", "spam", "ham"}, {"3", "spam", "ham", "spam"},
            {"4", "spam", "ham", "spam"}};
        List<String> model = new ArrayList<>();
        List<String> baseline = new ArrayList<>();
        for (String[] r : rows) {
            model.add("{\"id\":" + r[0] + ",\"text\":\"t" + r[0] + "\",\"gold\":\"" + r[1] + "\",\"predicted\":\"" + r[2]
                    + "\",\"probability\":0.6}");
            baseline.add("{\"id\":" + r[0] + ",\"text\":\"t" + r[0] + "\",\"gold\":\"" + r[1] + "\",\"predicted\":\"" + r[3]
                    + "\",\"probability\":0.9}");
        }
        Files.write(dir.resolve("predictions-test.jsonl"), model);
        Files.write(dir.resolve("predictions-test-baseline.jsonl"), baseline);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/splits.json"), "{\"source\":\"sms\",\"source_sha256\":\"" + "cd".repeat(32)
                + "\",\"seed\":123}\n");
        return dir;
    }

    /** An instruction fine-tune with 4 test responses. */
    static Path instruct(Path dir) throws IOException {
        training(dir, 1e-3, true);
        Files.writeString(dir.resolve("summary.json"), """
                {"model_source":"gpt-small","model":"gpt-small","data":"data/instruction-data.json","format":"alpaca",
                 "mask_prompt":false,"lora":false,"max_length":64,"parameters":{"base":100,"adapters":0,"trainable":100},
                 "training":{"steps":4,"seconds":10.0},"loss_before":{"step":0,"train":3.5,"validation":3.6},
                 "loss_after":{"step":4,"train":1.25,"validation":1.5},"generation":{"records":4,"seconds":2.5}}
                """);
        ArrayNode records = NODES.arrayNode();
        for (int i = 1; i <= 4; i++) {
            records.addObject().put("instruction", "Say " + i + ".").put("input", i == 2 ? "in <b>2</b>" : "")
                    .put("output", "Reference " + i).put("model_response", "Response " + i);
        }
        Files.write(dir.resolve("instruction-data-with-response.json"), Json.bytes(Json.MAPPER, records));
        return dir;
    }

    /** BLiMP items: {@code correct} per item id over paradigms a1, a2 (category agr) and i1 (category island). */
    static List<ItemResult> blimp(int[] correct) {
        String[][] groups = {{"a1", "agr"}, {"a1", "agr"}, {"a2", "agr"}, {"i1", "island"}, {"i1", "island"}, {"i1", "island"}};
        List<ItemResult> items = new ArrayList<>();
        for (int i = 0; i < correct.length; i++) {
            items.add(new ItemResult(groups[i][0] + "/" + i, List.of(-1.0, correct[i] == 1 ? -2.0 : -0.5), correct[i] == 1 ? 0 : 1, 0,
                    correct[i] == 1, Map.of("paradigm", groups[i][0], "category", groups[i][1]),
                    Map.of("correct", (double) correct[i]), Map.of()));
        }
        return items;
    }

    /** Perplexity items: nll and tokens per document. */
    static List<ItemResult> documents(double[] nll, double[] tokens) {
        List<ItemResult> items = new ArrayList<>();
        for (int i = 0; i < nll.length; i++) {
            items.add(new ItemResult(String.format("doc-%04d", i), null, null, null, null, null,
                    Map.of("nll", nll[i], "tokens", tokens[i], "words", tokens[i] / 2, "bytes", tokens[i] * 4), Map.of()));
        }
        return items;
    }

    /** Classification items with gold/prediction label texts. */
    static List<ItemResult> classified(String[] gold, String[] predicted) {
        List<ItemResult> items = new ArrayList<>();
        for (int i = 0; i < gold.length; i++) {
            boolean right = gold[i].equals(predicted[i]);
            items.add(new ItemResult("test/" + i, null, null, null, right, null, Map.of("correct", right ? 1.0 : 0.0),
                    Map.of("text", "message " + i, "gold", gold[i], "prediction", predicted[i])));
        }
        return items;
    }

    /** Instruction items with responses. */
    static List<ItemResult> responses(int n) {
        List<ItemResult> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new ItemResult("test/" + i, null, null, null, null, null, Map.of("exact_match", i == 0 ? 1.0 : 0.0, "rouge_l", 0.25 * i),
                    Map.of("instruction", "Do " + i, "response", "Did " + i, "reference", "Done " + i)));
        }
        return items;
    }

    /** A task of an eval run: its items, metrics and breakdown keys, extras and notes. */
    record TaskSpec(String name, String type, List<MetricSpec> metrics, List<String> breakdowns, List<ItemResult> items,
            Map<String, Object> extras, List<String> notes) {
    }

    static MetricSpec perplexity(String name) {
        return MetricSpec.ratio(name, "nll", "tokens", Transform.EXP, false);
    }

    /** Writes an eval run as EvalJob would (formats.md), with metrics computed by {@link MetricSummaries}. */
    static Path eval(Path dir, String model, String kind, List<TaskSpec> tasks) throws IOException {
        Files.createDirectories(dir);
        long seed = 1234;
        int resamples = 200;
        ObjectNode config = NODES.objectNode();
        config.put("format", 1).put("model", model).put("seed", seed).put("resamples", resamples);
        config.putObject("scoring").put("window", 0).put("batch_size", 16).put("token_budget", 1024);
        ArrayNode configs = config.putArray("tasks");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("format", 1);
        metrics.put("model", model);
        metrics.put("model_kind", kind);
        metrics.put("seed", seed);
        Map<String, Object> taskNodes = new LinkedHashMap<>();
        MetricSummaries summaries = new MetricSummaries(resamples, seed);
        ObjectNode seconds = NODES.objectNode();
        for (TaskSpec task : tasks) {
            ObjectNode taskConfig = NODES.objectNode().put("type", task.type()).put("seed", seed);
            configs.add(taskConfig);
            Path results = dir.resolve("tasks").resolve(task.name()).resolve("results.jsonl");
            Files.createDirectories(results.getParent());
            StringBuilder lines = new StringBuilder();
            for (ItemResult item : task.items()) {
                lines.append(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(item)).append('\n');
            }
            Files.writeString(results, lines.toString());
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("type", task.type());
            node.put("version", 1);
            node.put("config", taskConfig);
            node.put("items", task.items().size());
            node.put("results", "tasks/" + task.name() + "/results.jsonl");
            node.put("metrics", summaries.summarise(task.metrics(), task.items()));
            node.put("breakdowns", MetricSummaries.breakdowns(task.breakdowns(), task.metrics(), task.items()));
            node.put("extras", task.extras());
            node.put("notes", task.notes());
            taskNodes.put(task.name(), node);
            seconds.put(task.name(), 1.5);
        }
        metrics.put("tasks", taskNodes);
        Files.write(dir.resolve("eval.json"), Json.bytes(Json.MAPPER, config));
        Files.write(dir.resolve("metrics.json"), Json.bytes(Json.MAPPER, metrics));
        ObjectNode status = NODES.objectNode().put("state", "complete");
        status.set("seconds", seconds);
        status.put("started_at", "2026-12-01T11:00:00Z");
        Files.write(dir.resolve("status.json"), Json.bytes(Json.MAPPER, status));
        writeProvenance(dir);
        return dir;
    }

    /** BLiMP's published rows as extras: per reference model, accuracy per category. */
    static Map<String, Object> blimpReferences() {
        Map<String, Object> refs = new LinkedHashMap<>();
        refs.put("gpt2", Map.of("agr", 0.9, "island", 0.7));
        refs.put("5-gram", Map.of("agr", 0.6, "island", 0.5));
        return Map.of("references", refs);
    }

    /** A standard causal-model eval run: BLiMP (correct as given), perplexity, classification, instructions. */
    static Path causalEval(Path dir, String model, int[] blimpCorrect, double[] nll) throws IOException {
        return eval(dir, model, "causal", List.of(
                new TaskSpec("blimp", "blimp", List.of(MetricSpec.accuracy()), List.of("category", "paradigm"),
                        blimp(blimpCorrect), blimpReferences(), List.of()),
                new TaskSpec("perplexity", "perplexity", List.of(perplexity("perplexity")), List.of(),
                        documents(nll, new double[] {10, 20, 30, 40}), Map.of(), List.of("word-level numbers use 'words'")),
                new TaskSpec("classification", "classification", List.of(MetricSpec.accuracy()), List.of(),
                        classified(new String[] {"ham", "ham", "spam", "spam", "spam"}, new String[] {"ham", "spam", "spam", "spam", "ham"}),
                        Map.of(), List.of()),
                new TaskSpec("instructions", "instructions", List.of(MetricSpec.mean("exact_match", "exact_match", true),
                        MetricSpec.mean("rouge_l", "rouge_l", true)), List.of(), responses(4), Map.of(), List.of())));
    }
}
