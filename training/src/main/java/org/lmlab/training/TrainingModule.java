package org.lmlab.training;

import com.google.inject.multibindings.MapBinder;
import org.lmlab.layers.core.InstallOnceModule;
import org.lmlab.models.ModelsModule;
import org.lmlab.training.objective.CausalLmObjective;
import org.lmlab.training.objective.MaskedLmObjective;
import org.lmlab.training.objective.ObjectiveFactory;
import org.lmlab.training.objective.Padding;

/**
 * Registers the pretraining objectives ({@code causal-lm}, {@code masked-lm}) and installs the
 * models and layers they train. Other modules add objectives to the same {@code MapBinder}.
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
    }
}
