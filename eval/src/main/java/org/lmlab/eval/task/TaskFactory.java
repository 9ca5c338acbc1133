package org.lmlab.eval.task;

/**
 * Makes a task from its config record.
 *
 * @param <C> the task's config record
 */
@FunctionalInterface
public interface TaskFactory<C extends TaskConfig> {

    Task create(C config);
}
