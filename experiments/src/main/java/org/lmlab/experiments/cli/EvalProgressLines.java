package org.lmlab.experiments.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.lmlab.eval.task.EvalProgress;

/**
 * {@code lmlab eval}'s progress: plain lines such as
 * {@code eval blimp: 1200/6700 pairs, 45.1/s, ETA 2m01s}, at most one per task every
 * {@link #INTERVAL_NANOS} (its first and last report always print; a report of 0 items starts its clock).
 */
final class EvalProgressLines implements EvalProgress {

    /** The least time between two lines of one task. */
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final Map<String, String> units;
    private final Map<String, Long> started = new HashMap<>();
    private final Map<String, Long> printed = new HashMap<>();

    /** Prints to {@code out}; {@code units} names what a task's items are ({@code pairs}), else {@code items}. */
    EvalProgressLines(PrintWriter out, Map<String, String> units) {
        this.out = out;
        this.units = Map.copyOf(units);
    }

    @Override
    public void onItems(String task, long done, long total) {
        long now = System.nanoTime();
        if (done == 0) {
            started.put(task, now);
            return;
        }
        long start = started.computeIfAbsent(task, t -> now);
        Long last = printed.get(task);
        if (last != null && done < total && now - last < INTERVAL_NANOS) {
            return;
        }
        printed.put(task, now);
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = now == start ? Double.NaN : done / seconds;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "eval %s: %d/%d %s", task, done, total,
                units.getOrDefault(task, "items")));
        if (!Double.isNaN(rate)) {
            line.append(String.format(Locale.ROOT, ", %.1f/s", rate));
            if (done < total && rate > 0) {
                line.append(", ETA ").append(duration((total - done) / rate));
            }
        }
        out.println(line);
        out.flush();
    }

    /** {@code 2m01s}, {@code 1h05m}, {@code 7s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
