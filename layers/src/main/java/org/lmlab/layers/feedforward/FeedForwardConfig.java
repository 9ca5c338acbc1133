package org.lmlab.layers.feedforward;

/**
 * The position-wise feed-forward network: {@code type} names it ({@code gelu-tanh} as GPT-2,
 * {@code gelu-erf} as BERT, {@code swiglu} as Llama), {@code hidden} is its inner width
 * (4x the model width for GPT-2 and BERT), {@code bias} adds biases to its projections.
 */
public record FeedForwardConfig(String type, int hidden, boolean bias) {

    public FeedForwardConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("feed_forward.type: required");
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("feed_forward.hidden: must be positive, got " + hidden);
        }
    }
}
