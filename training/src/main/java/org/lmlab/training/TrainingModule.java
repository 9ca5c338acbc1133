package org.lmlab.training;

import com.google.inject.multibindings.MapBinder;
import org.lmlab.layers.core.InstallOnceModule;
import org.lmlab.models.ModelsModule;
import org.lmlab.training.freeze.FreezePolicy;
import org.lmlab.training.freeze.FreezePolicyFactory;
import org.lmlab.training.objective.CausalLmObjective;
import org.lmlab.training.objective.MaskedLmObjective;
import org.lmlab.training.objective.ObjectiveFactory;
import org.lmlab.training.objective.Padding;

/**
 * Registers the pretraining objectives ({@code causal-lm}, {@code masked-lm}) and the freeze
 * policies ({@code all}, {@code head}, {@code last-block}, {@code last-blocks}), and installs the
 * models and layers they train. Other modules add objectives and policies to the same
 * {@code MapBinder}s.
 */
public final class TrainingModule extends InstallOnceModule {

    @Override
    protected void configure() {
        install(new ModelsModule());
        MapBinder<String, ObjectiveFactory> objectives = MapBinder.newMapBinder(binder(), String.class, ObjectiveFactory.class);
        objectives.addBinding(CausalLmObjective.NAME).toInstance(
                (config, tokenizer) -> new CausalLmObjective(Padding.padId(tokenizer)));
        objectives.addBinding(MaskedLmObjective.NAME).toInstance(
                (config, tokenizer) -> MaskedLmObjective.create(config.masking(), tokenizer));
        MapBinder<String, FreezePolicyFactory> freezing = MapBinder.newMapBinder(binder(), String.class, FreezePolicyFactory.class);
        freezing.addBinding(FreezePolicy.ALL).toInstance(config -> {
            config.requireNoBlocks();
            return FreezePolicy.all();
        });
        freezing.addBinding(FreezePolicy.HEAD).toInstance(config -> {
            config.requireNoBlocks();
            return FreezePolicy.head();
        });
        freezing.addBinding(FreezePolicy.LAST_BLOCK).toInstance(config -> {
            config.requireNoBlocks();
            return FreezePolicy.lastBlocks(1);
        });
        freezing.addBinding(FreezePolicy.LAST_BLOCKS).toInstance(config -> FreezePolicy.lastBlocks(config.blocks()));
    }
}
