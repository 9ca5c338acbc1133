package org.lmlab.models.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.lmlab.layers.attention.KvCache;
import org.lmlab.layers.position.TokenPositions;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;
import org.lmlab.models.head.VocabularyHead;

/**
 * Decodes many prompts together with one KV cache whose rows are sequences of their own lengths.
 * Prompts are taken longest first, {@code batchSize} at a time, right-padded and prefilled in one
 * forward pass; then every step feeds each row's last token at that row's own position
 * ({@link TokenPositions}) and appends one cache column for all rows, the padding mask hiding the
 * columns a row does not use. A row that finishes (stop token, or all its tokens) leaves the
 * batch and the cache at once, so it stops costing work.
 *
 * <p>Equality with one-at-a-time decoding is by construction. Batched logits differ from a
 * sequence decoded alone in their last bits (other matrix-product kernels for other row counts);
 * a row keeps a batched choice only when {@link TokenSampler#choose} says any logits within
 * {@link #TOLERANCE} {@code x (1 + max |logit|)} of these choose the same token. Otherwise the
 * row leaves the batch and is decoded alone from its prompt, which is one-at-a-time decoding
 * itself. A row that outgrows the context leaves the batch too and continues alone: past the
 * context, one-at-a-time decoding refills its cache from the tokens alone at every step, so its
 * state there is just the tokens and the sampler.
 */
final class BatchDecoder {

    /**
     * The relative bound assumed on batched-versus-alone logit differences: about 10 times the
     * largest measured on the test models (1.1e-6 of {@code 1 + max |logit|}), so a wrongly kept
     * choice would need both an error ten times beyond float32 rounding through the model and a
     * near tie. Greedy choices hardly ever come that close; a sampled draw sometimes does (a few
     * rows in ten over 14 tokens on the test models), and that row is decoded alone.
     */
    static final float TOLERANCE = 1e-5f;

    private final LanguageModel model;
    private final VocabularyHead head;
    private final NDManager manager;
    private final Generator alone;
    private final int context;
    private int regenerated;

    BatchDecoder(LanguageModel model, NDManager manager, Generator alone) {
        this.model = model;
        this.head = model.vocabularyHead();
        this.manager = manager;
        this.alone = alone;
        this.context = model.config().contextLength();
    }

