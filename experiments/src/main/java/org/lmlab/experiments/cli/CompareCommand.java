package org.lmlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lmlab.eval.report.CompareWriter;
import org.lmlab.eval.report.LabelledRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lmlab compare RUN_A RUN_B ... --out DIR}: runs side by side with paired tests against the first. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare runs side by side into DIR/report.md, report.html and report.json: each task's metrics per run"
                + " with 95%% intervals and p-values against the first run (McNemar for accuracy, paired bootstrap and"
                + " signed-rank otherwise; items paired by id), loss curves overlaid, config differences path by path."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RUN", arity = "2..*", description = "Run directories; the first is the baseline.")
    private List<Path> runs;

    @Option(names = "--label", paramLabel = "NAME", description = "A label per run, in order (default: each directory's name).")
    private List<String> labels = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the comparison report goes.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (!labels.isEmpty() && labels.size() != runs.size()) {
            throw new IllegalArgumentException("--label: " + labels.size() + " labels for " + runs.size() + " runs; give one per run or none");
        }
        List<LabelledRun> labelled = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Path dir = runs.get(i);
            String label = labels.isEmpty() ? String.valueOf(dir.toAbsolutePath().normalize().getFileName()) : labels.get(i);
            labelled.add(new LabelledRun(label, dir));
        }
        Path html = CompareWriter.compare(labelled, out);
        spec.commandLine().getOut().println("comparison: " + html + " (and report.md, report.json)");
        return 0;
    }
}
