package org.lmlab.finetune.lora;

import org.lmlab.layers.core.InstallOnceModule;
import org.lmlab.training.TrainingModule;
import org.lmlab.training.model.ModelEditTypes;

/**
 * Registers the {@code lora} model edit. Installed by {@code InstructionModule}; any other
 * fine-tuning module may install it too (it binds once).
 */
public final class LoraModule extends InstallOnceModule {

    @Override
    protected void configure() {
        install(new TrainingModule());
        ModelEditTypes.register(binder(), Lora.NAME, LoraConfig.class, Lora::new);
    }
}
