package org.lmlab.eval.tasks.blimp;

/**
 * One BLiMP minimal pair: its paradigm (the file's {@code UID}), the pair's id within it
 * ({@code pairID}), its category (one of the paper's 12), and the acceptable and unacceptable sentence.
 */
public record BlimpPair(String paradigm, String pairId, String category, String good, String bad) {

    /** The item id in {@code results.jsonl}: {@code paradigm/pairID}, the same in every run. */
    public String id() {
        return paradigm + "/" + pairId;
    }
}
