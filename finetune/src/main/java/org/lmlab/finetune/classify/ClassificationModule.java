package org.lmlab.finetune.classify;

import org.lmlab.layers.core.InstallOnceModule;
import org.lmlab.training.TrainingModule;
import org.lmlab.training.data.DataSourceTypes;
import org.lmlab.training.objective.ObjectiveTypes;

/**
 * Classification fine-tuning's components: the objective {@code classification} and the data
 * sources {@code sms-spam} and {@code labelled-text}; it installs the training components they
 * run with. {@link ClassifyJob} is made by the injector from these.
 */
public final class ClassificationModule extends InstallOnceModule {

    @Override
    protected void configure() {
        install(new TrainingModule());
        ObjectiveTypes.register(binder(), ClassificationObjective.NAME, ClassificationConfig.class,
                ClassificationConfig.standard(), ClassificationObjective::new);
        // Defaults for experiment files: the book's chapter-6 recipe, the bundled collection (a relative path: under the lmlab root).
        DataSourceTypes.register(binder(), SmsSpamConfig.NAME, SmsSpamConfig.class, java.util.Map.of("path", SmsSpamConfig.BUNDLED,
                "seed", 123, "undersample", true, "train_fraction", 0.7, "validation_fraction", 0.1), new LabelledDataSource<>());
        DataSourceTypes.register(binder(), LabelledTextConfig.NAME, LabelledTextConfig.class, java.util.Map.of("format", "auto",
                "text_column", "text", "label_column", "label", "seed", 123, "undersample", false, "train_fraction", 0.7,
                "validation_fraction", 0.1), new LabelledDataSource<>());
    }
}
