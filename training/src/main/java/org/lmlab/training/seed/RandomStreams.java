package org.lmlab.training.seed;

/**
 * One master seed split into independent streams, so changing how one part of training draws
 * random numbers (say, the masking rule) never shifts another (the data order, the weights).
 * Each stream seed is {@code SplitMix64.derive(master, constant)} with a fixed constant per
 * stream; per-step and per-epoch seeds derive from the stream seed the same way.
 *
 * @param master the run's seed, as given by the user
 */
public record RandomStreams(long master) {

    /** Stream constants; fixed forever, since changing one changes every run. */
    private static final long INIT = 0x494E4954L;      // "INIT"
    private static final long DATA = 0x44415441L;      // "DATA"
    private static final long MASKING = 0x4D41534BL;   // "MASK"
    private static final long DROPOUT = 0x44524F50L;   // "DROP"
    private static final long VALIDATION = 0x56414CL;  // "VAL"

    /** Seed of the weight initialisation. */
    public long init() {
        return SplitMix64.derive(master, INIT);
    }

    /** Seed of the data order. */
    public long data() {
        return SplitMix64.derive(master, DATA);
    }

    /** Seed of the masking (and any other per-batch randomness an objective needs). */
    public long masking() {
        return SplitMix64.derive(master, MASKING);
    }

    /** Seed of dropout, reseeded at every step. */
    public long dropout() {
        return SplitMix64.derive(master, DROPOUT);
    }

    /** Generator for the order of the training examples in this epoch. */
    public SeededRandom epochOrder(long epoch) {
        return new SeededRandom(SplitMix64.derive(data(), epoch));
    }

    /** Generator for micro-batch {@code micro} of optimizer step {@code step} (training batches). */
    public SeededRandom trainBatch(long step, int micro) {
        return new SeededRandom(SplitMix64.derive(SplitMix64.derive(masking(), step), micro));
    }

    /**
     * Generator for validation batch {@code index}: independent of the step, so every evaluation
     * of the same weights masks the same way and validation losses are comparable over time.
     */
    public SeededRandom validationBatch(int index) {
        return new SeededRandom(SplitMix64.derive(SplitMix64.derive(masking(), VALIDATION), index));
    }

    /** The engine seed for dropout at this step (PyTorch takes an int). */
    public int dropoutSeed(long step) {
        return engineSeed(SplitMix64.derive(dropout(), step));
    }

    /** The engine seed for weight initialisation. */
    public int initSeed() {
        return engineSeed(init());
    }

    private static int engineSeed(long seed) {
        return (int) (seed ^ (seed >>> 32)) & Integer.MAX_VALUE;
    }
}
