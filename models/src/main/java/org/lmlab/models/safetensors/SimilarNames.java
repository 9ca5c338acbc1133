package org.lmlab.models.safetensors;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the known names closest to a wanted one (Levenshtein distance), so that an error for a
 * missing tensor can show, for example, that the file uses a {@code transformer.} prefix.
 */
final class SimilarNames {

    private SimilarNames() {
    }

    /** Up to {@code limit} names from {@code known}, nearest to {@code wanted} first, ties by name. */
    static List<String> nearest(String wanted, Collection<String> known, int limit) {
        record Scored(String name, int distance) {
        }
        return known.stream()
                .map(name -> new Scored(name, distance(wanted, name)))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(limit)
                .map(Scored::name)
                .toList();
    }

    /** Edit distance: insertions, deletions and substitutions, each costing one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
