package org.lmlab.layers.attention;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import org.lmlab.layers.config.Components;

/**
 * Registers attention variants. One line in a Guice module adds one:
 * {@code AttentionTypes.register(binder(), "my-attention", MyAttention.Config.class, MyAttention::new)};
 * experiment files and {@code --set model.block.attention.type=my-attention} then use it by name.
 */
public final class AttentionTypes {

    /** The type of the seam's map, for injection. */
    public static final TypeLiteral<AttentionType<?>> TYPE = new TypeLiteral<>() { };

    private AttentionTypes() {
    }

    /** Registers the variant {@code name}, read into {@code config} and built by {@code factory}. */
    public static <C extends AttentionConfig> void register(Binder binder, String name, Class<C> config, AttentionFactory<C> factory) {
        Components.register(binder, TYPE, AttentionConfig.class, name, config, new AttentionType<>(config, factory));
    }
}
