package org.lmlab.eval.task;

/**
 * A registered task: its config record, the config used when only its name is given, and its factory.
 *
 * @param <C> the task's config record
 */
public record TaskType<C extends TaskConfig>(Class<C> config, C defaults, TaskFactory<C> factory) {

    /** The task for a config of this type. */
    public Task create(TaskConfig given) {
        if (!config.isInstance(given)) {
            throw new IllegalArgumentException("task.type: '" + given.type() + "' reads a "
                    + config.getSimpleName() + ", got a " + given.getClass().getSimpleName());
        }
        return factory.create(config.cast(given));
    }
}
