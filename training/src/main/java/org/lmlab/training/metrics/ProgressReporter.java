package org.lmlab.training.metrics;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.lmlab.training.EvalReport;
import org.lmlab.training.StepReport;
import org.lmlab.training.TrainSummary;
import org.lmlab.training.TrainerListener;
import org.lmlab.training.TrainingPlan;

/**
 * Shows training progress. On a terminal, one line redrawn in place with a bar, the step, the
 * loss, tokens per second and the time left; elsewhere (a log file, CI), one plain line every
 * {@code logEvery} steps. Evaluations, checkpoints and warnings always get their own line.
 */
public final class ProgressReporter implements TrainerListener {

    private static final int BAR_WIDTH = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final int logEvery;
    private long firstStep;
    private long stepsTimed;
    private double secondsTimed;
    private long tokensTimed;
    private boolean lineOpen;
    private Path runDirectory;

    public ProgressReporter(PrintWriter out, boolean terminal, int logEvery) {
        if (logEvery < 1) {
            throw new IllegalArgumentException("log_every: must be positive, got " + logEvery);
        }
        this.out = out;
        this.terminal = terminal;
        this.logEvery = logEvery;
    }

    /** A reporter that draws a bar when the JVM has a console and prints plain lines otherwise. */
    public static ProgressReporter forConsole(PrintWriter out, int logEvery) {
        return new ProgressReporter(out, System.console() != null, logEvery);
    }

    @Override
    public void onRun(Path directory, boolean resumed) {
        runDirectory = directory;
        println("run: " + directory);
    }

    @Override
    public void onMemoryEstimate(String summary) {
        println("memory: " + summary);
    }

    @Override
    public void onStart(TrainingPlan plan) {
        firstStep = plan.startStep();
        println(String.format(Locale.ROOT, "%s %d steps%s: %d training and %d validation examples, %d batches per epoch",
                plan.resumed() ? "resuming:" : "training:", plan.totalSteps(),
                plan.resumed() ? " from step " + plan.startStep() : "",
                plan.trainExamples(), plan.validationExamples(), plan.batchesPerEpoch()));
    }

    @Override
    public void onStep(StepReport report) {
        stepsTimed++;
        secondsTimed += report.seconds();
        tokensTimed += report.tokens();
        double tokensPerSecond = secondsTimed > 0 ? tokensTimed / secondsTimed : 0;
        double eta = stepsTimed > 0 ? secondsTimed / stepsTimed * (report.totalSteps() - report.step()) : 0;
        if (terminal) {
            out.print("\r" + bar(report) + String.format(Locale.ROOT, " step %d/%d  loss %.4f  %,.0f tok/s  ETA %s   ",
                    report.step(), report.totalSteps(), report.loss(), tokensPerSecond, duration(eta)));
            out.flush();
            lineOpen = true;
        } else if (report.step() % logEvery == 0 || report.step() == report.totalSteps() || report.step() == firstStep + 1) {
            println(String.format(Locale.ROOT, "step %d/%d  epoch %d  loss %.4f  lr %.3g  grad_norm %.3g  %.0f tok/s  ETA %s",
                    report.step(), report.totalSteps(), report.epoch(), report.loss(), report.lr(),
                    report.gradientNorm(), tokensPerSecond, duration(eta)));
        }
    }

    @Override
    public void onEvaluation(EvalReport report) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "step %d  val_loss %.4f  train_eval_loss %.4f",
                report.step(), report.loss(), report.trainLoss()));
        new java.util.TreeMap<>(report.metrics()).forEach((name, value) -> line.append(String.format(Locale.ROOT, "  val_%s %.4f", name, value)));
        new java.util.TreeMap<>(report.trainMetrics()).forEach((name, value) -> line.append(String.format(Locale.ROOT, "  train_eval_%s %.4f", name, value)));
        println(line.toString());
    }

    @Override
    public void onCheckpoint(long step, Path directory) {
        if (!terminal) {
            println("checkpoint " + directory);
        }
    }

    @Override
    public void onWarning(String message) {
        println("warning: " + message);
    }

    @Override
    public void onStopRequested(String message) {
        println("stopping: " + message);
    }

    @Override
    public void onFinish(TrainSummary summary) {
        println("done: " + summary.steps() + " steps, " + losses(summary) + String.format(Locale.ROOT, ", %,d tokens",
                summary.tokensSeen()));
    }

    @Override
    public void onModelSaved(Path modelDirectory) {
        println("model: " + modelDirectory);
    }

    @Override
    public void onAlreadyComplete(TrainSummary summary) {
        println("complete: " + (runDirectory != null ? runDirectory + " " : "") + "finished all " + summary.steps() + " steps"
                + (summary.evaluations().any() ? ", " + losses(summary) : "") + "; nothing to train"
                + (runDirectory != null ? " (model: " + runDirectory.resolve("model") + "; to train further: --resume "
                        + runDirectory + " --steps N)" : ""));
    }

    /**
     * The losses that describe a run: the training loss measured in evaluation mode (no
     * dropout) at the last evaluation and the best validation loss with its step; without
     * evaluations, the last step's batch loss, named as such.
     */
    static String losses(TrainSummary summary) {
        if (!summary.evaluations().any()) {
            return String.format(Locale.ROOT, "last batch loss %.4f (dropout on; no validation set)", summary.trainLoss());
        }
        return String.format(Locale.ROOT, "train loss %.4f (eval mode), val loss %.4f, best val loss %.4f at step %d",
                summary.trainEvalLoss(), summary.validationLoss(), summary.bestValidationLoss(), summary.bestValidationStep());
    }

    private void println(String line) {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
        out.println(line);
        out.flush();
    }

    private static String bar(StepReport report) {
        int filled = (int) (BAR_WIDTH * report.step() / Math.max(1, report.totalSteps()));
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    /** Seconds as {@code 1h02m}, {@code 3m05s} or {@code 12s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
