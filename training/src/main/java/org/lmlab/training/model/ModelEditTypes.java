package org.lmlab.training.model;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import org.lmlab.layers.config.Components;

/** Registers model edits: {@code ModelEditTypes.register(binder(), "lora", LoraConfig.class, Lora::new)}. */
public final class ModelEditTypes {

    /** The type of the seam's map, for injection. */
    public static final TypeLiteral<ModelEditType<?>> TYPE = new TypeLiteral<>() { };

    private ModelEditTypes() {
    }

    /** Registers the edit {@code name}, read into {@code config} and made by {@code factory}. */
    public static <C extends ModelEditConfig> void register(Binder binder, String name, Class<C> config, ModelEditFactory<C> factory) {
        Components.register(binder, TYPE, ModelEditConfig.class, name, config, new ModelEditType<>(config, factory));
    }
}
