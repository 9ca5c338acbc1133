package org.lmlab.layers.norm;

/** Makes a norm of one registered type over vectors of the given width. */
@FunctionalInterface
public interface NormFactory {

    Norm create(NormConfig config, int width);
}
