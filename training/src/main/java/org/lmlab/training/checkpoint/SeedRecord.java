package org.lmlab.training.checkpoint;

import org.lmlab.training.seed.RandomStreams;

/**
 * The seeds of a run as saved in a checkpoint: the master seed and the stream seeds derived
 * from it. The streams are pure functions of the master seed and the step, so these fully
 * describe the random state; the derived ones are saved for people reading the file.
 */
public record SeedRecord(long master, long init, long data, long masking, long dropout) {

    /** The record of these streams. */
    public static SeedRecord of(RandomStreams streams) {
        return new SeedRecord(streams.master(), streams.init(), streams.data(), streams.masking(), streams.dropout());
    }
}
