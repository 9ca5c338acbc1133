package org.lmlab.eval.task;

import com.google.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.lmlab.layers.core.Registry;

/** The task seam: every registered {@link TaskType} by name, filled by Guice. */
public final class Tasks {

    private final Registry<TaskType<?>> types;

    @Inject
    public Tasks(Map<String, TaskType<?>> types) {
        this.types = new Registry<>("task.type", types);
    }

    /** The task a config describes. */
    public Task create(TaskConfig config) {
        return types.get(config.type()).create(config);
    }

    /** The config of {@code name} when only its name is given ({@code --task blimp}). */
    public TaskConfig defaults(String name) {
        return types.get(name).defaults();
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return types.names();
    }
}
