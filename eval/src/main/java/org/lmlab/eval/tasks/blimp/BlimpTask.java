package org.lmlab.eval.tasks.blimp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.task.EvalContext;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.Task;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.tasks.ModelSentences;
import org.lmlab.eval.tasks.Predictions;
import org.lmlab.models.score.Scorer;
import org.lmlab.models.score.SequenceLogLikelihood;

/**
 * BLiMP: for each minimal pair, the model's score of the acceptable and of the unacceptable
 * sentence ({@link EvalContext#scorer()}: the summed log-probability for a decoder, read after
 * end-of-text, the pseudo-log-likelihood for a masked model); the pair is right when the
 * acceptable sentence scores strictly higher (a tie is wrong). Accuracy overall and broken down
 * by paradigm and by the paper's 12 categories, with the published reference rows as extras.
 * The data is read, checked and sampled when the task is made, before any model is scored.
 */
public final class BlimpTask implements Task {

    /** Pairs per call to the scorer: enough masked copies to fill many batches, few enough for frequent progress. */
    static final int CHUNK = 128;

    private final BlimpConfig config;
    private final List<BlimpPair> pairs;
    private final Optional<Map<String, Object>> references;

    public BlimpTask(BlimpConfig config) {
        this.config = config;
        try {
            Path path = Path.of(config.path());
            List<BlimpPair> all = BlimpData.read(path);
            this.pairs = BlimpSample.of(selected(all, config.paradigms()), config.perParadigm(), config.seed());
            this.references = BlimpReferences.read(Files.isDirectory(path) ? path : path.getParent() == null ? path : path.getParent());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable.getMessage(), unreadable);
        }
    }

    private static List<BlimpPair> selected(List<BlimpPair> all, List<String> paradigms) {
        if (paradigms.isEmpty()) {
            return all;
        }
        Set<String> known = new LinkedHashSet<>();
        all.forEach(pair -> known.add(pair.paradigm()));
        for (String paradigm : paradigms) {
            if (!known.contains(paradigm)) {
                throw new IllegalArgumentException("paradigms: unknown paradigm '" + paradigm + "' (the data has "
                        + known.size() + ", e.g. " + known.iterator().next() + ")");
            }
        }
        Set<String> wanted = Set.copyOf(paradigms);
        return all.stream().filter(pair -> wanted.contains(pair.paradigm())).toList();
    }

    /** The pairs this task scores, in item order. */
    public List<BlimpPair> pairs() {
        return pairs;
    }

    @Override
    public String name() {
        return BlimpConfig.NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.accuracy());
    }

    @Override
    public List<String> breakdowns() {
        return List.of("category", "paradigm");
    }

    @Override
    public TaskOutput evaluate(EvalContext context) {
        ModelSentences sentences = new ModelSentences(context.text(), context.causal());
        Scorer scorer = context.scorer();
        List<ItemResult> items = new ArrayList<>(pairs.size());
        int ties = 0;
        context.progress().onItems(name(), 0, pairs.size());
        for (int start = 0; start < pairs.size(); start += CHUNK) {
            List<BlimpPair> chunk = pairs.subList(start, Math.min(pairs.size(), start + CHUNK));
            List<int[]> sequences = new ArrayList<>(2 * chunk.size());
            for (BlimpPair pair : chunk) {
                sequences.add(encode(sentences, pair, pair.good()));
                sequences.add(encode(sentences, pair, pair.bad()));
            }
            List<SequenceLogLikelihood> scores = scorer.sequenceLogLikelihoods(sequences);
            for (int i = 0; i < chunk.size(); i++) {
                double good = scores.get(2 * i).logLikelihood();
                double bad = scores.get(2 * i + 1).logLikelihood();
                if (good == bad) {
                    ties++;
                }
                items.add(item(chunk.get(i), good, bad));
            }
            context.progress().onItems(name(), items.size(), pairs.size());
        }
        return new TaskOutput(items, extras(), notes(context.causal(), ties));
    }

    private static int[] encode(ModelSentences sentences, BlimpPair pair, String sentence) {
        int[] ids = sentences.encode(sentence);
        if (ids.length < 2) {
            throw new IllegalArgumentException("blimp: pair " + pair.id() + ": '" + sentence + "' is " + ids.length
                    + " token(s), too short to score");
        }
        return ids;
    }

    static ItemResult item(BlimpPair pair, double good, double bad) {
        List<Double> scores = List.of(good, bad);
        boolean correct = Predictions.strictlyBest(scores, 0);
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("paradigm", pair.paradigm());
        groups.put("category", pair.category());
        return new ItemResult(pair.id(), scores, Predictions.argmax(scores), 0, correct, groups,
                Map.of("correct", correct ? 1.0 : 0.0), Map.of());
    }

    private Map<String, Object> extras() {
        Map<String, Object> extras = new LinkedHashMap<>();
        references.ifPresent(rows -> extras.put("references", rows));
        return extras;
    }

    private List<String> notes(boolean causal, int ties) {
        List<String> notes = new ArrayList<>();
        notes.add(causal ? "scores: summed log-probability of each sentence (after end-of-text when the tokenizer has one)"
                : "scores: pseudo-log-likelihood of each sentence (each token masked in turn, Salazar et al. 2020)");
        if (config.perParadigm() > 0) {
            notes.add(String.format(Locale.ROOT, "a seeded sample of %d pairs per paradigm (seed %d); the published reference"
                    + " rows use all 1,000", config.perParadigm(), config.seed()));
        }
        if (ties > 0) {
            notes.add(ties + " pair(s) scored a tie (identical scores, e.g. identical sentences) and count as wrong");
        }
        if (references.isEmpty()) {
            notes.add("no published reference rows: " + config.path() + " has no models_summary.jsonl and human_validation_summary.csv");
        }
        return notes;
    }
}
