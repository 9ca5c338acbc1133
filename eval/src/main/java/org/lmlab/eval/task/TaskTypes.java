package org.lmlab.eval.task;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import org.lmlab.layers.config.Components;

/**
 * Registers tasks: {@code TaskTypes.register(binder(), "my-task", MyConfig.class, MyConfig.DEFAULTS, MyTask::new)}
 * makes {@code --task my-task} and {@code {type: my-task}} in an experiment file work.
 */
public final class TaskTypes {

    /** The type of the seam's map, for injection. */
    public static final TypeLiteral<TaskType<?>> TYPE = new TypeLiteral<>() { };

    private TaskTypes() {
    }

    /** Registers the task {@code name}, read into {@code config}, configured as {@code defaults} when only its name is given. */
    public static <C extends TaskConfig> void register(Binder binder, String name, Class<C> config, C defaults, TaskFactory<C> factory) {
        if (!name.equals(defaults.type())) {
            throw new IllegalArgumentException("task " + name + ": its defaults are of type " + defaults.type());
        }
        Components.register(binder, TYPE, TaskConfig.class, name, config, new TaskType<>(config, defaults, factory));
    }
}
