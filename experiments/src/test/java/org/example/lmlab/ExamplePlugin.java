package org.example.lmlab;

import com.google.inject.AbstractModule;
import org.lmlab.layers.attention.AttentionTypes;
import org.lmlab.training.objective.ObjectiveTypes;
import org.lmlab.training.objective.Padding;

/**
 * A plugin as a user would write it: one binding per component, and lmlab's command line,
 * config files and model directories know them by name ({@code --plugin org.example.lmlab.ExamplePlugin}).
 */
public final class ExamplePlugin extends AbstractModule {

    @Override
    protected void configure() {
        AttentionTypes.register(binder(), "temperature", TemperatureAttention.Config.class, TemperatureAttention::new);
        ObjectiveTypes.register(binder(), "smoothed-lm", SmoothedLmObjective.Config.class, SmoothedLmObjective.Config.DEFAULTS,
                (config, tokenizer) -> new SmoothedLmObjective(config, Padding.padId(tokenizer)));
    }
}
