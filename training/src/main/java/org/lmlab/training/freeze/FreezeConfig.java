package org.lmlab.training.freeze;

/**
 * Which parameters train: {@code policy} names a registered {@link FreezePolicy}
 * ({@code all}, {@code head}, {@code last-block}, {@code last-blocks}), {@code blocks} is the
 * number of final blocks {@code last-blocks} trains (0, unused, for the others).
 */
public record FreezeConfig(String policy, int blocks) {

    /** Everything trains. */
    public static final FreezeConfig ALL = new FreezeConfig(FreezePolicy.ALL, 0);

    public FreezeConfig {
        if (policy == null || policy.isBlank()) {
            throw new IllegalArgumentException("freeze.policy: required");
        }
        if (blocks < 0) {
            throw new IllegalArgumentException("freeze.blocks: must not be negative, got " + blocks);
        }
    }

    /** A policy that takes no block count. */
    public static FreezeConfig of(String policy) {
        return new FreezeConfig(policy, 0);
    }

    /** The last {@code blocks} blocks, the final norm, the pooler and the head train. */
    public static FreezeConfig lastBlocks(int blocks) {
        return new FreezeConfig(FreezePolicy.LAST_BLOCKS, blocks);
    }

    /** Fails unless {@code blocks} is 0, for the policies that take no block count. */
    public FreezeConfig requireNoBlocks() {
        if (blocks != 0) {
            throw new IllegalArgumentException("freeze.blocks: only " + FreezePolicy.LAST_BLOCKS
                    + " takes a block count; policy '" + policy + "' got " + blocks);
        }
        return this;
    }
}
