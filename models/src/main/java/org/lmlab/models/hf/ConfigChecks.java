package org.lmlab.models.hf;

import java.util.List;
import java.util.Objects;

/** Field checks shared by the config records; messages use the Hugging Face key names. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static <T> T present(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("field " + key + " is missing");
        }
        return value;
    }

    static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static void positive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException("field " + key + " must be positive, got " + value);
        }
    }

    static void nonNegative(int value, String key) {
        if (value < 0) {
            throw new IllegalArgumentException("field " + key + " must not be negative, got " + value);
        }
    }

    static void positiveFinite(double value, String key) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("field " + key + " must be a positive finite number, got " + value);
        }
    }

    static void probability(double value, String key) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("field " + key + " must be in [0, 1), got " + value);
        }
    }

    static void divides(int heads, String headsKey, int width, String widthKey) {
        if (width % heads != 0) {
            throw new IllegalArgumentException("field " + widthKey + " (" + width + ") must be divisible by "
                    + headsKey + " (" + heads + ")");
        }
    }

    /**
     * Refuses a setting that changes the architecture's arithmetic in a way lmlab does not
     * implement (so a checkpoint never loads into a model that computes something else).
     */
    static void onlyDefault(Object value, Object supported, String key) {
        if (value != null && !value.equals(supported)) {
            throw new IllegalArgumentException("field " + key + " is " + value + "; lmlab supports only " + supported);
        }
    }

    static String nonBlank(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("field " + key + " must be a non-empty string");
        }
        return value;
    }

    static List<String> names(List<String> values, String key) {
        Objects.requireNonNull(values, key);
        for (String value : values) {
            nonBlank(value, key + " entry");
        }
        return List.copyOf(values);
    }
}
