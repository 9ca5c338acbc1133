package org.lmlab.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A chat-completions server on 127.0.0.1 (a free port) for tests: each request is answered by a
 * {@link Script} from its index and the user message, with a reply in the OpenAI shape, a bare
 * status, or by hanging until the server closes (bounded at 10 s), so a short client timeout
 * fires. It records every request body.
 */
public final class LoopbackJudge implements AutoCloseable {

    /** How request {@code index} (from 0) with this prompt is answered. */
    @FunctionalInterface
    public interface Script {
        Step answer(int index, String prompt);
    }

    /** One answer. */
    public record Step(int status, String body, boolean hangs) {

        /** HTTP 200 with {@code content} as the assistant's message. */
        public static Step content(String content) {
            ObjectNode body = JSON.createObjectNode();
            body.put("id", "chatcmpl-test");
            body.put("object", "chat.completion");
            body.put("model", "judge-test");
            ObjectNode choice = body.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", content);
            choice.put("finish_reason", "stop");
            return new Step(200, body.toString(), false);
        }

        /** A status with a body as given. */
        public static Step status(int status, String body) {
            return new Step(status, body, false);
        }

        /** No answer until the server closes. */
        public static Step never() {
            return new Step(0, "", true);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<JsonNode> requests = new ArrayList<>();

    private LoopbackJudge(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "loopback-judge");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, script));
        server.start();
    }

    /** A started server answering with {@code script}. */
    public static LoopbackJudge start(Script script) throws IOException {
        return new LoopbackJudge(script);
    }

    /** The chat-completions URL of this server. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
    }

    /** The request bodies received so far, in order. */
    public synchronized List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange, Script script) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            int index;
            synchronized (this) {
                index = requests.size();
                requests.add(request);
            }
            Step step = script.answer(index, request.path("messages").path(0).path("content").asText());
            if (step.hangs()) {
                closing.await(10, TimeUnit.SECONDS);
                return;
            }
            byte[] bytes = step.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(step.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
