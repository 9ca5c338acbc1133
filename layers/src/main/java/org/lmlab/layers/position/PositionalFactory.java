package org.lmlab.layers.position;

import org.lmlab.layers.core.BuildContext;

/** Makes a positional scheme of one registered type for a model of this width and head count. */
@FunctionalInterface
public interface PositionalFactory {

    PositionalScheme create(PositionalConfig config, BuildContext context, int heads);
}
