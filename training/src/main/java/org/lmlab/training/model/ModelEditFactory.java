package org.lmlab.training.model;

/**
 * Makes a registered model edit from its own config record.
 *
 * @param <C> the edit's config record
 */
@FunctionalInterface
public interface ModelEditFactory<C extends ModelEditConfig> {

    ModelEdit create(C config);
}
