package org.lmlab.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.finetune.instruct.InstructJob;
import org.lmlab.finetune.instruct.InstructSettings;
import org.lmlab.training.TrainerListener;

/**
 * An instruction fine-tuning stage (the book's chapter 7): {@link InstructJob} from the model's
 * pretraining run into the stage folder, answering the test records at the end. A fine-tune that
 * was cut off starts again: its responses and summary are written only at the end.
 */
record InstructWork(InstructJob job, InstructSettings settings, List<TrainerListener> listeners) implements Stage.Work {

    @Override
    public void run(Path folder, boolean continuing, StageProgress progress) throws IOException {
        if (continuing) {
            StageRunner.clear(folder);
        }
        List<TrainerListener> all = new ArrayList<>(listeners);
        all.add(new TrainingStageListener(progress));
        job.run(job.plan(settings), folder, all);
    }
}
