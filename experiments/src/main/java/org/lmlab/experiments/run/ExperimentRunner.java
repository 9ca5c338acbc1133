package org.lmlab.experiments.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.lmlab.experiments.file.Experiment;

/**
 * Executes a resolved {@link Experiment}: its stages (tokenizer, pretraining, fine-tuning,
 * evaluation, report) into a run folder under the experiment's runs root. {@code lmlab run FILE}
 * calls it once the file has been loaded, resolved and validated, so nothing here needs to
 * re-check the file.
 */
public interface ExperimentRunner {

    /**
     * Runs the experiment, printing its progress to {@code out}, and returns its run folder.
     *
     * @throws IOException if a stage cannot read or write its files
     */
    Path run(Experiment experiment, RunFlags flags, PrintWriter out) throws IOException;
}
