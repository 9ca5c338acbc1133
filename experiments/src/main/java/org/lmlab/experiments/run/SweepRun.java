package org.lmlab.experiments.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lmlab.experiments.file.Experiment;
import org.lmlab.experiments.file.SweepPoint;
import org.lmlab.training.TrainingInterruptedException;

/**
 * Runs an experiment's sweep: one folder for the whole sweep, {@code <runs_root>/<name>-<short
 * hash>/} holding the experiment file with its {@code sweep:} (so {@code lmlab run --resume}
 * reads it back), and each point as a full run under {@code points/<label>/}; then the sweep's
 * comparison report ({@link SweepReport}). An experiment without a sweep is one plain run.
 */
public final class SweepRun {

    private SweepRun() {
    }

    /** Runs every point (reusing and continuing their stages as a single run does); returns the sweep's folder. */
    public static Path run(ExperimentRunner runner, Experiment experiment, List<SweepPoint> points, RunFlags flags, PrintWriter out)
            throws IOException {
        if (points.size() == 1 && points.get(0).label().isEmpty()) {
            return runner.run(points.get(0).experiment(), flags, out);
        }
        Path folder = flags.resume().orElseGet(() -> StagedExperimentRunner.folderOf(experiment)).toAbsolutePath().normalize();
        Files.createDirectories(folder);
        StagedExperimentRunner.writeRecord(experiment, folder);
        out.println("sweep: " + folder + " (" + points.size() + " points)");
        List<SweepReport.Point> done = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            SweepPoint point = points.get(i);
            Path pointFolder = folder.resolve("points").resolve(folderName(point.label()));
            out.println("point " + (i + 1) + "/" + points.size() + ": " + point.label());
            out.flush();
            try {
                runner.run(point.experiment(), new RunFlags(flags.fresh(), Optional.of(pointFolder), flags.sets()), out);
            } catch (TrainingInterruptedException stopped) {
                throw stopped.inRun(folder);
            }
            done.add(new SweepReport.Point(point.label(), pointFolder));
        }
        Path report = SweepReport.write(experiment.report().title(), done, folder);
        out.println("sweep report: " + report + " (also report.md, report.json)");
        out.flush();
        return folder;
    }

    /** A point's folder name: its label with characters a file name should not hold replaced. */
    static String folderName(String label) {
        return label.replaceAll("[^A-Za-z0-9=,._-]", "_");
    }
}
