package org.lmlab.training.objective;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import org.lmlab.layers.config.Components;

/**
 * Registers objectives: {@code ObjectiveTypes.register(binder(), "my-objective", MyConfig.class, MyConfig.DEFAULTS, MyObjective::new)}
 * in any Guice module makes {@code --objective my-objective} and {@code objective: {type: my-objective}} work.
 */
public final class ObjectiveTypes {

    /** The type of the seam's map, for injection. */
    public static final TypeLiteral<ObjectiveType<?>> TYPE = new TypeLiteral<>() { };

    private ObjectiveTypes() {
    }

    /**
     * Registers the objective {@code name}, read into {@code config}, configured as
     * {@code defaults} when only its name is given, and made by {@code factory}.
     */
    public static <C extends ObjectiveConfig> void register(Binder binder, String name, Class<C> config, C defaults,
            ObjectiveFactory<C> factory) {
        if (!name.equals(defaults.type())) {
            throw new IllegalArgumentException("objective " + name + ": its defaults are of type " + defaults.type());
        }
        Components.register(binder, TYPE, ObjectiveConfig.class, name, config, new ObjectiveType<>(config, defaults, factory));
    }
}
