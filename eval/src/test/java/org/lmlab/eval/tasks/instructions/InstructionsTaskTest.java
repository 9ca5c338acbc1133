package org.lmlab.eval.tasks.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.eval.EvalModule;
import org.lmlab.eval.judge.JudgeConfig;
import org.lmlab.eval.judge.LoopbackJudge;
import org.lmlab.eval.judge.LoopbackJudge.Step;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.metric.MetricSummaries;
import org.lmlab.eval.metric.MetricValue;
import org.lmlab.eval.task.EvalContext;
import org.lmlab.eval.task.EvalProgress;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.task.Tasks;
import org.lmlab.layers.config.ConfigMapper;

class InstructionsTaskTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RESPONSES = """
            [ {"instruction": "What is the capital of France?", "input": "", "output": "The capital of France is Paris.",
               "model_response": "the capital of  France is Paris."},
              {"instruction": "Rewrite the sentence in passive voice.", "input": "The cat chased the mouse.",
               "output": "The mouse was chased by the cat.", "model_response": "The mouse was chased.", "extra": 1},
              {"instruction": "Name a primary colour.", "output": "Red.", "model_response": "Blue."},
              {"instruction": "Convert 5 km to metres.", "input": null, "output": "5 km is 5000 metres.",
               "model_response": "5000 metres"} ]
            """;

    @TempDir
    Path dir;

    private Path responses() throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("model"));
        Path file = run.resolve(InstructionsTaskConfig.RESPONSES);
        Files.writeString(file, RESPONSES);
        return file;
    }

    private EvalContext context(Path modelDirectory) {
        return new EvalContext(null, null, null, null, 1234, modelDirectory, dir.resolve("tasks/instructions"), EvalProgress.NONE);
    }

    /** Scores by the response the prompt carries; "Blue." gets an answer that is not a bare integer. */
    private static Step judgeByResponse(int index, String prompt) {
        if (prompt.contains("score the model response `the capital of  France is Paris.`")) {
            return Step.content("95");
        }
        if (prompt.contains("score the model response `The mouse was chased.`")) {
            return Step.content("60");
        }
        if (prompt.contains("score the model response `Blue.`")) {
            return Step.content("I would give it 10");
        }
        return Step.content("80\n");
    }

    @Test
    void exactMatchAndRougeLWithoutAJudgeEqualHandComputedValues() throws IOException {
        Path file = responses();
        InstructionsTask task = new InstructionsTask(InstructionsTaskConfig.DEFAULTS);
        assertEquals(List.of("exact_match", "rouge_l"), task.metrics().stream().map(MetricSpec::name).toList());
        TaskOutput output = task.evaluate(context(file.getParent().resolve("model")));
        List<ItemResult> items = output.items();
        assertEquals(List.of("test/0", "test/1", "test/2", "test/3"), items.stream().map(ItemResult::id).toList());
        assertEquals(List.of(1.0, 0.0, 0.0, 0.0), items.stream().map(i -> i.value("exact_match")).toList());
        // rouge_l: 1; LCS 4 of 4 and 7 -> 8/11; 0; LCS 2 of 2 and 5 -> 4/7
        assertEquals(1.0, items.get(0).value("rouge_l"), 1e-15);
        assertEquals(8.0 / 11, items.get(1).value("rouge_l"), 1e-15);
        assertEquals(0.0, items.get(2).value("rouge_l"), 1e-15);
        assertEquals(4.0 / 7, items.get(3).value("rouge_l"), 1e-15);
        assertEquals(Map.of("instruction", "Rewrite the sentence in passive voice.", "input", "The cat chased the mouse.",
                "reference", "The mouse was chased by the cat.", "response", "The mouse was chased."), items.get(1).texts());
        assertFalse(items.get(0).values().containsKey("judge"));
        List<MetricValue> values = new MetricSummaries(100, 3).summarise(task.metrics(), items);
        assertEquals(0.25, values.get(0).value(), 1e-15);
        assertEquals((1 + 8.0 / 11 + 0 + 4.0 / 7) / 4, values.get(1).value(), 1e-15);
        assertFalse(Files.exists(dir.resolve("tasks/instructions").resolve(InstructionsTask.REPLIES)));
    }

    @Test
    void aLoopbackJudgeScoresEachResponseAndAMalformedReplyIsLeftOutOfTheMean() throws IOException {
        Path file = responses();
        try (LoopbackJudge judge = LoopbackJudge.start(InstructionsTaskTest::judgeByResponse)) {
            JudgeConfig config = new JudgeConfig(judge.url(), "judge-test", 5, 1, 1, 123);
            InstructionsTask task = new InstructionsTask(new InstructionsTaskConfig("instructions", "", file.toString(), config));
            TaskOutput output = task.evaluate(context(null));
            List<ItemResult> items = output.items();
            assertEquals(List.of(95.0, 60.0, 0.0, 80.0), items.stream().map(i -> i.value("judge")).toList());
            assertEquals(List.of(1.0, 1.0, 0.0, 1.0), items.stream().map(i -> i.value("judged")).toList());
            assertEquals("I would give it 10", items.get(2).texts().get("judge_reply"));
            MetricSpec judged = task.metrics().get(2);
            assertEquals("judge", judged.name());
            assertEquals((95.0 + 60 + 80) / 3, judged.over(items), 1e-12);

            @SuppressWarnings("unchecked")
            Map<String, Object> extras = (Map<String, Object>) output.extras().get("judge");
            assertEquals(3, extras.get("scored"));
            assertEquals(1, extras.get("malformed"));
            assertEquals(List.of("1 of 4 judge replies were not an integer from 0 to 100; those items are left out of the "
                    + "judge mean (see judge-replies.jsonl)"), output.notes());

            assertEquals(4, judge.requests().size());
            String second = judge.requests().get(1).at("/messages/0/content").asText();
            assertTrue(second.startsWith("Given the input `Below is an instruction that describes a task. Write a response that "
                    + "appropriately completes the request.\n\n### Instruction:\nRewrite the sentence in passive voice.\n\n"
                    + "### Input:\nThe cat chased the mouse.` and correct output `The mouse was chased by the cat.`"), second);

            List<String> lines = Files.readAllLines(dir.resolve("tasks/instructions").resolve(InstructionsTask.REPLIES));
            assertEquals(4, lines.size());
            JsonNode third = JSON.readTree(lines.get(2));
            assertEquals("test/2", third.get("id").asText());
            assertEquals("malformed", third.get("outcome").asText());
            assertEquals("I would give it 10", third.get("reply").asText());
        }
    }

    @Test
    void anUnreachableJudgeFailsTheTaskWithOneLineNamingTheUrl() throws IOException {
        Path file = responses();
        String url;
        try (LoopbackJudge judge = LoopbackJudge.start((i, prompt) -> Step.status(500, "down"))) {
            url = judge.url();
            InstructionsTask task = new InstructionsTask(new InstructionsTaskConfig("instructions", file.getParent().toString(), "",
                    new JudgeConfig(url, "judge-test", 5, 1, 1, 123)));
            UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> task.evaluate(context(null)));
            assertEquals("judge " + url + ": unreachable after 2 attempts: HTTP 500: down", failure.getMessage());
        }
    }

    @Test
    void aBadResponsesFileFailsNamingTheFileAndTheRecord() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[{\"instruction\": \"a\", \"output\": \"b\", \"model_response\": \"c\"}, {\"instruction\": \"a\", \"output\": \"b\"}]");
        InstructionsTask task = new InstructionsTask(new InstructionsTaskConfig("instructions", "", file.toString(), null));
        assertEquals(file + ": record 1: no \"model_response\" field",
                assertThrows(IOException.class, () -> task.evaluate(context(null))).getMessage());
        Files.writeString(file, "[{\"instruction\": 3, \"output\": \"b\", \"model_response\": \"c\"}]");
        assertEquals(file + ": record 0: \"instruction\" must be a string, got number",
                assertThrows(IOException.class, () -> task.evaluate(context(null))).getMessage());
        Files.writeString(file, "[]");
        assertEquals(file + ": no records", assertThrows(IOException.class, () -> task.evaluate(context(null))).getMessage());
        assertEquals("task: give run or responses, not both (run: r, responses: s)",
                assertThrows(IllegalArgumentException.class, () -> new InstructionsTaskConfig("instructions", "r", "s", null)).getMessage());
    }

    @Test
    void theTaskIsRegisteredAndReadsAJudgeFromConfig() throws IOException {
        Injector injector = Guice.createInjector(new EvalModule());
        Tasks tasks = injector.getInstance(Tasks.class);
        assertEquals(InstructionsTaskConfig.DEFAULTS, tasks.defaults("instructions"));
        TaskConfig read = injector.getInstance(ConfigMapper.class).json().readValue("""
                {"type": "instructions", "run": "/runs/inst", "responses": "",
                 "judge": {"url": "http://localhost:11434/v1/chat/completions", "model": "llama3",
                           "timeout_seconds": 60, "retries": 2, "backoff_millis": 500, "seed": 123}}
                """, TaskConfig.class);
        assertEquals(new InstructionsTaskConfig("instructions", "/runs/inst", "",
                new JudgeConfig(JudgeConfig.OLLAMA_URL, "llama3", 60, 2, 500, 123)), read);
        assertInstanceOf(InstructionsTask.class, tasks.create(read));
        assertEquals(3, tasks.create(read).metrics().size());
    }
}
