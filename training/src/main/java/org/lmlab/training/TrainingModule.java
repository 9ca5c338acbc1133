package org.lmlab.training;

import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.Provider;
import org.lmlab.layers.core.InstallOnceModule;
import org.lmlab.training.freeze.FreezeConfig;
import org.lmlab.training.freeze.FreezePolicies;
import org.lmlab.training.model.Freeze;
import org.lmlab.training.model.ModelEditTypes;
import org.lmlab.training.model.ReplaceHead;
import org.lmlab.models.ModelsModule;
import org.lmlab.training.freeze.FreezePolicy;
import org.lmlab.training.freeze.FreezePolicyFactory;
import org.lmlab.training.objective.CausalLmObjective;
import org.lmlab.training.objective.MaskedLmObjective;
import org.lmlab.training.objective.CausalLmConfig;
import org.lmlab.training.objective.MaskedLmConfig;
import org.lmlab.training.objective.ObjectiveTypes;
import org.lmlab.training.data.CorpusSource;
import org.lmlab.training.data.CorpusSourceConfig;
import org.lmlab.training.data.DataSourceTypes;
import org.lmlab.training.objective.Padding;

/**
 * Registers the pretraining objectives ({@code causal-lm}, {@code masked-lm}), the
 * {@code corpus} data source, the model edits ({@code replace-head}, {@code freeze}) and the freeze policies ({@code all}, {@code head},
 * {@code last-block}, {@code last-blocks}), and installs the models and layers they train.
 * Other modules add objectives and data sources through {@code ObjectiveTypes} and
 * {@code DataSourceTypes}, policies to the same {@code MapBinder}, and listeners that hear every
 * run {@link org.lmlab.training.run.TrainJob} trains to a {@code Multibinder<TrainerListener>}.
 */
public final class TrainingModule extends InstallOnceModule {

    @Override
    protected void configure() {
        install(new ModelsModule());
        // Listeners every run hears (a plugin adds one with Multibinder.newSetBinder(binder(), TrainerListener.class)).
        Multibinder.newSetBinder(binder(), TrainerListener.class);
        ObjectiveTypes.register(binder(), CausalLmObjective.NAME, CausalLmConfig.class, CausalLmConfig.standard(),
                (config, tokenizer) -> new CausalLmObjective(Padding.padId(tokenizer)));
        ObjectiveTypes.register(binder(), MaskedLmObjective.NAME, MaskedLmConfig.class, MaskedLmConfig.standard(),
                (config, tokenizer) -> MaskedLmObjective.create(config.masking(), tokenizer));
        DataSourceTypes.register(binder(), CorpusSource.NAME, CorpusSourceConfig.class,
                java.util.Map.of("validation_fraction", 0.1, "stride", 0), new CorpusSource());
        ModelEditTypes.register(binder(), ReplaceHead.NAME, ReplaceHead.Config.class, ReplaceHead::new);
        Provider<FreezePolicies> policies = getProvider(FreezePolicies.class);
        ModelEditTypes.register(binder(), Freeze.NAME, Freeze.Config.class,
                config -> new Freeze(policies.get().create(new FreezeConfig(config.policy(), config.blocks()))));
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
