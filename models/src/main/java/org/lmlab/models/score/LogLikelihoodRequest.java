package org.lmlab.models.score;

import java.util.Arrays;

/**
 * A continuation to score after a context, both as token ids: lm-evaluation-harness's
 * {@code loglikelihood} request. The context must have at least one token (a decoder predicts
 * every token from those before it; prepend an end-of-text token to score text from its start)
 * and the continuation at least one. The arrays are copied.
 */
public record LogLikelihoodRequest(int[] context, int[] continuation) {

    public LogLikelihoodRequest {
        if (context == null || context.length == 0) {
            throw new IllegalArgumentException("log-likelihood request: the context needs at least one token"
                    + " (prepend an end-of-text token to score a text from its start)");
        }
        if (continuation == null || continuation.length == 0) {
            throw new IllegalArgumentException("log-likelihood request: the continuation needs at least one token");
        }
        context = context.clone();
        continuation = continuation.clone();
    }

    @Override
    public int[] context() {
        return context.clone();
    }

    @Override
    public int[] continuation() {
        return continuation.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogLikelihoodRequest that && Arrays.equals(context, that.context)
                && Arrays.equals(continuation, that.continuation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(context) + Arrays.hashCode(continuation);
    }

    @Override
    public String toString() {
        return "LogLikelihoodRequest[context=" + Arrays.toString(context) + ", continuation=" + Arrays.toString(continuation) + "]";
    }

    /** Context followed by continuation. */
    int[] joined() {
        int[] all = Arrays.copyOf(context, context.length + continuation.length);
        System.arraycopy(continuation, 0, all, context.length, continuation.length);
        return all;
    }

    int continuationLength() {
        return continuation.length;
    }
}
