package org.lmlab.training;

/** A validation loss after {@code step} updates (0: before training), over {@code targets} predicted tokens. */
public record EvalReport(long step, double loss, long targets) {
}
