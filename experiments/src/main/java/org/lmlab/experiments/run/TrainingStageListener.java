package org.lmlab.experiments.run;

import java.util.Locale;
import org.lmlab.training.StepReport;
import org.lmlab.training.TrainerListener;

/** Turns a training run's steps into the stage's progress ("step 40/200, loss 5.12"). */
final class TrainingStageListener implements TrainerListener {

    private final StageProgress progress;

    TrainingStageListener(StageProgress progress) {
        this.progress = progress;
    }

    @Override
    public void onStep(StepReport report) {
        long step = report.step();
        double fraction = report.totalSteps() > 0 ? (double) step / report.totalSteps() : 0;
        progress.update(fraction, String.format(Locale.ROOT, "step %d/%d, loss %.4f", step, report.totalSteps(), report.loss()));
    }
}
