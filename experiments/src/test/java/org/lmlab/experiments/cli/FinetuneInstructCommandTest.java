package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.finetune.instruct.InstructionFile;
import org.lmlab.finetune.instruct.InstructionRecord;
import org.lmlab.finetune.instruct.InstructionSplit;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.safetensors.SafetensorsFile;
import org.lmlab.training.data.TokenCache;

/**
 * {@code lmlab finetune instruct} end to end in-process: a micro GPT-2 (one 16-wide block,
 * context 64, tied head) fine-tuned with rank-2 LoRA for three steps on the first 40 bundled
 * records (34 train, 2 validation, 4 test) writes the responses file, the summary with exact
 * parameter counts and the losses at steps 0 and 3, and a plain merged model; bad input is one
 * line and exit 2, before any file is written.
 */
class FinetuneInstructCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path model;
    private Path records;

    @BeforeEach
    void setUp() throws IOException {
        System.setProperty(TokenCache.DIRECTORY_PROPERTY, temp.resolve("cache").toString());
        model = temp.resolve("micro-gpt");
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel micro = Models.standard().build(Presets.gpt2("micro-gpt", 16, 1, 2, 64, true, true, 0f));
            manager.getEngine().setRandomSeed(5);
            micro.initialize(manager);
            ModelDirectory.standard().save(micro, model);
        }
        JsonNode bundled = JSON.readTree(Path.of(System.getProperty("lmlab.root"), "data", "instruction-data.json").toFile());
        ArrayNode first = JSON.createArrayNode();
        for (int i = 0; i < 40; i++) {
            first.add(bundled.get(i));
        }
        records = temp.resolve("forty.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(records.toFile(), first);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(TokenCache.DIRECTORY_PROPERTY);
    }

    @Test
    void finetuneInstructTrainsAnswersTheTestRecordsAndWritesTheSummary() throws IOException {
        Path run = temp.resolve("run");
        CliRun result = CliRun.of("finetune", "instruct", "--model", model.toString(), "--data", records.toString(),
                "--steps", "3", "--batch", "2", "--lr", "1e-2", "--eval-every", "3", "--eval-batches", "1",
                "--lora-rank", "2", "--lora-alpha", "4", "--max-new-tokens", "5", "--log-every", "1", "--out", run.toString());
        assertEquals(0, result.code(), result.err());
        assertEquals("", result.err());
        // Base: 50257 x 16 tokens + 64 x 16 positions + block (2 x 32 norms, 16x48+48 qkv, 16x16+16 output,
        // 16x64+64 up, 64x16+16 down) + 32 final norm = 808,448. Adapters of rank 2: 2 x ((16+48) + (16+16) + (16+64) + (64+16)) = 512.
        long base = 50257L * 16 + 64 * 16 + (2 * 32 + 16 * 48 + 48 + 16 * 16 + 16 + 16 * 64 + 64 + 64 * 16 + 16) + 32;
        assertEquals(808_448, base);
        String[] lines = result.out().split("\\R");
        assertEquals("parameters: 808,448 + 512 LoRA adapter values; trainable: 512", lines[0]);
        assertEquals("run: " + run, lines[1]);
        assertTrue(lines[2].startsWith("memory: estimated "), result.out());
        assertTrue(lines[3].startsWith("training: 3 steps: 34 training and 2 validation examples, 17 batches per epoch"), result.out());
        assertTrue(result.out().contains("loss before training (step 0): train "), result.out());
        assertTrue(result.out().contains("loss after training (step 3): train "), result.out());
        assertTrue(result.out().contains("responses: " + run.resolve("instruction-data-with-response.json") + " (4 test records)"));
        assertTrue(result.out().contains("summary: " + run.resolve("summary.json")));
        assertTrue(List.of(lines).contains("model: " + run.resolve("model")), result.out());
        assertEquals("summary: " + run.resolve("summary.json"), lines[lines.length - 1]);

        List<InstructionRecord> test = InstructionSplit.of(InstructionFile.read(records), 123).test();
        JsonNode responses = JSON.readTree(run.resolve("instruction-data-with-response.json").toFile());
        assertEquals(4, responses.size());
        for (int i = 0; i < 4; i++) {
            JsonNode record = responses.get(i);
            assertEquals(test.get(i).instruction(), record.get("instruction").asText());
            assertEquals(test.get(i).input(), record.get("input").asText());
            assertEquals(test.get(i).output(), record.get("output").asText());
            assertTrue(record.get("model_response").isTextual());
            assertEquals(List.of("input", "instruction", "model_response", "output"), names(record));
        }

        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals(34, summary.get("split").get("train").asInt());
        assertEquals(2, summary.get("split").get("validation").asInt());
        assertEquals(4, summary.get("split").get("test").asInt());
        assertEquals(808_448, summary.get("parameters").get("base").asLong());
        assertEquals(512, summary.get("parameters").get("adapters").asLong());
        assertEquals(512, summary.get("parameters").get("trainable").asLong());
        assertEquals(64, summary.get("max_length").asInt());
        assertEquals("lora", summary.get("edits").get(0).get("type").asText());
        assertEquals(4.0, summary.get("edits").get(0).get("alpha").asDouble());
        assertEquals(0, summary.get("loss_before").get("step").asInt());
        assertEquals(3, summary.get("loss_after").get("step").asInt());
        for (String when : List.of("loss_before", "loss_after")) {
            for (String split : List.of("train", "validation")) {
                double loss = summary.get(when).get(split).asDouble();
                assertTrue(loss > 5 && loss < 12, when + " " + split + " " + loss);
            }
        }
        assertTrue(summary.get("loss_after").get("train").asDouble() < summary.get("loss_before").get("train").asDouble(),
                summary.toString());
        // The step-0 evaluation is the first line of metrics.jsonl, as the trainer wrote it.
        JsonNode firstMetrics = JSON.readTree(Files.readAllLines(run.resolve("metrics.jsonl")).get(0));
        assertEquals(summary.get("loss_before").get("validation").asDouble(), firstMetrics.get("loss").asDouble(), 1e-9);

        try (SafetensorsFile saved = SafetensorsFile.open(run.resolve("model").resolve("model.safetensors"))) {
            assertTrue(Files.isRegularFile(run.resolve("model").resolve("config.json")), "a Hugging Face GPT-2 directory");
            assertTrue(saved.names().stream().noneMatch(name -> name.contains("lora")), saved.names().toString());
        }
        JsonNode trainJson = JSON.readTree(run.resolve("train.json").toFile());
        assertEquals("instruction", trainJson.get("objective").get("type").asText());
        assertEquals("instructions", trainJson.get("data").get("type").asText());
        assertEquals("alpaca", trainJson.get("data").get("format").asText());
    }

    @Test
    void badInputIsOneLineAndExitTwoBeforeAnyFileIsWritten() throws IOException {
        Path broken = temp.resolve("broken.json");
        Files.writeString(broken, "[\n  {\"instruction\": \"a\", \"input\": \"\", \"output\": \"b\"},\n  {\"input\": \"x\", \"output\": \"y\"}\n]\n");
        CliRun missing = CliRun.of("finetune", "instruct", "--model", model.toString(), "--data", broken.toString(),
                "--out", temp.resolve("a").toString());
        assertEquals(2, missing.code());
        assertEquals("lmlab: " + broken + ": record 1 (line 3): no \"instruction\" field\n", missing.err());

        CliRun format = CliRun.of("finetune", "instruct", "--model", model.toString(), "--data", records.toString(),
                "--format", "chatml", "--out", temp.resolve("b").toString());
        assertEquals(2, format.code());
        assertEquals("lmlab: data.format: unknown type 'chatml'; known: alpaca, phi3\n", format.err());

        CliRun alpha = CliRun.of("finetune", "instruct", "--model", model.toString(), "--lora-alpha", "8",
                "--out", temp.resolve("c").toString());
        assertEquals(2, alpha.code());
        assertEquals("lmlab: --lora-alpha and --lora-targets need --lora-rank\n", alpha.err());

        CliRun target = CliRun.of("finetune", "instruct", "--model", model.toString(), "--data", records.toString(),
                "--lora-rank", "2", "--lora-targets", "blocks.3", "--out", temp.resolve("d").toString());
        assertEquals(2, target.code());
        assertTrue(target.err().startsWith("lmlab: edits.targets: 'blocks.3' names no linear layer of model "), target.err());

        CliRun length = CliRun.of("finetune", "instruct", "--model", model.toString(), "--data", records.toString(),
                "--max-length", "65", "--out", temp.resolve("e").toString());
        assertEquals(2, length.code());
        assertTrue(length.err().startsWith("lmlab: objective.max_length: 65 is longer than model "), length.err());
        for (String name : List.of("a", "b", "c", "d", "e")) {
            assertFalse(Files.exists(temp.resolve(name).resolve("train.json")), name);
        }
    }

    private static List<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }
}
