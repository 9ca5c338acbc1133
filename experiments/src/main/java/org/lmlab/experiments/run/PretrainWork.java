package org.lmlab.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.training.TrainerListener;
import org.lmlab.training.run.RunDirectory;
import org.lmlab.training.run.RunOptions;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;

/**
 * A pretraining stage: one {@link TrainJob} run in the stage folder. A folder holding a run
 * that was cut off resumes it from its newest checkpoint, exactly as {@code lmlab train --resume}.
 */
record PretrainWork(TrainJob job, TrainJobConfig config, RunOptions options, List<TrainerListener> listeners) implements Stage.Work {

    @Override
    public void run(Path folder, boolean continuing, StageProgress progress) throws IOException {
        List<TrainerListener> all = new java.util.ArrayList<>(listeners);
        all.add(new TrainingStageListener(progress));
        if (continuing && new RunDirectory(folder).holdsRun()) {
            job.resume(folder, all, options);
        } else {
            if (continuing) {
                StageRunner.clear(folder);
            }
            job.start(config, folder, all, options);
        }
    }
}
