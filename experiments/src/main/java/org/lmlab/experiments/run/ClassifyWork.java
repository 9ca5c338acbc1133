package org.lmlab.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.finetune.classify.ClassifyJob;
import org.lmlab.finetune.classify.ClassifyRequest;
import org.lmlab.training.TrainerListener;

/**
 * A classification fine-tuning stage: {@link ClassifyJob} from the model's pretraining run into
 * the stage folder. A fine-tune that was cut off starts again (it is short, and its predictions
 * and baseline are written only at the end).
 */
record ClassifyWork(ClassifyJob job, ClassifyRequest request, List<TrainerListener> listeners) implements Stage.Work {

    @Override
    public void run(Path folder, boolean continuing, StageProgress progress) throws IOException {
        if (continuing) {
            StageRunner.clear(folder);
        }
        List<TrainerListener> all = new java.util.ArrayList<>(listeners);
        all.add(new TrainingStageListener(progress));
        job.run(request, all);
    }
}
