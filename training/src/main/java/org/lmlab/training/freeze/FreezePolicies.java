package org.lmlab.training.freeze;

import com.google.inject.Guice;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.lmlab.layers.core.Registry;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.TrainingModule;

/**
 * The freeze seam: every registered {@link FreezePolicyFactory} by name, filled by Guice. An
 * unknown name fails with the list of known ones.
 */
public final class FreezePolicies {

    private final Registry<FreezePolicyFactory> factories;

    @Inject
    public FreezePolicies(Map<String, FreezePolicyFactory> factories) {
        this.factories = new Registry<>("freeze.policy", factories);
    }

    /** The built-in policies only, without a surrounding injector (tests, small tools). */
    public static FreezePolicies standard() {
        return Guice.createInjector(new TrainingModule()).getInstance(FreezePolicies.class);
    }

    /** The policy the config names. */
    public FreezePolicy create(FreezeConfig config) {
        return factories.get(config.policy()).create(config);
    }

    /**
     * The parameters of {@code model} that train under the configured policy.
     *
     * @throws IllegalArgumentException if the name is unknown, the config does not suit the
     *                                  policy or the model, or the policy selects nothing
     */
    public Trainable select(LanguageModel model, FreezeConfig config) {
        FreezePolicy policy = create(config);
        try {
            return Trainable.of(model, policy);
        } catch (IllegalArgumentException unsuitable) {
            throw new IllegalArgumentException("freeze.policy '" + config.policy() + "': " + unsuitable.getMessage(), unsuitable);
        }
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return factories.names();
    }
}
