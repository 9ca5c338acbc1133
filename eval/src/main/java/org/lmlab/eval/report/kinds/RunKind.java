package org.lmlab.eval.report.kinds;

import java.io.IOException;
import java.nio.file.Path;
import org.lmlab.eval.report.doc.Report;

/**
 * One kind of run directory a report can describe (pretraining, classification or instruction
 * fine-tuning, eval, experiment), recognised by the files it holds.
 */
public interface RunKind {

    /** The kind's name, as {@code report.json} records it. */
    String name();

    /** True if {@code dir} holds a run of this kind. */
    boolean matches(Path dir);

    /** The report of the run in {@code dir}. */
    Report report(Path dir) throws IOException;
}
