package org.lmlab.finetune.baseline;

/** How bag-of-words counts become feature values. */
public enum Weighting {
    /** Raw counts. */
    COUNTS,
    /**
     * Count times smoothed inverse document frequency over the training texts,
     * {@code ln((1 + N) / (1 + df)) + 1}, the vector scaled to unit Euclidean length
     * (scikit-learn's {@code TfidfVectorizer} defaults).
     */
    TFIDF
}
