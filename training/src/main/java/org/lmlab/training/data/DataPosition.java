package org.lmlab.training.data;

/**
 * Where the trainer is in its data: the epoch and how many examples of that epoch's shuffled
 * order it has used. Saved in checkpoints so a resumed run continues with the very next batch.
 */
public record DataPosition(long epoch, int index) {

    /** The start of training. */
    public static final DataPosition START = new DataPosition(0, 0);

    public DataPosition {
        if (epoch < 0 || index < 0) {
            throw new IllegalArgumentException("data position must not be negative, got epoch " + epoch + " index " + index);
        }
    }
}
