package org.lmlab.layers.norm;

import org.lmlab.layers.core.UnaryBlock;

/** A normalisation over the last axis, with a learned scale (and, for LayerNorm, shift). */
public abstract class Norm extends UnaryBlock {
}
