package org.lmlab.training.data;

import java.util.ArrayList;
import java.util.List;
import org.lmlab.training.seed.RandomStreams;

/**
 * Draws training batches in a seeded order: each epoch is a fresh permutation of the examples
 * from the data stream (a pure function of seed and epoch, so resuming needs only the
 * {@link DataPosition}), cut into batches of a fixed size; a last partial batch is dropped, as
 * the book's training loader does.
 */
public final class BatchSampler {

    private final ExampleSet examples;
    private final int batchSize;
    private final RandomStreams streams;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    public BatchSampler(ExampleSet examples, int batchSize, RandomStreams streams) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size: must be positive, got " + batchSize);
        }
        if (examples.size() < batchSize) {
            throw new IllegalArgumentException("the training set has " + examples.size()
                    + " examples, fewer than one batch of " + batchSize + "; use a smaller batch, a shorter context or more data");
        }
        this.examples = examples;
        this.batchSize = batchSize;
        this.streams = streams;
    }

    /** A batch and the position after it. */
    public record Draw(List<Example> examples, DataPosition next) {
    }

    /** Full batches per epoch. */
    public int batchesPerEpoch() {
        return examples.size() / batchSize;
    }

    /** The batch at {@code position} (moving to the next epoch if this one has no full batch left). */
    public Draw next(DataPosition position) {
        DataPosition at = position.index() + batchSize > examples.size()
                ? new DataPosition(position.epoch() + 1, 0)
                : position;
        int[] order = cachedOrder(at.epoch());
        List<Example> batch = new ArrayList<>(batchSize);
        for (int i = at.index(); i < at.index() + batchSize; i++) {
            batch.add(examples.get(order[i]));
        }
        return new Draw(batch, new DataPosition(at.epoch(), at.index() + batchSize));
    }

    /** The shuffled example order of an epoch. */
    public int[] order(long epoch) {
        return cachedOrder(epoch).clone();
    }

    private int[] cachedOrder(long epoch) {
        if (epoch != cachedEpoch) {
            cachedOrder = streams.epochOrder(epoch).permutation(examples.size());
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }
}
