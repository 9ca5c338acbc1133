package org.lmlab.experiments.run;

/** Hears how far the running stage is, as a fraction in [0, 1]; the run's display turns it into ETAs. */
@FunctionalInterface
public interface StageProgress {

    StageProgress NONE = (fraction, detail) -> { };

    /** The stage is {@code fraction} done; {@code detail} is a short "step 40/200"-style note. */
    void update(double fraction, String detail);
}
