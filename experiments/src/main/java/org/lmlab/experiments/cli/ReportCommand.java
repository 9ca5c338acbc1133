package org.lmlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lmlab.eval.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lmlab report RUN_DIR}: (re)writes a run's report.md, report.html and report.json. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write RUN_DIR/report.md, report.html (self-contained) and report.json for a training, fine-tuning,"
                + " eval or experiment run: headline numbers with 95%% intervals, per-task tables, plots, provenance.",
            "Only report.* and report-plots/ are written; the same run gives the same bytes again."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory (or an experiment folder).")
    private Path run;

    @Override
    public Integer call() throws IOException {
        Path html = ReportWriter.write(run);
        spec.commandLine().getOut().println("report: " + html + " (and report.md, report.json)");
        return 0;
    }
}
