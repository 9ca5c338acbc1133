package org.lmlab.experiments.file;

import com.google.inject.AbstractModule;
import java.util.List;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.task.EvalContext;
import org.lmlab.eval.task.Task;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.task.TaskTypes;

/**
 * A task registered by the tests only ({@code lines}: a text file and a limit), so experiment
 * files can be resolved with an eval section before the real tasks are merged. The resolver
 * never evaluates a task.
 */
final class LinesTask implements Task {

    record Config(String type, String path, int limit) implements TaskConfig {
        static final Config DEFAULTS = new Config("lines", "", 10);

        Config {
            if (limit < 1) {
                throw new IllegalArgumentException("limit: must be positive, got " + limit);
            }
        }
    }

    /** Registers {@code lines}. */
    static final class Module extends AbstractModule {
        @Override
        protected void configure() {
            TaskTypes.register(binder(), "lines", Config.class, Config.DEFAULTS, LinesTask::new);
        }
    }

    private LinesTask(Config config) {
    }

    @Override
    public String name() {
        return "lines";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of();
    }

    @Override
    public TaskOutput evaluate(EvalContext context) {
        throw new UnsupportedOperationException("the experiment-file tests never evaluate");
    }
}
