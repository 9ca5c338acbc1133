package org.lmlab.layers.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * Components of one kind by the name an experiment file uses for them (the {@code type:}
 * field). Guice fills it from a {@code MapBinder}; an unknown name fails with the list of
 * known ones, so a typo in a config is a one-line fix.
 *
 * @param <T> the factory type of the seam
 */
public final class Registry<T> {

    private final String seam;
    private final Map<String, T> byName;

    public Registry(String seam, Map<String, T> byName) {
        this.seam = seam;
        this.byName = Map.copyOf(byName);
    }

    /** The component registered under this name. */
    public T get(String name) {
        T found = byName.get(name);
        if (found == null) {
            throw new IllegalArgumentException(seam + ": unknown type '" + name + "'; known: "
                    + String.join(", ", new TreeMap<>(byName).keySet()));
        }
        return found;
    }

    /** All registered names, sorted. */
    public java.util.Set<String> names() {
        return new TreeMap<>(byName).keySet();
    }
}
