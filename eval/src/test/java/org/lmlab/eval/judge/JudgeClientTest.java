package org.lmlab.eval.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.eval.judge.LoopbackJudge.Step;

class JudgeClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Long> waits = new ArrayList<>();

    private JudgeReply ask(JudgeConfig config, Path logFile) throws IOException {
        try (JudgeLog log = new JudgeLog(logFile)) {
            return new JudgeClient(config, log, waits::add).score("test/0", "Name a colour.", "", "Blue.", "Red.");
        }
    }

    private static JudgeConfig config(String url, double timeout, int retries) {
        return new JudgeConfig(url, "judge-test", timeout, retries, 10, 7);
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void aScoreIsReadFromTheReplyAndTheRequestCarriesTheBooksPromptAtTemperatureZero() throws IOException {
        try (LoopbackJudge judge = LoopbackJudge.start((i, prompt) -> Step.content(" 85\n"))) {
            Path log = dir.resolve("replies.jsonl");
            JudgeReply reply = ask(config(judge.url(), 5, 2), log);
            assertEquals(85, reply.score());
            assertEquals(1, reply.attempts());
            JsonNode request = judge.requests().get(0);
            assertEquals("judge-test", request.get("model").asText());
            assertEquals(0, request.get("temperature").asInt());
            assertEquals(7, request.get("seed").asLong());
            assertFalse(request.get("stream").asBoolean());
            assertEquals("user", request.at("/messages/0/role").asText());
            assertEquals("Given the input `Below is an instruction that describes a task. Write a response that "
                    + "appropriately completes the request.\n\n### Instruction:\nName a colour.` and correct output `Blue.`, "
                    + "score the model response `Red.` on a scale from 0 to 100, where 100 is the best score. "
                    + "Respond with the integer number only.", request.at("/messages/0/content").asText());
            List<JsonNode> lines = lines(log);
            assertEquals(1, lines.size());
            assertEquals("scored", lines.get(0).get("outcome").asText());
            assertEquals(85, lines.get(0).get("score").asInt());
            assertEquals(" 85\n", lines.get(0).get("reply").asText());
            assertEquals(200, lines.get(0).get("http_status").asInt());
            assertTrue(waits.isEmpty());
        }
    }

    @Test
    void aReplyThatIsNotAnIntegerFrom0To100IsMalformedAndNotRetried() throws IOException {
        try (LoopbackJudge judge = LoopbackJudge.start((i, prompt) -> Step.content("Score: 85"))) {
            Path log = dir.resolve("replies.jsonl");
            JudgeReply reply = ask(config(judge.url(), 5, 2), log);
            assertFalse(reply.scored());
            assertNull(reply.score());
            assertEquals("Score: 85", reply.reply());
            assertEquals(1, judge.requests().size());
            JsonNode line = lines(log).get(0);
            assertEquals("malformed", line.get("outcome").asText());
            assertFalse(line.has("score"));
        }
        assertEquals(100, JudgeReply.parse("100"));
        assertEquals(0, JudgeReply.parse("0"));
        assertEquals(7, JudgeReply.parse("007"));
        assertNull(JudgeReply.parse("101"));
        assertNull(JudgeReply.parse("-1"));
        assertNull(JudgeReply.parse("85.5"));
        assertNull(JudgeReply.parse("85."));
        assertNull(JudgeReply.parse(""));
        assertNull(JudgeReply.parse("1000"));
    }

    @Test
    void aBodyWithoutChoicesIsMalformedWithTheRawBodyLogged() throws IOException {
        try (LoopbackJudge judge = LoopbackJudge.start((i, prompt) -> Step.status(200, "{\"error\":\"odd\"}"))) {
            Path log = dir.resolve("replies.jsonl");
            JudgeReply reply = ask(config(judge.url(), 5, 0), log);
            assertFalse(reply.scored());
            assertNull(reply.reply());
            JsonNode line = lines(log).get(0);
            assertEquals("malformed", line.get("outcome").asText());
            assertEquals("{\"error\":\"odd\"}", line.get("body").asText());
        }
    }

    @Test
    void aTimeoutIsRetriedAndTheSecondAnswerCounts() throws IOException {
        try (LoopbackJudge judge = LoopbackJudge.start((i, prompt) -> i == 0 ? Step.never() : Step.content("40"))) {
            Path log = dir.resolve("replies.jsonl");
            JudgeReply reply = ask(config(judge.url(), 0.3, 1), log);
            assertEquals(40, reply.score());
            assertEquals(2, reply.attempts());
            List<JsonNode> lines = lines(log);
            assertEquals("retry", lines.get(0).get("outcome").asText());
            assertEquals("no reply within 0.3 s", lines.get(0).get("error").asText());
            assertEquals("scored", lines.get(1).get("outcome").asText());
            assertEquals(List.of(10L), waits);
        }
    }

    @Test
    void aServerThatNeverAnswersInTimeFailsWithOneLineNamingTheUrl() throws IOException {
        try (LoopbackJudge judge = LoopbackJudge.start((i, prompt) -> Step.never())) {
            UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                    () -> ask(config(judge.url(), 0.2, 1), dir.resolve("replies.jsonl")));
            assertEquals("judge " + judge.url() + ": unreachable after 2 attempts: no reply within 0.2 s", failure.getMessage());
            assertEquals(2, judge.requests().size());
        }
    }

    @Test
    void a500IsRetriedWithExponentialBackoffUntilAnAnswer() throws IOException {
        try (LoopbackJudge judge = LoopbackJudge.start((i, prompt) -> i < 2 ? Step.status(500, "overloaded") : Step.content("72"))) {
            Path log = dir.resolve("replies.jsonl");
            JudgeReply reply = ask(config(judge.url(), 5, 3), log);
            assertEquals(72, reply.score());
            assertEquals(3, reply.attempts());
            assertEquals(List.of(10L, 20L), waits);
            List<JsonNode> lines = lines(log);
            assertEquals(3, lines.size());
            assertEquals("HTTP 500: overloaded", lines.get(0).get("error").asText());
            assertEquals("overloaded", lines.get(1).get("body").asText());
            assertEquals(List.of("retry", "retry", "scored"), lines.stream().map(l -> l.get("outcome").asText()).toList());
        }
    }

    @Test
    void a500EveryTimeFailsAfterTheRetriesNamingTheUrlAndTheStatus() throws IOException {
        try (LoopbackJudge judge = LoopbackJudge.start((i, prompt) -> Step.status(503, "model loading\nplease wait"))) {
            Path log = dir.resolve("replies.jsonl");
            UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> ask(config(judge.url(), 5, 3), log));
            assertEquals("judge " + judge.url() + ": unreachable after 4 attempts: HTTP 503: model loading please wait",
                    failure.getMessage());
            assertEquals(4, judge.requests().size());
            assertEquals(List.of(10L, 20L, 40L), waits);
            List<JsonNode> lines = lines(log);
            assertEquals(List.of("retry", "retry", "retry", "failed"), lines.stream().map(l -> l.get("outcome").asText()).toList());
        }
    }

    @Test
    void a404IsAConfigMistakeAndNotRetried() throws IOException {
        try (LoopbackJudge judge = LoopbackJudge.start((i, prompt) -> Step.status(404, "{\"error\":\"model 'judge-test' not found\"}"))) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> ask(config(judge.url(), 5, 3), dir.resolve("replies.jsonl")));
            assertEquals("judge " + judge.url() + ": HTTP 404: {\"error\":\"model 'judge-test' not found\"}"
                    + " (not retried: check judge.url and judge.model 'judge-test')", failure.getMessage());
            assertEquals(1, judge.requests().size());
        }
    }

    @Test
    void aClosedPortFailsAfterTheRetriesWithOneLineNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1/chat/completions";
        Path log = dir.resolve("replies.jsonl");
        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> ask(config(url, 5, 2), log));
        assertTrue(failure.getMessage().startsWith("judge " + url + ": unreachable after 3 attempts: cannot connect"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
        assertEquals(List.of(10L, 20L), waits);
        assertEquals(3, lines(log).size());
    }

    @Test
    void aConfigWithABadFieldIsRefusedNamingTheField() {
        assertEquals("judge.url: must be an http:// or https:// URL with a host, got ftp://x/y",
                assertThrows(IllegalArgumentException.class, () -> new JudgeConfig("ftp://x/y", "m", 1, 0, 0, 0)).getMessage());
        assertEquals("judge.model: required (the model name the server knows, e.g. llama3)",
                assertThrows(IllegalArgumentException.class, () -> new JudgeConfig(JudgeConfig.OLLAMA_URL, " ", 1, 0, 0, 0)).getMessage());
        assertEquals("judge.timeout_seconds: must be positive, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new JudgeConfig(JudgeConfig.OLLAMA_URL, "m", 0, 0, 0, 0)).getMessage());
        assertEquals("judge.retries: must not be negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> new JudgeConfig(JudgeConfig.OLLAMA_URL, "m", 1, -1, 0, 0)).getMessage());
    }

    @Test
    void theInputSectionAppearsOnlyForANonEmptyInput() {
        assertTrue(JudgePrompt.formatInput("Rewrite.", "It is cold.").endsWith("### Instruction:\nRewrite.\n\n### Input:\nIt is cold."));
        assertFalse(JudgePrompt.formatInput("Rewrite.", "").contains("### Input:"));
    }
}
