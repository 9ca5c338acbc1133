package org.lmlab.eval.run;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lmlab.eval.metric.MetricSummaries;
import org.lmlab.eval.metric.MetricValue;
import org.lmlab.eval.task.EvalContext;
import org.lmlab.eval.task.EvalProgress;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.Task;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.task.Tasks;
import org.lmlab.layers.config.ConfigMapper;
import org.lmlab.layers.config.Json;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.training.provenance.Provenance;
import org.lmlab.training.run.RunDirectory;
import org.lmlab.training.text.ModelText;

/**
 * Runs evaluation tasks on one model and writes an eval run directory ({@link EvalRunFiles}):
 * the request ({@code eval.json}), provenance, every task's {@code results.jsonl}, the metrics
 * with bootstrap intervals and breakdowns ({@code metrics.json}, no timings in it, so the same
 * inputs give the same bytes) and {@code status.json} (state and timings). The output directory
 * must be new or empty; every task is made (its config checked, its data read) before the model
 * is loaded or anything is scored.
 */
public final class EvalJob {

    /** One line per item, map keys sorted, so results files are byte-identical across JVMs. */
    private static final ObjectWriter LINES = Json.MAPPER.writer()
            .without(SerializationFeature.INDENT_OUTPUT).with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ModelDirectory models;
    private final Tokenizers tokenizers;
    private final Tasks tasks;
    private final ConfigMapper configs;

    @Inject
    public EvalJob(ModelDirectory models, Tokenizers tokenizers, Tasks tasks, ConfigMapper configs) {
        this.models = models;
        this.tokenizers = tokenizers;
        this.tasks = tasks;
        this.configs = configs;
    }

    /** The model directory a {@code --model} path means: a directory, or a training run's {@code model/}. */
    public static Path modelDirectory(Path given) throws IOException {
        if (!Files.exists(given)) {
            throw new NoSuchFileException(given.toString(), null, "no such model directory");
        }
        if (!Files.isDirectory(given)) {
            throw new IllegalArgumentException("model: " + given + " is a file; give the model directory that holds it");
        }
        RunDirectory run = new RunDirectory(given);
        if (run.holdsRun()) {
            if (!Files.isRegularFile(run.model().resolve(ModelDirectory.WEIGHTS))) {
                throw new NoSuchFileException(run.model().toString(), null, "the run " + given + " has no final model yet");
            }
            return run.model().toAbsolutePath().normalize();
        }
        return given.toAbsolutePath().normalize();
    }

