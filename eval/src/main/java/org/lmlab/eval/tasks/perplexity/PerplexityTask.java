package org.lmlab.eval.tasks.perplexity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.metric.Transform;
import org.lmlab.eval.task.EvalContext;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.Task;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.tasks.ModelSentences;
import org.lmlab.models.score.Scorer;
import org.lmlab.models.score.SequenceLogLikelihood;

/**
 * Perplexity over a text's documents. Each document is one item with its negative
 * log-likelihood {@code nll} (nats), the {@code tokens} scored, its whitespace {@code words}
 * and UTF-8 {@code bytes}; the metrics pool them over documents: perplexity
 * {@code exp(sum nll / sum tokens)}, word perplexity {@code exp(sum nll / sum words)} and
 * bits per byte {@code sum nll / sum bytes / ln 2} (the last two compare across tokenizers).
 *
 * <p>A decoder scores each document with the rolling log-likelihood (windows of the scoring
 * window overlapping by one token) after its tokenizer's end-of-text token, so every token of
 * the document is predicted; without one, the document's first token is read but not scored.
 * A masked model scores the pseudo-log-likelihood of consecutive, non-overlapping windows of
 * the document ({@code [CLS]} + at most window - 2 tokens + {@code [SEP]}), every token masked
 * once; its metrics are named {@code pseudo_*}, since they are not comparable with a decoder's.
 * {@link #metrics()} names those of the kind of model last evaluated (a decoder's before any).
 */
public final class PerplexityTask implements Task {

    /** Documents per call to the scorer, so their windows share forward passes. */
    private static final int CHUNK = 4;

    private final List<TextDocument> documents;
    private final long maxTokens;
    private volatile boolean masked;

    public PerplexityTask(PerplexityConfig config) {
        try {
            List<TextDocument> all = TextDocuments.read(Path.of(config.path()));
            List<TextDocument> chosen = config.maxDocuments() > 0 && config.maxDocuments() < all.size()
                    ? all.subList(0, config.maxDocuments()) : all;
            this.documents = PerplexityConfig.PARAGRAPH.equals(config.unit()) ? TextDocuments.paragraphs(chosen) : chosen;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable.getMessage(), unreadable);
        }
        this.maxTokens = config.maxTokens();
    }

    /** The documents this task scores (before {@code max_tokens}). */
    public List<TextDocument> documents() {
        return documents;
    }

    @Override
    public String name() {
        return PerplexityConfig.NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<MetricSpec> metrics() {
        String prefix = masked ? "pseudo_" : "";
        return List.of(
                MetricSpec.ratio(prefix + "perplexity", "nll", "tokens", Transform.EXP, false),
                MetricSpec.ratio(prefix + "word_perplexity", "nll", "words", Transform.EXP, false),
                MetricSpec.ratio(prefix + "bits_per_byte", "nll", "bytes", Transform.NATS_TO_BITS, false));
    }

    @Override
    public TaskOutput evaluate(EvalContext context) {
        masked = !context.causal();
        ModelSentences sentences = new ModelSentences(context.text(), context.causal());
        Scorer scorer = context.scorer();
        int window = window(context);
        List<ItemResult> items = new ArrayList<>();
        long scored = 0;
        // With a token budget, progress counts scored tokens against it (the documents left over are never read).
        long total = maxTokens > 0 ? maxTokens : documents.size();
        context.progress().onItems(name(), 0, total);
        for (int start = 0; start < documents.size() && !(maxTokens > 0 && scored >= maxTokens); start += CHUNK) {
            List<TextDocument> chunk = documents.subList(start, Math.min(documents.size(), start + CHUNK));
            List<int[]> sequences = new ArrayList<>();
            int[] pieces = new int[chunk.size()];
            for (int d = 0; d < chunk.size(); d++) {
                List<int[]> parts = pieces(sentences, sentences.plain(chunk.get(d).text()), window, context.causal(), chunk.get(d));
                pieces[d] = parts.size();
                sequences.addAll(parts);
            }
            List<SequenceLogLikelihood> results = scorer.sequenceLogLikelihoods(sequences);
            int at = 0;
            for (int d = 0; d < chunk.size(); d++) {
                double logLikelihood = 0;
                long tokens = 0;
                for (int p = 0; p < pieces[d]; p++) {
                    logLikelihood += results.get(at).logLikelihood();
                    tokens += results.get(at).tokens();
                    at++;
                }
                if (maxTokens > 0 && scored >= maxTokens) {
                    break;
                }
                TextDocument document = chunk.get(d);
                Map<String, Double> values = new LinkedHashMap<>();
                values.put("nll", -logLikelihood);
                values.put("tokens", (double) tokens);
                values.put("words", (double) document.words());
                values.put("bytes", (double) document.bytes());
                items.add(new ItemResult(document.id(), null, null, null, null, null, values, Map.of("title", document.title())));
                scored += tokens;
            }
            context.progress().onItems(name(), maxTokens > 0 ? Math.min(scored, maxTokens) : items.size(), total);
        }
        return new TaskOutput(items, Map.of(), notes(context.causal(), sentences));
    }

    private static int window(EvalContext context) {
        int contextLength = context.model().config().contextLength();
        int window = context.scoring().window();
        return window == 0 ? contextLength : Math.min(window, contextLength);
    }

    /** A decoder: the whole document (the scorer windows it); a masked model: framed windows of it. */
    private static List<int[]> pieces(ModelSentences sentences, int[] plain, int window, boolean causal, TextDocument document) {
        if (causal) {
            int[] ids = sentences.prepare(plain);
            if (ids.length < 2) {
                throw new IllegalArgumentException("perplexity: " + document.id() + " has " + plain.length + " token(s), too few to score");
            }
            return List.of(ids);
        }
        int span = window - sentences.overhead();
        if (span < 1) {
            throw new IllegalArgumentException("perplexity: a scoring window of " + window + " tokens leaves no room for text");
        }
        if (plain.length == 0) {
            throw new IllegalArgumentException("perplexity: " + document.id() + " has no tokens to score");
        }
        List<int[]> pieces = new ArrayList<>();
        for (int start = 0; start < plain.length; start += span) {
            pieces.add(sentences.prepare(Arrays.copyOfRange(plain, start, Math.min(plain.length, start + span))));
        }
        return pieces;
    }

    private static List<String> notes(boolean causal, ModelSentences sentences) {
        if (!causal) {
            return List.of("pseudo-perplexity of a masked model (each token masked once, in non-overlapping windows):"
                    + " not comparable with a causal model's perplexity");
        }
        return List.of(sentences.endOfText().isPresent()
                ? "every token of a document is scored, the first one after the end-of-text token"
                : "the tokenizer has no end-of-text token: each document's first token is read but not scored");
    }
}
