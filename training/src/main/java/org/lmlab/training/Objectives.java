package org.lmlab.training;

import com.google.inject.Guice;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.lmlab.layers.core.Registry;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.objective.ObjectiveConfig;
import org.lmlab.training.objective.ObjectiveType;

/**
 * The objective seam: every registered {@link ObjectiveType} by name, filled by Guice.
 * An unknown name fails with the list of known ones.
 */
public final class Objectives {

    private final Registry<ObjectiveType<?>> factories;

    @Inject
    public Objectives(Map<String, ObjectiveType<?>> factories) {
        this.factories = new Registry<>("objective.type", factories);
    }

    /** The config of the objective registered under {@code name} with its defaults (what {@code --objective NAME} means). */
    public ObjectiveConfig defaults(String name) {
        return factories.get(name).defaults();
    }

    /** The built-in objectives only, without a surrounding injector (tests, small tools). */
    public static Objectives standard() {
        return Guice.createInjector(new TrainingModule()).getInstance(Objectives.class);
    }

    /** The objective of the configured type for a run with this tokenizer. */
    public Objective create(ObjectiveConfig config, Tokenizer tokenizer) {
        return factories.get(config.type()).create(config, tokenizer);
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return factories.names();
    }
}