    List<int[]> generate(List<int[]> prompts, SamplingConfig config, int vocabulary, int batchSize) {
        int[][] results = new int[prompts.size()][];
        Integer[] order = new Integer[prompts.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> prompts.get(i).length).reversed());
        List<Row> batch = new ArrayList<>();
        for (int i : order) {
            int[] prompt = prompts.get(i);
            if (config.maxNewTokens() == 0) {
                results[i] = new int[0];
            } else if (prompt.length > context) {
                results[i] = alone.finish(new Sequence(prompt, config), true, vocabulary);
            } else {
                batch.add(new Row(i, new Sequence(prompt, config)));
                if (batch.size() == batchSize) {
                    decode(batch, prompts, config, vocabulary, results);
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            decode(batch, prompts, config, vocabulary, results);
        }
        return Arrays.asList(results);
    }

    /** Rows decoded alone from their prompt because a batched choice was too close to call (for tests). */
    int regenerated() {
        return regenerated;
    }

    private void decode(List<Row> rows, List<int[]> prompts, SamplingConfig config, int vocabulary, int[][] results) {
        try (KvCache cache = model.newCache(manager)) {
            float[] logits = prefill(rows, cache);
            int width = logits.length / rows.size();
            while (true) {
                List<Row> kept = new ArrayList<>(rows.size());
                int[] keep = new int[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    Row row = rows.get(r);
                    float[] own = Generator.crop(Arrays.copyOfRange(logits, r * width, (r + 1) * width), vocabulary);
                    TokenSampler.Choice choice = row.sequence.sampler().choose(own, tolerance(own));
                    if (!choice.certain()) {
                        regenerated++;
                        results[row.index] = alone.generate(prompts.get(row.index), config, true, vocabulary);
                        continue;
                    }
                    row.sequence.accept(choice.token());
                    if (row.sequence.done()) {
                        results[row.index] = row.sequence.generated();
                    } else if (row.sequence.length() > context) {
                        results[row.index] = alone.finish(row.sequence, true, vocabulary);
                    } else {
                        keep[kept.size()] = r;
                        kept.add(row);
                    }
                }
                if (kept.isEmpty()) {
                    return;
                }
                if (kept.size() < rows.size()) {
                    cache.keepRows(Arrays.copyOf(keep, kept.size()));
                }
                rows = kept;
                logits = step(rows, cache);
            }
        }
    }

    /**
     * Runs the prompts right-padded in one forward pass (positions 0.. in every row, the padding
     * hidden) and returns each row's logits at its last prompt token, [rows x vocab] flat.
     */
    private float[] prefill(List<Row> rows, KvCache cache) {
        int longest = rows.stream().mapToInt(row -> row.sequence.length()).max().orElseThrow();
        long[] ids = new long[rows.size() * longest];
        float[] real = new float[ids.length];
        long[] last = new long[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int length = row.sequence.length();
            for (int t = 0; t < longest; t++) {
                ids[r * longest + t] = t < length ? row.sequence.token(t) : 0;
                real[r * longest + t] = t < length ? 1 : 0;
                row.keyPositions.add(t);
                row.keyReal.add(t < length ? 1 : 0);
            }
            last[r] = (long) r * longest + length - 1;
        }
        try (NDManager step = manager.newSubManager()) {
            Shape shape = new Shape(rows.size(), longest);
            NDArray hidden = model.hidden(new ModelInput(step.create(ids, shape), step.create(real, shape), null), cache);
            NDArray lastHidden = hidden.reshape(rows.size() * (long) longest, hidden.getShape().get(2))
                    .get(new NDIndex("{}", step.create(last)));
            return head.logits(head.features(lastHidden)).toFloatArray();
        }
    }

    /** Feeds every row its last token at its own position; returns [rows x vocab] logits, flat. */
    private float[] step(List<Row> rows, KvCache cache) {
        int columns = cache.length() + 1;
        long[] ids = new long[rows.size()];
        long[] queries = new long[rows.size()];
        long[] keys = new long[rows.size() * columns];
        float[] real = new float[keys.length];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int position = row.sequence.length() - 1;
            ids[r] = row.sequence.token(position);
            queries[r] = position;
            row.keyPositions.add(position);
            row.keyReal.add(1);
            row.keyPositions.copyInto(keys, r * columns);
            row.keyReal.copyInto(real, r * columns);
        }
        try (NDManager step = manager.newSubManager()) {
            TokenPositions at = TokenPositions.of(step, rows.size(), queries, keys);
            NDArray padding = step.create(real, new Shape(rows.size(), columns));
            NDArray hidden = model.hidden(new ModelInput(step.create(ids, new Shape(rows.size(), 1)), padding, null), cache, at);
            return head.logits(head.features(hidden.reshape(rows.size(), hidden.getShape().get(2)))).toFloatArray();
        }
    }

    /** The largest logit difference a batched row is assumed to have from the same row decoded alone. */
    private static float tolerance(float[] logits) {
        float largest = 0;
        for (float logit : logits) {
            largest = Math.max(largest, Math.abs(logit));
        }
        return TOLERANCE * (1 + largest);
    }

    /** A sequence in the batch, with the positions and realness of its cache columns. */
    private static final class Row {

        final int index;
        final Sequence sequence;
        final Longs keyPositions = new Longs();
        final Longs keyReal = new Longs();

        Row(int index, Sequence sequence) {
            this.index = index;
            this.sequence = sequence;
        }
    }

    /** A growable array of longs. */
    private static final class Longs {

        private long[] values = new long[64];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void copyInto(long[] target, int offset) {
            System.arraycopy(values, 0, target, offset, size);
        }

        void copyInto(float[] target, int offset) {
            for (int i = 0; i < size; i++) {
                target[offset + i] = values[i];
            }
        }
    }
}
