package org.lmlab.eval.tasks.blimp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 12 phenomena BLiMP's paper reports accuracy by, derived from a pair's
 * {@code linguistics_term}. The data's own labels need one fix: the two {@code animate_subject_*}
 * paradigms say {@code s-selection}, which the paper's summary counts under argument structure.
 * (The data's {@code field} is written both {@code syntax_semantics} and {@code syntax/semantics}
 * and is not used.)
 */
public final class BlimpCategories {

    /** The paper's categories, in its order. */
    public static final List<String> ALL = List.of("anaphor_agreement", "argument_structure", "binding", "control_raising",
            "determiner_noun_agreement", "ellipsis", "filler_gap_dependency", "irregular_forms", "island_effects",
            "npi_licensing", "quantifiers", "subject_verb_agreement");

    private static final Map<String, String> ALIASES = Map.of("s-selection", "argument_structure");

    private BlimpCategories() {
    }

    /** The category of a {@code linguistics_term}, or empty if it names none of the 12. */
    public static Optional<String> of(String linguisticsTerm) {
        String category = ALIASES.getOrDefault(linguisticsTerm, linguisticsTerm);
        return ALL.contains(category) ? Optional.of(category) : Optional.empty();
    }
}