    /** Makes every task of the request, failing on the first bad config or data with {@code task.<name>: ...}. */
    public List<Task> prepare(List<TaskConfig> configs) {
        List<String> names = EvalRunFiles.names(configs);
        List<Task> made = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            try {
                made.add(tasks.create(configs.get(i)));
            } catch (IllegalArgumentException invalid) {
                throw new IllegalArgumentException("task." + names.get(i) + ": " + invalid.getMessage(), invalid);
            }
        }
        return made;
    }

    /** Evaluates the model on every task of the request and writes the run; see the class comment. */
    public EvalResult run(EvalRequest request, EvalProgress progress) throws IOException {
        Path output = request.output().toAbsolutePath().normalize();
        requireNewLocation(output);
        Path modelDirectory = modelDirectory(request.model());
        models.readConfig(modelDirectory);
        List<String> names = EvalRunFiles.names(request.tasks());
        List<Task> made = prepare(request.tasks());
        EvalRunFiles files = new EvalRunFiles(output);
        Files.createDirectories(output);
        String startedAt = Instant.now().toString();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Files.write(files.request(), Json.bytes(Json.MAPPER, requestTree(request, modelDirectory)));
        Provenance.capture().write(output);
        writeStatus(files, "running", seconds, startedAt, null);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = models.load(modelDirectory, manager);
            ModelText text = ModelText.forModel(tokenizers, modelDirectory, model);
            MetricSummaries summaries = new MetricSummaries(request.resamples(), request.seed());
            ObjectNode metrics = Json.MAPPER.createObjectNode();
            metrics.put("format", EvalRunFiles.FORMAT);
            metrics.put("model", modelDirectory.toString());
            metrics.put("model_kind", model.isCausal() ? "causal" : "masked");
            metrics.put("seed", request.seed());
            ObjectNode taskNodes = metrics.putObject("tasks");
            // The scorer for this model kind and scoring config, made once so a bad window or head fails before any task.
            new EvalContext(model, text, manager, request.scoring(), request.seed(), modelDirectory, output, progress).scorer();
            List<EvalResult.TaskResult> results = new ArrayList<>();
            for (int i = 0; i < made.size(); i++) {
                String name = names.get(i);
                Task task = made.get(i);
                Path taskDirectory = Files.createDirectories(files.task(name));
                EvalProgress named = (ignored, done, total) -> progress.onItems(name, done, total);
                long start = System.nanoTime();
                TaskOutput out;
                try (NDManager taskMemory = manager.newSubManager()) {
                    out = task.evaluate(new EvalContext(model, text, taskMemory, request.scoring(), request.seed(),
                            modelDirectory, taskDirectory, named));
                }
                double took = (System.nanoTime() - start) / 1e9;
                seconds.put(name, Math.round(took * 1000) / 1000.0);
                writeResults(taskDirectory.resolve(EvalRunFiles.RESULTS), out.items());
                List<MetricValue> values = summaries.summarise(task.metrics(), out.items());
                taskNodes.set(name, taskNode(request.tasks().get(i), task, out, values, name));
                results.add(new EvalResult.TaskResult(name, task.name(), out.items().size(), values, out.notes(), took));
                writeStatus(files, "running", seconds, startedAt, null);
            }
            Files.write(files.metrics(), Json.bytes(Json.MAPPER, metrics));
            writeStatus(files, "complete", seconds, startedAt, null);
            return new EvalResult(output, files.metrics(), results);
        } catch (IOException | RuntimeException failed) {
            writeStatus(files, "failed", seconds, startedAt, failed.getMessage());
            throw failed;
        }
    }

    private ObjectNode requestTree(EvalRequest request, Path modelDirectory) {
        ObjectNode tree = Json.MAPPER.createObjectNode();
        tree.put("format", EvalRunFiles.FORMAT);
        tree.put("model", modelDirectory.toString());
        tree.put("seed", request.seed());
        tree.put("resamples", request.resamples());
        tree.set("scoring", Json.MAPPER.valueToTree(request.scoring()));
        ArrayNode list = tree.putArray("tasks");
        request.tasks().forEach(task -> list.add(configs.tree(task)));
        return tree;
    }

    private ObjectNode taskNode(TaskConfig config, Task task, TaskOutput out, List<MetricValue> values, String name) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", config.type());
        node.put("version", task.version());
        node.set("config", configs.tree(config));
        node.put("items", out.items().size());
        node.put("results", EvalRunFiles.results(name));
        node.set("metrics", Json.MAPPER.valueToTree(values));
        node.set("breakdowns", Json.MAPPER.valueToTree(MetricSummaries.breakdowns(task.breakdowns(), task.metrics(), out.items())));
        node.set("extras", sorted(Json.MAPPER.valueToTree(out.extras())));
        node.set("notes", Json.MAPPER.valueToTree(out.notes()));
        return node;
    }

    /** The tree with every object's keys sorted (task extras come as maps of unspecified order). */
    static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            ObjectNode copy = Json.MAPPER.createObjectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static void writeResults(Path file, List<ItemResult> items) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ItemResult item : items) {
                out.write(LINES.writeValueAsString(item));
                out.write('\n');
            }
        }
    }

    private static void writeStatus(EvalRunFiles files, String state, Map<String, Double> seconds, String startedAt, String error)
            throws IOException {
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("state", state);
        status.set("seconds", Json.MAPPER.valueToTree(seconds));
        status.put("started_at", startedAt);
        if (!state.equals("running")) {
            status.put("finished_at", Instant.now().toString());
        }
        if (error != null) {
            status.put("error", error);
        }
        Files.write(files.status(), Json.bytes(Json.MAPPER, status));
    }

    /** Refuses an output that is a file or a directory holding anything. */
    private static void requireNewLocation(Path output) throws IOException {
        if (!Files.exists(output)) {
            return;
        }
        if (!Files.isDirectory(output)) {
            throw new IllegalArgumentException("out: " + output + " is a file; an eval run needs a new or empty directory");
        }
        try (var children = Files.list(output)) {
            List<String> held = children.map(child -> child.getFileName().toString()).sorted().limit(3).toList();
            if (!held.isEmpty()) {
                throw new IllegalArgumentException("out: " + output + " is not empty (it holds " + String.join(", ", held)
                        + "); an eval run never overwrites files: choose a new or empty directory");
            }
        } catch (UncheckedIOException unreadable) {
            throw unreadable.getCause();
        }
    }
}
