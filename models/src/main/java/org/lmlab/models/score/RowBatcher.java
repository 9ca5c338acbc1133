package org.lmlab.models.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;
import org.lmlab.models.head.VocabularyHead;

/**
 * Runs {@link ScoredRow}s through a model several at a time and reads their log-probabilities.
 * Rows are taken longest first (so a batch holds rows of similar length), right-padded to the
 * longest row of their batch with id 0 and a padding mask, at most {@code batchSize} rows and
 * {@code tokenBudget} padded tokens per forward pass. Only the read positions go through the
 * vocabulary head ({@link LanguageModel#vocabularyHead()}), and their logits are turned into
 * float64 log-softmax, so the head costs what is read, not the whole batch. Results come back
 * in the order of the rows.
 *
 * <p>Every batch is padded to at least {@value #MIN_LENGTH} positions (or the model's context
 * if shorter). PyTorch's CPU kernels take another path over rows shorter than that (one
 * AVX-512 vector of floats): measured here, a row's logits changed in their last bits with
 * what it was batched with whenever the padded length was under 16, and never (0 of 552
 * random batches, lengths 1 to 128, 1 to 12 rows) at 16 or more. With the floor, a sequence's
 * score does not depend on its batch: batched results equal one-at-a-time results exactly.
 */
final class RowBatcher {

    /** The shortest padded length of a batch. */
    static final int MIN_LENGTH = 16;

    private final LanguageModel model;
    private final NDManager manager;
    private final int batchSize;
    private final int tokenBudget;

    RowBatcher(LanguageModel model, NDManager manager, ScoringConfig config) {
        this.model = model;
        this.manager = manager;
        this.batchSize = config.batchSize();
        this.tokenBudget = config.tokenBudget();
    }

    List<ScoredRow.Result> run(List<ScoredRow> rows) {
        rows.forEach(this::check);
        Integer[] order = new Integer[rows.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> rows.get(i).ids().length).reversed());
        List<ScoredRow.Result> results = new ArrayList<>(Collections.nCopies(rows.size(), null));
        for (int from = 0; from < order.length; ) {
            long longest = paddedLength(rows.get(order[from]).ids().length);
            int count = 1;
            while (from + count < order.length && count < batchSize && (count + 1) * longest <= tokenBudget) {
                count++;
            }
            List<Integer> members = Arrays.asList(order).subList(from, from + count);
            List<ScoredRow.Result> batch = runBatch(members.stream().map(rows::get).toList());
            for (int i = 0; i < count; i++) {
                results.set(members.get(i), batch.get(i));
            }
            from += count;
        }
        return results;
    }

    private int paddedLength(int longest) {
        return Math.max(longest, Math.min(MIN_LENGTH, model.config().contextLength()));
    }

    private void check(ScoredRow row) {
        int vocab = model.config().vocabSize();
        int context = model.config().contextLength();
        int[] ids = row.ids();
        if (ids.length > context) {
            throw new IllegalArgumentException("a row of " + ids.length + " tokens exceeds the model's context of " + context);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new IllegalArgumentException("token id " + ids[i] + " at position " + i
                        + " is outside the model's vocabulary [0, " + vocab + ")");
            }
        }
        for (int position : row.positions()) {
            if (position < 0 || position >= ids.length) {
                throw new IllegalArgumentException("read position " + position + " is outside a row of " + ids.length + " tokens");
            }
        }
        for (int target : row.targets()) {
            if (target < 0 || target >= vocab) {
                throw new IllegalArgumentException("token id " + target + " is outside the model's vocabulary [0, " + vocab + ")");
            }
        }
    }

    private List<ScoredRow.Result> runBatch(List<ScoredRow> rows) {
        int count = rows.size();
        int length = paddedLength(rows.stream().mapToInt(row -> row.ids().length).max().orElseThrow());
        boolean ragged = rows.stream().anyMatch(row -> row.ids().length != length);
        long[] tokens = new long[count * length];
        float[] padding = ragged ? new float[count * length] : null;
        int picks = rows.stream().mapToInt(row -> row.positions().length).sum();
        long[] flatIndex = new long[picks];
        long[] targets = new long[picks];
        int pick = 0;
        for (int r = 0; r < count; r++) {
            ScoredRow row = rows.get(r);
            int[] ids = row.ids();
            for (int t = 0; t < ids.length; t++) {
                tokens[r * length + t] = ids[t];
                if (padding != null) {
                    padding[r * length + t] = 1f;
                }
            }
            for (int i = 0; i < row.positions().length; i++) {
                flatIndex[pick] = (long) r * length + row.positions()[i];
                targets[pick] = row.targets()[i];
                pick++;
            }
        }
        double[] picked;
        double[] best;
        try (NDManager batch = manager.newSubManager()) {
            Shape shape = new Shape(count, length);
            NDArray mask = padding == null ? null : batch.create(padding, shape);
            // Only the read positions go through the head: the vocabulary projection is most of a
            // small model's work, and a masked copy reads one position of its row.
            NDArray hidden = model.hidden(new ModelInput(batch.create(tokens, shape), mask, null), false);
            // The head's matrix product takes another path under 16 rows (as the blocks do under 16
            // positions, see above), so fewer read rows are padded with the batch's first position.
            long[] readIndex = flatIndex.length >= MIN_LENGTH ? flatIndex : Arrays.copyOf(flatIndex, MIN_LENGTH);
            NDArray rowsRead = hidden.reshape(count * (long) length, hidden.getShape().get(2)).get(batch.create(readIndex));
            VocabularyHead head = model.vocabularyHead();
            NDArray read = head.logits(head.features(rowsRead));
            if (readIndex != flatIndex) {
                read = read.get(new NDIndex("0:{}", picks));
            }
            NDArray logProbabilities = read.toType(DataType.FLOAT64, false).logSoftmax(1);
            picked = logProbabilities.gather(batch.create(targets, new Shape(picks, 1)), 1).toDoubleArray();
            best = logProbabilities.max(new int[] {1}).toDoubleArray();
        }
        List<ScoredRow.Result> results = new ArrayList<>(count);
        int at = 0;
        for (ScoredRow row : rows) {
            int n = row.positions().length;
            double[] values = Arrays.copyOfRange(picked, at, at + n);
            boolean[] mostLikely = new boolean[n];
            for (int i = 0; i < n; i++) {
                mostLikely[i] = picked[at + i] >= best[at + i];
            }
            results.add(new ScoredRow.Result(values, mostLikely));
            at += n;
        }
        return results;
    }
}
