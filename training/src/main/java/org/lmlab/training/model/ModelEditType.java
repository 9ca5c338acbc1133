package org.lmlab.training.model;

/**
 * A registered model edit: the config record it reads and its factory.
 *
 * @param <C> the edit's config record
 */
public record ModelEditType<C extends ModelEditConfig>(Class<C> config, ModelEditFactory<C> factory) {

    /** The edit for a config of this type. */
    public ModelEdit create(ModelEditConfig given) {
        if (!config.isInstance(given)) {
            throw new IllegalArgumentException("edits.type: '" + given.type() + "' reads a "
                    + config.getSimpleName() + ", got a " + given.getClass().getSimpleName());
        }
        return factory.create(config.cast(given));
    }
}
