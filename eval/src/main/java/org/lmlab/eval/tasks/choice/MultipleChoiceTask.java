package org.lmlab.eval.tasks.choice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.task.EvalContext;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.Task;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.tasks.ModelSentences;
import org.lmlab.eval.tasks.Predictions;
import org.lmlab.models.score.CausalScorer;
import org.lmlab.models.score.LogLikelihood;
import org.lmlab.models.score.LogLikelihoodRequest;
import org.lmlab.models.score.Scorer;
import org.lmlab.models.score.SequenceLogLikelihood;

/**
 * Multiple choice by log-likelihood, as lm-evaluation-harness scores ARC or HellaSwag: each
 * choice's score is the log-likelihood of its tokens after the context's, context and choice
 * encoded separately. A decoder: {@link CausalScorer#logLikelihoods}, the context read after
 * end-of-text when the tokenizer has one. A masked model has no conditional likelihood, so a
 * choice scores the pseudo-log-likelihood of context + choice minus that of the context alone
 * (each framed as the model reads text; just the choice's when the context is empty): what the
 * choice adds to the sequence's pseudo-log-likelihood. {@code accuracy}: the gold choice scores
 * strictly highest; {@code accuracy_norm}: the same with each score divided by its choice's
 * UTF-8 byte length (lm-evaluation-harness's {@code acc_norm}).
 */
public final class MultipleChoiceTask implements Task {

    /** Questions per call to the scorer. */
    private static final int CHUNK = 32;

    private final List<ChoiceItem> items;

    public MultipleChoiceTask(MultipleChoiceConfig config) {
        if (config.path().isBlank()) {
            throw new IllegalArgumentException("path: required, a JSONL file of {\"context\", \"choices\", \"gold\"}"
                    + " (set it with --set task.multiple-choice.path=FILE)");
        }
        try {
            this.items = ChoiceFile.read(Path.of(config.path()));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable.getMessage(), unreadable);
        }
    }

    /** The questions, in file order. */
    public List<ChoiceItem> items() {
        return items;
    }

    @Override
    public String name() {
        return MultipleChoiceConfig.NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.accuracy(), MetricSpec.mean("accuracy_norm", "correct_norm", true));
    }

    @Override
    public TaskOutput evaluate(EvalContext context) {
        ModelSentences sentences = new ModelSentences(context.text(), context.causal());
        Scorer scorer = context.scorer();
        List<ItemResult> results = new ArrayList<>(items.size());
        context.progress().onItems(name(), 0, items.size());
        for (int start = 0; start < items.size(); start += CHUNK) {
            List<ChoiceItem> chunk = items.subList(start, Math.min(items.size(), start + CHUNK));
            List<List<Double>> scores = context.causal() ? causal((CausalScorer) scorer, sentences, chunk)
                    : masked(scorer, sentences, chunk);
            for (int i = 0; i < chunk.size(); i++) {
                results.add(item(chunk.get(i), scores.get(i)));
            }
            context.progress().onItems(name(), results.size(), items.size());
        }
        List<String> notes = List.of(context.causal()
                ? "scores: log-likelihood of each choice's tokens after the context's"
                : "scores: pseudo-log-likelihood of context + choice minus that of the context (a masked model)");
        return new TaskOutput(results, Map.of(), notes);
    }

    private static List<List<Double>> causal(CausalScorer scorer, ModelSentences sentences, List<ChoiceItem> chunk) {
        List<LogLikelihoodRequest> requests = new ArrayList<>();
        for (ChoiceItem item : chunk) {
            int[] context = sentences.prepare(sentences.plain(item.context()));
            if (context.length == 0) {
                throw new IllegalArgumentException("multiple-choice: " + item.id() + ": an empty context needs a tokenizer"
                        + " with an end-of-text token to score the choices after");
            }
            for (String choice : item.choices()) {
                requests.add(new LogLikelihoodRequest(context, choiceIds(sentences, item, choice)));
            }
        }
        List<LogLikelihood> answers = scorer.logLikelihoods(requests);
        List<List<Double>> scores = new ArrayList<>();
        int at = 0;
        for (ChoiceItem item : chunk) {
            List<Double> row = new ArrayList<>();
            for (int c = 0; c < item.choices().size(); c++) {
                row.add(answers.get(at++).logLikelihood());
            }
            scores.add(row);
        }
        return scores;
    }

    private static List<List<Double>> masked(Scorer scorer, ModelSentences sentences, List<ChoiceItem> chunk) {
        List<int[]> sequences = new ArrayList<>();
        for (ChoiceItem item : chunk) {
            int[] context = sentences.plain(item.context());
            if (context.length > 0) {
                sequences.add(sentences.prepare(context));
            }
            for (String choice : item.choices()) {
                int[] continuation = choiceIds(sentences, item, choice);
                int[] joined = java.util.Arrays.copyOf(context, context.length + continuation.length);
                System.arraycopy(continuation, 0, joined, context.length, continuation.length);
                sequences.add(sentences.prepare(joined));
            }
        }
        List<SequenceLogLikelihood> answers = scorer.sequenceLogLikelihoods(sequences);
        List<List<Double>> scores = new ArrayList<>();
        int at = 0;
        for (ChoiceItem item : chunk) {
            double base = sentences.plain(item.context()).length > 0 ? answers.get(at++).logLikelihood() : 0;
            List<Double> row = new ArrayList<>();
            for (int c = 0; c < item.choices().size(); c++) {
                row.add(answers.get(at++).logLikelihood() - base);
            }
            scores.add(row);
        }
        return scores;
    }

    private static int[] choiceIds(ModelSentences sentences, ChoiceItem item, String choice) {
        int[] ids = sentences.plain(choice);
        if (ids.length == 0) {
            throw new IllegalArgumentException("multiple-choice: " + item.id() + ": choice '" + choice + "' has no tokens");
        }
        return ids;
    }

    static ItemResult item(ChoiceItem item, List<Double> scores) {
        List<Double> normalised = new ArrayList<>(scores.size());
        for (int c = 0; c < scores.size(); c++) {
            normalised.add(scores.get(c) / item.choices().get(c).getBytes(StandardCharsets.UTF_8).length);
        }
        boolean correct = Predictions.strictlyBest(scores, item.gold());
        boolean correctNorm = Predictions.strictlyBest(normalised, item.gold());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("correct", correct ? 1.0 : 0.0);
        values.put("correct_norm", correctNorm ? 1.0 : 0.0);
        values.put("prediction_norm", (double) Predictions.argmax(normalised));
        return new ItemResult(item.id(), scores, Predictions.argmax(scores), item.gold(), correct, null, values, null);
    }
}
