package org.lmlab.eval.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Asks an OpenAI-compatible chat-completions endpoint (Ollama, llama.cpp's server, vLLM, OpenAI)
 * to score responses: one user message, temperature 0, the config's seed, no streaming; the
 * reply is {@code choices[0].message.content}. A timeout, a connection error or a 5xx status is
 * retried {@code retries} times, waiting {@code backoff_millis} x 2^k before retry k+1; a 4xx
 * is a mistake in the config and is not retried. Every attempt goes to the {@link JudgeLog}.
 * When the endpoint cannot be reached after the retries the call fails with one line naming the
 * URL ({@link UncheckedIOException}); a reply that is not a valid score is returned unscored.
 * A loopback endpoint is always reached directly, never through a configured proxy (as the
 * JDK's default {@code http.nonProxyHosts} does).
 */
public final class JudgeClient {

    /** Waits between retries; a test can record the waits instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SNIPPET = 200;

    private final JudgeConfig config;
    private final JudgeLog log;
    private final Sleeper sleeper;
    private final HttpClient http;

    /** A client of the configured endpoint that logs every attempt to {@code log}. */
    public JudgeClient(JudgeConfig config, JudgeLog log) {
        this(config, log, Thread::sleep);
    }

    JudgeClient(JudgeConfig config, JudgeLog log, Sleeper sleeper) {
        this.config = config;
        this.log = log;
        this.sleeper = sleeper;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout());
        if (loopback(config.uri())) {
            builder.proxy(HttpClient.Builder.NO_PROXY);
        }
        this.http = builder.build();
    }

    /** Scores a response with the book's prompt. */
    public JudgeReply score(String id, String instruction, String input, String reference, String response) {
        return ask(id, JudgePrompt.of(instruction, input, reference, response));
    }

    /** Sends one prompt and reads the score from the reply. */
    public JudgeReply ask(String id, String prompt) {
        HttpRequest request = HttpRequest.newBuilder(config.uri())
                .timeout(timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(prompt), StandardCharsets.UTF_8))
                .build();
        int attempts = config.retries() + 1;
        String failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            ObjectNode line = log.line(id, attempt);
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = answer.statusCode();
                line.put("http_status", status);
                line.put("body", answer.body());
                if (status >= 200 && status < 300) {
                    return reply(id, attempt, answer.body(), line);
                }
                failure = "HTTP " + status + snippet(answer.body());
                if (status < 500) {
                    line.put("outcome", "failed");
                    line.put("error", failure);
                    log.write(line);
                    throw new IllegalArgumentException("judge " + config.url() + ": " + failure
                            + " (not retried: check judge.url and judge.model '" + config.model() + "')");
                }
            } catch (HttpTimeoutException timedOut) {
                failure = "no reply within " + config.timeoutSeconds() + " s";
            } catch (ConnectException refused) {
                failure = "cannot connect" + (refused.getMessage() == null ? "" : " (" + refused.getMessage() + ")");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new InterruptedIOException("judge " + config.url() + ": interrupted"));
            } catch (IOException broken) {
                failure = broken.getClass().getSimpleName() + (broken.getMessage() == null ? "" : ": " + broken.getMessage());
            }
            boolean last = attempt == attempts;
            line.put("outcome", last ? "failed" : "retry");
            line.put("error", failure);
            log.write(line);
            if (!last) {
                pause(config.backoffMillis() << Math.min(attempt - 1, 30));
            }
        }
        throw new UncheckedIOException("judge " + config.url() + ": unreachable after " + attempts
                + (attempts == 1 ? " attempt: " : " attempts: ") + oneLine(failure), new IOException(failure));
    }

    private JudgeReply reply(String id, int attempt, String body, ObjectNode line) {
        String content = content(body);
        Integer score = JudgeReply.parse(content);
        if (content != null) {
            line.put("reply", content);
        }
        if (score != null) {
            line.put("score", score);
        }
        line.put("outcome", score != null ? "scored" : "malformed");
        log.write(line);
        return new JudgeReply(id, content, score, attempt);
    }

    /** {@code choices[0].message.content}, or {@code null} when the body has none. */
    private static String content(String body) {
        try {
            JsonNode content = JSON.readTree(body).path("choices").path(0).path("message").path("content");
            return content.isTextual() ? content.asText() : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private String body(String prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt);
        body.put("temperature", 0);
        body.put("seed", config.seed());
        body.put("stream", false);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void pause(long millis) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("judge " + config.url() + ": interrupted"));
        }
    }

    private Duration timeout() {
        return Duration.ofNanos(Math.max(1, Math.round(config.timeoutSeconds() * 1e9)));
    }

    private static boolean loopback(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = oneLine(body);
        return ": " + (text.length() > SNIPPET ? text.substring(0, SNIPPET) + "..." : text);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    /** The config this client asks with. */
    public JudgeConfig config() {
        return config;
    }
}
