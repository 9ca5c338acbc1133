package org.lmlab.training.seed;

/**
 * Sebastiano Vigna's SplitMix64 finaliser and the seed derivation built on it. Pure
 * arithmetic, specified here rather than borrowed from {@code java.util}, so derived seeds are
 * the same on every JVM and in every future version of lmlab.
 */
public final class SplitMix64 {

    /** The golden-ratio increment of SplitMix64. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /** The SplitMix64 output function applied to {@code x + GOLDEN_GAMMA}. */
    public static long mix(long x) {
        long z = x + GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A seed for item {@code index} of the stream seeded {@code seed}:
     * {@code mix(seed ^ mix(index))}. Different indices give unrelated seeds, and the same pair
     * always gives the same seed.
     */
    public static long derive(long seed, long index) {
        return mix(seed ^ mix(index));
    }
}
