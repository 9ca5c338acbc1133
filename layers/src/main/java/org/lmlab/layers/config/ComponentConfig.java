package org.lmlab.layers.config;

/**
 * The config record of one registered component: {@code type} is the name it is registered
 * under, which is also the {@code type:} key of its object in a config file. Each seam's base
 * config type extends this and carries Jackson's type annotation, so a file is read into the
 * record registered under that name, a plugin's exactly like a built-in.
 */
public interface ComponentConfig {

    /** The registered name of the component. */
    String type();
}
