package org.lmlab.experiments;

import org.lmlab.eval.EvalModule;
import org.lmlab.experiments.run.ExperimentRunner;
import org.lmlab.experiments.run.StagedExperimentRunner;
import org.lmlab.finetune.instruct.InstructionModule;
import org.lmlab.finetune.classify.ClassificationModule;
import org.lmlab.layers.core.InstallOnceModule;
import org.lmlab.tokenizers.TokenizersModule;
import org.lmlab.training.TrainingModule;

/**
 * Every built-in component of lmlab: tokenizers, layers, models, objectives and data
 * sources (fine-tuning and evaluation add theirs here). The command line builds its one
 * injector from this module and the plugin modules it is given.
 */
public final class LmlabModule extends InstallOnceModule {

    @Override
    protected void configure() {
        install(new TokenizersModule());
        install(new TrainingModule());
        install(new InstructionModule());
        install(new ClassificationModule());
        install(new EvalModule());
        // lmlab run hands resolved experiments to the runner bound here (optional until one is).
        bind(ExperimentRunner.class).to(StagedExperimentRunner.class);
    }
}
