package org.lmlab.models.score;

/**
 * How a scorer reads a model.
 *
 * @param window      most tokens of text the model sees at once, counting the last predicted token
 *                    (its logits are never needed, so the model is run on one token fewer); 0 is
 *                    the model's context. Rolling scoring cuts long texts into windows of this size,
 *                    and {@code logLikelihood} keeps the last {@code window} tokens of context +
 *                    continuation. A model trained at a shorter length should be scored at it.
 * @param batchSize   most rows (requests, windows or masked copies) in one forward pass
 * @param tokenBudget most padded tokens (rows x longest row) in one forward pass, which bounds
 *                    the memory of the logits; a single row longer than it still runs alone
 */
public record ScoringConfig(int window, int batchSize, int tokenBudget) {

    /** The model's context, 16 rows and 1024 tokens per forward pass. */
    public static final ScoringConfig DEFAULT = new ScoringConfig(0, 16, 1024);

    public ScoringConfig {
        if (window < 0) {
            throw new IllegalArgumentException("scoring window: must be 0 (the model's context) or positive, got " + window);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("scoring batch size: must be positive, got " + batchSize);
        }
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("scoring token budget: must be positive, got " + tokenBudget);
        }
    }

    /** The same with windows of {@code tokens} (0: the model's context). */
    public ScoringConfig withWindow(int tokens) {
        return new ScoringConfig(tokens, batchSize, tokenBudget);
    }

    /** The same with at most {@code rows} rows per forward pass. */
    public ScoringConfig withBatchSize(int rows) {
        return new ScoringConfig(window, rows, tokenBudget);
    }

    /** The same with at most {@code tokens} padded tokens per forward pass. */
    public ScoringConfig withTokenBudget(int tokens) {
        return new ScoringConfig(window, batchSize, tokens);
    }
}
