package org.lmlab.training;

/**
 * An evaluation after {@code step} updates (0: before training): the validation loss over
 * {@code targets} predicted tokens, and the training loss measured the same way (no dropout,
 * batches in order, as the book's {@code evaluate_model} does) over {@code trainTargets}
 * tokens, so the two curves are comparable.
 */
public record EvalReport(long step, double loss, long targets, double trainLoss, long trainTargets) {
}
