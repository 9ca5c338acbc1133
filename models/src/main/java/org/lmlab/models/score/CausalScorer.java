package org.lmlab.models.score;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lmlab.models.LanguageModel;

/**
 * Log-likelihoods from a decoder, over token ids, several rows per forward pass (see
 * {@link ScoringConfig}); log-softmax and sums are float64.
 *
 * <ul>
 *   <li>{@link #logLikelihood(int[], int[])}: lm-evaluation-harness's {@code loglikelihood}, the
 *       summed log-probability of a continuation after a context and whether it is the greedy
 *       continuation. At most {@link #window()} tokens of context + continuation are read: a
 *       longer context loses its start (the continuation is always kept whole), and a
 *       continuation of more than {@code window - 1} tokens is refused, since its first token
 *       would have nothing left to be predicted from.</li>
 *   <li>{@link #rollingLogLikelihood(int[])}: a long text in windows of {@code window} tokens
 *       that overlap by one token, so every token after the first is predicted exactly once,
 *       from the tokens before it in its window ({@code lmlab score}).</li>
 * </ul>
 */
public final class CausalScorer implements Scorer {

    private final RowBatcher batcher;
    private final int window;

    /** Windows of the model's full context, {@link ScoringConfig#DEFAULT} batching. */
    public CausalScorer(LanguageModel model, NDManager manager) {
        this(model, manager, ScoringConfig.DEFAULT);
    }

    public CausalScorer(LanguageModel model, NDManager manager, ScoringConfig config) {
        if (!model.predictsNextToken()) {
            throw new IllegalArgumentException("next-token scoring needs a decoder with a next-token head, got a "
                    + model.config().stack() + " with a " + model.config().head().type() + " head");
        }
        int context = model.config().contextLength();
        int window = config.window() == 0 ? context : config.window();
        if (window < 2 || window > context) {
            throw new IllegalArgumentException("scoring window: must be in [2, " + context + "] (the model's context), got " + window);
        }
        this.batcher = new RowBatcher(model, manager, config);
        this.window = window;
    }

    /** Most tokens of text the model reads at once, the last predicted token included. */
    public int window() {
        return window;
    }

    /** The log-likelihood of {@code continuation} after {@code context}; see the class comment for truncation. */
    public LogLikelihood logLikelihood(int[] context, int[] continuation) {
        return logLikelihoods(List.of(new LogLikelihoodRequest(context, continuation))).get(0);
    }

    /** {@link #logLikelihood(int[], int[])} of each request, in order, several per forward pass. */
    public List<LogLikelihood> logLikelihoods(List<LogLikelihoodRequest> requests) {
        List<ScoredRow> rows = new ArrayList<>(requests.size());
        for (LogLikelihoodRequest request : requests) {
            rows.add(row(request));
        }
        List<LogLikelihood> results = new ArrayList<>(requests.size());
        for (ScoredRow.Result result : batcher.run(rows)) {
            results.add(new LogLikelihood(result.sum(), result.allMostLikely()));
        }
        return results;
    }

    /** The summed log-probability of every token after the first, in windows; the count is {@code ids.length - 1}. */
    public SequenceLogLikelihood rollingLogLikelihood(int[] ids) {
        return rollingLogLikelihoods(List.of(ids)).get(0);
    }

    /** {@link #rollingLogLikelihood} of each sequence, in order; windows of all of them share forward passes. */
    public List<SequenceLogLikelihood> rollingLogLikelihoods(List<int[]> sequences) {
        List<ScoredRow> rows = new ArrayList<>();
        int[] windows = new int[sequences.size()];
        for (int s = 0; s < sequences.size(); s++) {
            int[] ids = sequences.get(s);
            if (ids.length < 2) {
                throw new IllegalArgumentException("scoring needs at least 2 tokens, got " + ids.length);
            }
            for (int start = 0; start < ids.length - 1; start += window - 1) {
                int end = Math.min(ids.length, start + window);
                rows.add(predicting(Arrays.copyOfRange(ids, start, end), end - start - 1));
                windows[s]++;
            }
        }
        List<ScoredRow.Result> results = batcher.run(rows);
        List<SequenceLogLikelihood> scores = new ArrayList<>(sequences.size());
        int at = 0;
        for (int s = 0; s < sequences.size(); s++) {
            double total = 0;
            for (int w = 0; w < windows[s]; w++) {
                total += results.get(at++).sum();
            }
            scores.add(new SequenceLogLikelihood(total, sequences.get(s).length - 1L));
        }
        return scores;
    }

    /** The rolling log-likelihood. */
    @Override
    public List<SequenceLogLikelihood> sequenceLogLikelihoods(List<int[]> sequences) {
        return rollingLogLikelihoods(sequences);
    }

    private ScoredRow row(LogLikelihoodRequest request) {
        int continuation = request.continuationLength();
        if (continuation > window - 1) {
            throw new IllegalArgumentException("a continuation of " + continuation + " tokens does not fit a scoring window of "
                    + window + " tokens, which holds at most " + (window - 1) + " after at least one token of context");
        }
        int[] all = request.joined();
        int[] kept = all.length > window ? Arrays.copyOfRange(all, all.length - window, all.length) : all;
        return predicting(kept, continuation);
    }

    /** Reads the model on {@code text} minus its last token and scores the last {@code predicted} tokens. */
    private static ScoredRow predicting(int[] text, int predicted) {
        int inputs = text.length - 1;
        int[] positions = new int[predicted];
        int[] targets = new int[predicted];
        for (int i = 0; i < predicted; i++) {
            positions[i] = inputs - predicted + i;
            targets[i] = text[inputs - predicted + i + 1];
        }
        return new ScoredRow(Arrays.copyOf(text, inputs), positions, targets);
    }
}
