package org.lmlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.Layers;
import org.lmlab.layers.LayersModule;
import org.lmlab.models.ModelsModule;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.tokenizers.TokenizersModule;
import org.lmlab.training.TrainingModule;
import org.lmlab.training.run.TrainJob;

/** lmlab's Guice modules can be installed side by side and by each other without duplicate bindings. */
class ModulesInstallOnceTest {

    @Test
    void everyModuleTogetherBuildsOneInjector() {
        Injector injector = Guice.createInjector(new LayersModule(), new ModelsModule(), new TrainingModule(),
                new TokenizersModule(), new TokenizersModule(), new LayersModule());
        injector.getInstance(TrainJob.class);
        assertEquals(Layers.standard().attentionTypes().names(), injector.getInstance(Layers.class).attentionTypes().names());
        assertEquals(Tokenizers.standard().names(), injector.getInstance(Tokenizers.class).names());
    }
}
