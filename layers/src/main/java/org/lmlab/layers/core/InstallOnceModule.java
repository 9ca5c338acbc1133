package org.lmlab.layers.core;

import com.google.inject.AbstractModule;

/**
 * A Guice module that may be installed by several other modules (a plugin's module installing
 * lmlab's, say) and still binds once: Guice skips a module equal to one it already installed,
 * and all instances of the same class are equal here.
 */
public abstract class InstallOnceModule extends AbstractModule {

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }
}
