package org.lmlab.layers.config;

/**
 * One registration seen by the config reader: in the seam whose config base type is
 * {@code base}, the name {@code name} is read into the record class {@code config}.
 */
public record ConfigSubtype(Class<? extends ComponentConfig> base, String name, Class<? extends ComponentConfig> config) {

    public ConfigSubtype {
        if (!base.isAssignableFrom(config)) {
            throw new IllegalArgumentException(config.getName() + " registered as '" + name + "' is not a " + base.getSimpleName());
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(base.getSimpleName() + ": a component needs a name");
        }
    }
}
