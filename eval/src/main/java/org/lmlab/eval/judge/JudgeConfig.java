package org.lmlab.eval.judge;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where and how to ask an LLM judge: an OpenAI-compatible chat-completions {@code url} (Ollama
 * serves one at {@value #OLLAMA_URL}) and the {@code model} it runs, how long one request may
 * take ({@code timeout_seconds}), how many times a timeout, connection error or 5xx is retried
 * ({@code retries}) with exponential backoff from {@code backoff_millis}, and the {@code seed}
 * sent with every request (temperature is always 0), so a judge that honours it answers alike.
 */
public record JudgeConfig(String url, String model, double timeoutSeconds, int retries, long backoffMillis, long seed) {

    /** Ollama's OpenAI-compatible endpoint on this machine. */
    public static final String OLLAMA_URL = "http://localhost:11434/v1/chat/completions";

    /** The book's chapter-7 judge: Llama 3 (8B) served by Ollama on this machine. */
    public static final JudgeConfig DEFAULTS = new JudgeConfig(OLLAMA_URL, "llama3", 120, 3, 1000, 123);

    public JudgeConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("judge.url: required (e.g. " + OLLAMA_URL + ")");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("judge.url: not a URL: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("judge.url: must be an http:// or https:// URL with a host, got " + url);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("judge.model: required (the model name the server knows, e.g. llama3)");
        }
        if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) {
            throw new IllegalArgumentException("judge.timeout_seconds: must be positive, got " + timeoutSeconds);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("judge.retries: must not be negative, got " + retries);
        }
        if (backoffMillis < 0) {
            throw new IllegalArgumentException("judge.backoff_millis: must not be negative, got " + backoffMillis);
        }
    }

    /** The endpoint as a URI. */
    public URI uri() {
        return URI.create(url);
    }
}
