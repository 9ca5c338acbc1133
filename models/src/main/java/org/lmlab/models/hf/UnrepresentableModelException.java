package org.lmlab.models.hf;

import java.util.List;

/**
 * A model one Hugging Face family cannot express, with each reason naming the config component
 * by its lmlab-model.json path ({@code block.attention.type is grouped-query (needs multi-head)}).
 */
public final class UnrepresentableModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String architecture;
    private final List<String> problems;

    UnrepresentableModelException(String model, String architecture, List<String> problems) {
        super("model '" + model + "' cannot be written as Hugging Face " + architecture + ": " + String.join("; ", problems));
        this.architecture = architecture;
        this.problems = List.copyOf(problems);
    }

    /** The family that refused, e.g. {@code GPT-2}. */
    public String architecture() {
        return architecture;
    }

    /** One line per component the family cannot express. */
    public List<String> problems() {
        return problems;
    }
}
