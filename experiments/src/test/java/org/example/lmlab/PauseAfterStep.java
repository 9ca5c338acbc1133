package org.example.lmlab;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import java.util.concurrent.CountDownLatch;
import org.lmlab.training.StepReport;
import org.lmlab.training.TrainerListener;

/**
 * A plugin adding a listener to every run, as a monitoring tool would: this one holds the run
 * after step {@code lmlab.test.pause-after-step} until the run is asked to stop (Ctrl-C), so a
 * test can signal a child {@code lmlab train} at a known step without relying on timing.
 */
public final class PauseAfterStep extends AbstractModule {

    /** The step to wait after. */
    public static final String PROPERTY = "lmlab.test.pause-after-step";

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), TrainerListener.class).addBinding().toInstance(new Pause(Long.getLong(PROPERTY, -1)));
    }

    private static final class Pause implements TrainerListener {
        private final long step;
        private final CountDownLatch stopRequested = new CountDownLatch(1);

        Pause(long step) {
            this.step = step;
        }

        @Override
        public void onStep(StepReport report) {
            if (report.step() == step) {
                try {
                    stopRequested.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void onStopRequested(String message) {
            stopRequested.countDown();
        }
    }
}
