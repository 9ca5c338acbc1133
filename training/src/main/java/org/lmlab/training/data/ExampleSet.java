package org.lmlab.training.data;

/**
 * A fixed, indexable collection of examples. The trainer draws from it in a seeded order, so
 * random access by index is all it needs; sets may build examples lazily (sliding windows over
 * a memory-mapped corpus) or hold them in memory (fine-tuning tasks).
 */
public interface ExampleSet {

    /** Number of examples. */
    int size();

    /** Example {@code index}, 0 to size()-1. */
    Example get(int index);
}
