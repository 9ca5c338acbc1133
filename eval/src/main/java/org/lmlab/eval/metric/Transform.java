package org.lmlab.eval.metric;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a {@link Aggregation.Ratio} does to its ratio: nothing, {@code exp} (perplexity from mean NLL) or nats to bits. */
public enum Transform {
    IDENTITY("identity"),
    EXP("exp"),
    NATS_TO_BITS("nats-to-bits");

    private final String label;

    Transform(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public double apply(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case EXP -> Math.exp(x);
            case NATS_TO_BITS -> x / Math.log(2);
        };
    }
}
