package org.lmlab.training.objective;

import ai.djl.ndarray.NDArray;

/**
 * Cross-entropy that skips ignored positions, which DJL's built-in losses cannot do (its
 * softmax loss throws on -100 and the masked variant needs the unimplemented sequenceMask):
 * log-softmax over the last axis, the target's log-probability gathered at every position,
 * multiplied by a 0/1 weight tensor. It returns the <em>sum</em> over predicted positions; the
 * trainer divides by the number of targets across all micro-batches of a step, so gradient
 * accumulation gives the same mean as one large batch. Only tensor-tensor operations are used,
 * so autograd is safe from DJL's scalar-argument bug.
 */
public final class IgnoreIndexCrossEntropy {

    private IgnoreIndexCrossEntropy() {
    }

    /**
     * Summed negative log-likelihood.
     *
     * @param logits  [..., classes]
     * @param targets [...] int64 class ids, any valid id (0) where ignored
     * @param weights [...] float, 1 where predicted and 0 where ignored
     * @return a scalar
     */
    public static NDArray sum(NDArray logits, NDArray targets, NDArray weights) {
        int classAxis = logits.getShape().dimension() - 1;
        if (!targets.getShape().equals(logits.getShape().slice(0, classAxis))) {
            throw new IllegalArgumentException("targets have shape " + targets.getShape() + " but logits "
                    + logits.getShape() + " need " + logits.getShape().slice(0, classAxis));
        }
        NDArray logProbabilities = logits.logSoftmax(classAxis);
        NDArray picked = logProbabilities.gather(targets.expandDims(classAxis), classAxis).squeeze(classAxis);
        return picked.mul(weights).sum().neg();
    }
}
