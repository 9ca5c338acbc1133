package org.lmlab.experiments.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The run's progress as plain lines: when a stage starts, is reused or ends, and while it runs
 * at most one line every few seconds with the stage's progress, its ETA and the whole run's ETA.
 * A stage's weight is its estimated seconds; the run's ETA is the running stage's own ETA plus
 * the later stages' estimates, scaled by how long the finished stages took against theirs.
 */
public final class RunDisplay {

    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final LongSupplier clock;
    private final double totalWeight;
    private double doneWeight;
    private double measuredWeight;
    private long measuredNanos;
    private int index;
    private int count;
    private Stage current;
    private long stageStart;
    private long lastLine;

    public RunDisplay(PrintWriter out, List<Stage> stages, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
        this.count = stages.size();
        this.totalWeight = stages.stream().mapToDouble(Stage::weight).sum();
    }

    public void reused(Stage stage) {
        index++;
        doneWeight += stage.weight();
        out.printf(Locale.ROOT, "[%d/%d] %s: done before (config hash %s), reused%n", index, count, stage.id(), stage.hash().substring(0, 8));
        out.flush();
    }

    public StageProgress started(Stage stage, boolean continuing) {
        index++;
        current = stage;
        stageStart = clock.getAsLong();
        lastLine = stageStart;
        out.printf(Locale.ROOT, "[%d/%d] %s: %s%n", index, count, stage.id(), continuing ? "continuing where it was cut off" : "started");
        out.flush();
        return this::update;
    }

    public void finished(Stage stage) {
        long nanos = clock.getAsLong() - stageStart;
        measuredNanos += nanos;
        measuredWeight += stage.weight();
        doneWeight += stage.weight();
        current = null;
        out.printf(Locale.ROOT, "[%d/%d] %s: done in %s%n", index, count, stage.id(), format(Duration.ofNanos(nanos)));
        out.flush();
    }

    private void update(double fraction, String detail) {
        long now = clock.getAsLong();
        if (now - lastLine < INTERVAL_NANOS || current == null) {
            return;
        }
        lastLine = now;
        long elapsed = now - stageStart;
        double stageNanos = fraction > 0.001 ? elapsed * (1 - fraction) / fraction : Double.NaN;
        String stageEta = Double.isNaN(stageNanos) ? "?" : format(Duration.ofNanos((long) stageNanos));
        // Later stages: their estimated seconds, corrected by how the finished stages compared with theirs.
        double correction = measuredWeight > 0 ? measuredNanos / measuredWeight : 1e9;
        double later = Math.max(0, totalWeight - doneWeight - current.weight());
        String runEta = Double.isNaN(stageNanos) ? "?" : format(Duration.ofNanos((long) (stageNanos + correction * later)));
        out.printf(Locale.ROOT, "[%d/%d] %s: %s (%.0f%%), stage ETA %s, run ETA %s%n", index, count, current.id(), detail,
                100 * fraction, stageEta, runEta);
        out.flush();
    }

    static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
