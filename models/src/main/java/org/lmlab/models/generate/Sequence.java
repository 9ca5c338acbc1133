package org.lmlab.models.generate;

import java.util.Arrays;

/**
 * One sequence being generated: its prompt, the tokens added so far, its own sampler (so a
 * sequence samples the same whether it is decoded alone or in a batch) and whether it is done
 * (stop token sampled, or every step taken).
 */
final class Sequence {

    private final int promptLength;
    private final SamplingConfig config;
    private final TokenSampler sampler;
    private int[] tokens;
    private int length;
    private int steps;
    private boolean stopped;

    Sequence(int[] prompt, SamplingConfig config) {
        this.promptLength = prompt.length;
        this.config = config;
        this.sampler = new TokenSampler(config);
        // Grown as tokens come, so memory follows what is generated, not what was asked for.
        this.tokens = Arrays.copyOf(prompt, prompt.length + Math.min(config.maxNewTokens(), 1024));
        this.length = prompt.length;
    }

    TokenSampler sampler() {
        return sampler;
    }

    /** Takes one step's token: the stop token ends the sequence, any other is appended. */
    void accept(int token) {
        steps++;
        if (token == config.stopToken()) {
            stopped = true;
            return;
        }
        if (length == tokens.length) {
            tokens = Arrays.copyOf(tokens, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(tokens.length * 2L, tokens.length + 1L)));
        }
        tokens[length++] = token;
    }

    boolean done() {
        return stopped || steps >= config.maxNewTokens();
    }

    /** Prompt plus generated tokens so far. */
    int length() {
        return length;
    }

    int promptLength() {
        return promptLength;
    }

    /** Token at {@code index} of prompt plus generated tokens. */
    int token(int index) {
        return tokens[index];
    }

    /** The tokens after the prompt (the stop token itself is not included). */
    int[] generated() {
        return Arrays.copyOfRange(tokens, promptLength, length);
    }

    /** Ids {@code from..to-1} as int64, for a model input. */
    long[] ids(int from, int to) {
        long[] values = new long[to - from];
        for (int i = from; i < to; i++) {
            values[i - from] = tokens[i];
        }
        return values;
    }
}
