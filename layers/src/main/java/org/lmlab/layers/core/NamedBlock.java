package org.lmlab.layers.core;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DJL block whose parameters all have fixed shapes from the start and readable, dotted
 * names ({@code blocks.3.attention.qkv.weight}), so checkpoints, optimizers and weight
 * mappings address them by name.
 *
 * <p>Subclasses declare parameters with {@link #parameter} and children with {@link #child}
 * in their constructor, and expose typed forward methods; DJL's generic
 * {@link #forwardInternal} delegates to {@link #forward(NDList, boolean)}.
 */
public abstract class NamedBlock extends AbstractBlock {

    private final Map<String, Parameter> ownParameters = new LinkedHashMap<>();
    private final Map<String, NamedBlock> ownChildren = new LinkedHashMap<>();

    /** Declares a parameter of a fixed shape with its initializer. */
    protected final Parameter parameter(String name, Shape shape, Initializer initializer) {
        Parameter parameter = addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(initializer)
                .build());
        ownParameters.put(name, parameter);
        return parameter;
    }

    /**
     * Removes a parameter this block declared (a merged low-rank delta, see {@link Dense}); its
     * array is left to its manager.
     */
    protected final void removeParameter(String name) {
        if (ownParameters.remove(name) == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        parameters.remove(name);
    }

    /** Declares a child block under a name that becomes part of its parameters' names. */
    protected final <B extends NamedBlock> B child(String name, B block) {
        if (ownChildren.containsKey(name)) {
            throw new IllegalArgumentException("duplicate child block name: " + name);
        }
        addChildBlock(name, block);
        ownChildren.put(name, block);
        return block;
    }

    /** Every parameter of this block and its descendants, by dotted name, in declaration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        collect("", all);
        return Collections.unmodifiableMap(all);
    }

    /** Every descendant block by dotted name ({@code blocks.0.attention.qkv}), in declaration order. */
    public final Map<String, NamedBlock> namedBlocks() {
        Map<String, NamedBlock> all = new LinkedHashMap<>();
        collectBlocks("", all);
        return Collections.unmodifiableMap(all);
    }

    private void collectBlocks(String prefix, Map<String, NamedBlock> into) {
        ownChildren.forEach((name, block) -> {
            into.put(prefix + name, block);
            block.collectBlocks(prefix + name + ".", into);
        });
    }

    private void collect(String prefix, Map<String, Parameter> into) {
        ownParameters.forEach((name, parameter) -> into.put(prefix + name, parameter));
        ownChildren.forEach((name, block) -> block.collect(prefix + name + ".", into));
    }

    /** Allocates and initializes every parameter; shapes are fixed, so no input shapes are needed. */
    public final void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32);
    }

    @Override
    protected final void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : ownChildren.values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    protected final NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return forward(inputs, training);
    }

    /** DJL's generic entry point, for use inside other DJL blocks; lmlab code calls the typed methods. */
    protected abstract NDList forward(NDList inputs, boolean training);
}
