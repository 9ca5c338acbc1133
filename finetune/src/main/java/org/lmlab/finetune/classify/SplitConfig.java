package org.lmlab.finetune.classify;

/**
 * How labelled items become training, validation and test splits: with {@code undersample},
 * every label keeps as many items as the rarest one has (chosen with the seed: the book keeps
 * 747 of the 4,827 ham messages beside the 747 spam); then a seeded stratified split of
 * {@code trainFraction} / {@code validationFraction} / the rest (the book's 70 / 10 / 20).
 */
public record SplitConfig(long seed, boolean undersample, double trainFraction, double validationFraction) {

    public SplitConfig {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("data.train_fraction: must be in (0, 1], got " + trainFraction);
        }
        if (!(validationFraction >= 0 && trainFraction + validationFraction <= 1 + 1e-12)) {
            throw new IllegalArgumentException("data.validation_fraction: must be in [0, 1 - train_fraction], got "
                    + validationFraction);
        }
    }

    /** The fraction left for the test split. */
    public double testFraction() {
        return Math.max(0, 1 - trainFraction - validationFraction);
    }
}
