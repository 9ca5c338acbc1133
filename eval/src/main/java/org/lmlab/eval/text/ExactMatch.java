package org.lmlab.eval.text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Exact match of a response against a reference after one documented normalisation: leading
 * and trailing whitespace trimmed, every run of whitespace collapsed to one space, and case
 * folded (upper- then lower-cased in the root locale, so {@code "Straße"} equals {@code "STRASSE"}).
 * Punctuation is kept: {@code "Paris."} does not match {@code "Paris"}.
 */
public final class ExactMatch {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ExactMatch() {
    }

    /** The normalised form two texts are compared in. */
    public static String normalise(String text) {
        String collapsed = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        return collapsed.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** True when the normalised texts are equal. */
    public static boolean matches(String response, String reference) {
        return normalise(response).equals(normalise(reference));
    }

    /** 1 for a match, 0 otherwise (the per-item value the {@code exact_match} metric averages). */
    public static double score(String response, String reference) {
        return matches(response, reference) ? 1.0 : 0.0;
    }
}
