package org.lmlab.eval;

import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import org.lmlab.eval.task.TaskTypes;
import org.lmlab.eval.tasks.blimp.BlimpConfig;
import org.lmlab.eval.tasks.blimp.BlimpTask;
import org.lmlab.eval.tasks.choice.MultipleChoiceConfig;
import org.lmlab.eval.tasks.choice.MultipleChoiceTask;
import org.lmlab.eval.tasks.perplexity.PerplexityConfig;
import org.lmlab.eval.tasks.perplexity.PerplexityTask;
import org.lmlab.eval.tasks.classification.ClassificationTask;
import org.lmlab.eval.tasks.classification.ClassificationTaskConfig;
import org.lmlab.eval.tasks.instructions.InstructionsTask;
import org.lmlab.eval.tasks.instructions.InstructionsTaskConfig;
import org.lmlab.layers.core.InstallOnceModule;

/**
 * Registers the evaluation tasks. Other modules and plugins add tasks with
 * {@link TaskTypes#register}.
 */
public final class EvalModule extends InstallOnceModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), TaskTypes.TYPE);
        // The core tasks (eval-tasks): defaults resolve bundled data under lmlab.root.
        TaskTypes.register(binder(), PerplexityConfig.NAME, PerplexityConfig.class, PerplexityConfig.defaults(), PerplexityTask::new);
        TaskTypes.register(binder(), BlimpConfig.NAME, BlimpConfig.class, BlimpConfig.defaults(), BlimpTask::new);
        TaskTypes.register(binder(), MultipleChoiceConfig.NAME, MultipleChoiceConfig.class, MultipleChoiceConfig.defaults(),
                MultipleChoiceTask::new);
        registerJudgedTasks();
    }

    /** Classification (and its SMS spam alias) over a fine-tune's predictions; instruction responses, optionally judged. */
    private void registerJudgedTasks() {
        TaskTypes.register(binder(), ClassificationTaskConfig.NAME, ClassificationTaskConfig.class,
                ClassificationTaskConfig.DEFAULTS, ClassificationTask::new);
        TaskTypes.register(binder(), ClassificationTaskConfig.SMS_SPAM, ClassificationTaskConfig.class,
                ClassificationTaskConfig.SMS_SPAM_DEFAULTS, ClassificationTask::new);
        TaskTypes.register(binder(), InstructionsTaskConfig.NAME, InstructionsTaskConfig.class,
                InstructionsTaskConfig.DEFAULTS, InstructionsTask::new);
    }
}
