package org.lmlab.models.head;

/**
 * What a head's forward returns, so that objectives, scorers and tools ask the head instead of
 * guessing from its type name. Shapes are for token ids [B, T] and a model of width W.
 */
public enum HeadOutput {

    /** Logits over the vocabulary at every position, [B, T, vocab] ({@code lm}, {@code mlm}). */
    VOCABULARY_LOGITS,

    /** Logits over {@code head.classes} labels at every position, [B, T, classes] (token tagging). */
    TOKEN_LABELS,

    /** Logits over {@code head.classes} labels, one row per sequence, [B, classes] ({@code classification}). */
    SEQUENCE_LABELS,

    /** The final hidden states themselves, [B, T, W] ({@code none}: an encoder or decoder without a head). */
    HIDDEN_STATES;

    /** True if the output has one row per position (everything but {@link #SEQUENCE_LABELS}). */
    public boolean perToken() {
        return this != SEQUENCE_LABELS;
    }
}
