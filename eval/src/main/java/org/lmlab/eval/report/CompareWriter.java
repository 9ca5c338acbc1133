package org.lmlab.eval.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.eval.report.kinds.Comparison;

/**
 * {@code lmlab compare RUN_A RUN_B ... --out DIR}: writes {@code DIR/report.md|html|json}
 * comparing runs side by side, the first run being the baseline of the paired tests
 * ({@link Comparison} says what is in it). The library entry point the experiment runner calls.
 */
public final class CompareWriter {

    private CompareWriter() {
    }

    /** Compares the runs into {@code out}; returns the path of report.html. */
    public static Path compare(List<LabelledRun> runs, Path out) throws IOException {
        return ReportWriter.write(Comparison.report(runs, "Comparison"), out);
    }
}
