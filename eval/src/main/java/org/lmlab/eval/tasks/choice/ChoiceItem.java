package org.lmlab.eval.tasks.choice;

import java.util.List;

/** One multiple-choice question: its id, the context, the candidate continuations and the index of the right one. */
public record ChoiceItem(String id, String context, List<String> choices, int gold) {

    public ChoiceItem {
        choices = List.copyOf(choices);
    }
}
