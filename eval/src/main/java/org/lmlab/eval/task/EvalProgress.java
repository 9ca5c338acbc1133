package org.lmlab.eval.task;

/** Hears how far a task is, for progress lines and ETAs; {@link #NONE} hears nothing. */
@FunctionalInterface
public interface EvalProgress {

    EvalProgress NONE = (task, done, total) -> { };

    /** {@code done} of {@code total} items of {@code task} are scored. */
    void onItems(String task, long done, long total);
}
