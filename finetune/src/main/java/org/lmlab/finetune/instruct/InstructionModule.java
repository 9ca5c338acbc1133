package org.lmlab.finetune.instruct;

import org.lmlab.finetune.lora.LoraModule;
import org.lmlab.layers.core.InstallOnceModule;
import org.lmlab.training.TrainingModule;
import org.lmlab.training.data.DataSourceTypes;
import org.lmlab.training.objective.ObjectiveTypes;

/**
 * Instruction fine-tuning's components: the {@code instructions} data source, the prompt
 * formats {@code alpaca} and {@code phi3}, the {@code instruction} objective, and (through
 * {@link LoraModule}) the {@code lora} model edit.
 */
public final class InstructionModule extends InstallOnceModule {

    @Override
    protected void configure() {
        install(new TrainingModule());
        install(new LoraModule());
        PromptFormats.register(binder(), Prompts.ALPACA_NAME, Prompts.ALPACA);
        PromptFormats.register(binder(), Prompts.PHI3_NAME, Prompts.PHI3);
        ObjectiveTypes.register(binder(), InstructionObjective.NAME, InstructionConfig.class, InstructionConfig.DEFAULTS,
                InstructionObjective::create);
        DataSourceTypes.register(binder(), InstructionsSource.NAME, InstructionsConfig.class,
                java.util.Map.of("format", Prompts.ALPACA_NAME, "split_seed", 123), new InstructionsSource(getProvider(PromptFormats.class)));
    }
}
