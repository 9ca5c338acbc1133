package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.example.lmlab.ExamplePlugin;
import org.example.lmlab.TemperatureAttention;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.experiments.Injection;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.io.ModelDirectory;

/**
 * A plugin outside lmlab's packages ({@code org.example.lmlab}) adds an attention variant with
 * its own knob and an objective with its own knob and metric; {@code lmlab train --plugin ...
 * --set ...} trains with both by name, the saved model reloads in lmlab's layout, and the same
 * directory refuses Hugging Face export naming the component.
 */
class PluginTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLUGIN = ExamplePlugin.class.getName();

    @TempDir
    Path temp;

    private Path model;
    private Path corpus;

    @BeforeEach
    void setUp() throws IOException {
        TrainingFiles files = TrainingFiles.in(temp, 0f);
        model = files.model();
        corpus = files.corpus();
    }

    @AfterEach
    void tearDown() {
        TrainingFiles.forget();
    }

    @Test
    void aPluginsAttentionAndObjectiveTrainByNameAndTheModelReloads() throws IOException {
        Path run = temp.resolve("run");
        CliRun trained = CliRun.of("train", "--plugin", PLUGIN, "--model", model.toString(), "--data", corpus.toString(),
                "--steps", "3", "--batch", "2", "--eval-every", "3", "--eval-batches", "1", "--out", run.toString(),
                "--objective", "smoothed-lm", "--set", "objective.smoothing=0.2",
                "--set", "model.block.attention.type=temperature", "--set", "model.block.attention.temperature=2.5");
        assertEquals(0, trained.code(), trained.err());

        JsonNode config = JSON.readTree(run.resolve("train.json").toFile());
        assertEquals(2, config.get("format").asInt());
        assertEquals("temperature", config.at("/model/block/attention/type").asText());
        assertEquals(2.5, config.at("/model/block/attention/temperature").asDouble());
        assertEquals("smoothed-lm", config.at("/objective/type").asText());
        assertEquals(0.2, config.at("/objective/smoothing").asDouble());

        List<JsonNode> metrics = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            metrics.add(JSON.readTree(line));
        }
        JsonNode step = metrics.stream().filter(m -> m.get("split").asText().equals("train")).findFirst().orElseThrow();
        JsonNode validation = metrics.stream().filter(m -> m.get("split").asText().equals("val")).findFirst().orElseThrow();
        for (JsonNode line : List.of(step, validation)) {
            double accuracy = line.get("accuracy").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, line.toString());
        }

        Path saved = run.resolve("model");
        assertTrue(Files.isRegularFile(saved.resolve(ModelDirectory.LMLAB_CONFIG)), "a plugin's model is saved in lmlab's layout");
        ModelDirectory directories = Injection.create(List.of(new ExamplePlugin())).getInstance(ModelDirectory.class);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel reloaded = directories.load(saved, manager);
            TemperatureAttention.Config attention = (TemperatureAttention.Config) reloaded.config().block().attention();
            assertEquals(2.5f, attention.temperature());
        }

        CliRun export = CliRun.of("model", "export", "--plugin", PLUGIN, "--model", saved.toString(),
                "--format", "hf", "--out", temp.resolve("hf").toString());
        assertEquals(2, export.code(), export.err());
        assertEquals(1, export.errLines().size(), export.err());
        assertTrue(export.err().contains("block.attention.type is temperature (needs multi-head)"), export.err());
    }

    @Test
    void withoutThePluginItsNamesAreUnknownAndListTheKnownOnes() throws IOException {
        CliRun unknown = CliRun.of("train", "--model", model.toString(), "--data", corpus.toString(), "--steps", "1",
                "--out", temp.resolve("run").toString(), "--set", "model.block.attention.type=temperature");
        assertEquals(2, unknown.code(), unknown.err());
        assertEquals("lmlab: --set: model.block.attention.type: unknown type 'temperature'; known: grouped-query, "
                + "multi-head, multi-query, sliding-window\n", unknown.err());
        CliRun badValue = CliRun.of("train", "--plugin", PLUGIN, "--model", model.toString(), "--data", corpus.toString(),
                "--steps", "1", "--out", temp.resolve("run2").toString(), "--set", "model.block.attention.type=grouped-query",
                "--set", "model.block.attention.kv_heads=3");
        assertEquals(2, badValue.code(), badValue.err());
        assertEquals("lmlab: --set: model.block.attention.kv_heads: must divide heads (2), got 3\n", badValue.err());
        assertTrue(!Files.exists(temp.resolve("run2")), "nothing is written before the config is valid");
    }

    @Test
    void aPluginThatIsMissingOrNotAModuleIsOneLine() {
        CliRun missing = CliRun.of("train", "--plugin", "org.example.Nope", "--help");
        assertEquals(2, missing.code());
        assertEquals("lmlab: --plugin org.example.Nope: no such class on the class path (add its jar with LMLAB_CLASSPATH)\n",
                missing.err());
        CliRun notModule = CliRun.of("train", "--plugin", TemperatureAttention.class.getName(), "--help");
        assertEquals(2, notModule.code());
        assertEquals("lmlab: --plugin " + TemperatureAttention.class.getName()
                + ": not a Guice module (it must implement com.google.inject.Module)\n", notModule.err());
    }
}
