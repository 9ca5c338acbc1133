package org.lmlab.layers.config;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;

/**
 * Registers a component in a Guice module: its factory goes into the seam's
 * {@code MapBinder} under its name, and its config record class into the set the
 * {@link ConfigMapper} reads {@code type:} names from. Each seam wraps this in a typed
 * one-liner ({@code AttentionTypes.register(binder(), "name", Config.class, Impl::new)}).
 */
public final class Components {

    private Components() {
    }

    /**
     * Binds {@code value} under {@code name} in the map of {@code valueType}, and reads
     * {@code {type: name}} objects of the seam {@code base} into {@code config}.
     */
    public static <T> void register(Binder binder, TypeLiteral<T> valueType, Class<? extends ComponentConfig> base,
            String name, Class<? extends ComponentConfig> config, T value) {
        MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), valueType).addBinding(name).toInstance(value);
        configTypes(binder).addBinding().toInstance(new ConfigSubtype(base, name, config));
    }

    /** The set of config registrations, so a module with no components still provides an empty one. */
    public static Multibinder<ConfigSubtype> configTypes(Binder binder) {
        return Multibinder.newSetBinder(binder, ConfigSubtype.class);
    }
}
