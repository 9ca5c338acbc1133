package org.lmlab.models.stack;

import java.util.List;
import org.lmlab.layers.block.TransformerBlock;

/** Makes a stack of one registered kind ({@code decoder}, {@code encoder}) from its blocks. */
@FunctionalInterface
public interface StackFactory {

    TransformerStack create(List<TransformerBlock> blocks);
}
