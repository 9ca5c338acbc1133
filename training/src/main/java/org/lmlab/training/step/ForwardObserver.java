package org.lmlab.training.step;

/**
 * Called between a micro-batch's forward pass and its backward pass. Tests use it to force a
 * garbage collection there, the moment DJL's scalar-argument bug would corrupt gradients.
 */
@FunctionalInterface
public interface ForwardObserver {

    /** The forward pass of micro-batch {@code micro} of update {@code step} (0-based) is done. */
    void afterForward(long step, int micro);
}
