package org.lmlab.eval.report.kinds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;

/** A pretraining run ({@code TrainJob}): headline losses and tokens, the curves, provenance. */
final class PretrainReport implements RunKind {

    @Override
    public String name() {
        return "pretrain";
    }

    @Override
    public boolean matches(Path dir) {
        return TrainingRun.holds(dir);
    }

    @Override
    public Report report(Path dir) throws IOException {
        TrainingRun run = TrainingRun.read(dir);
        Headline headline = new Headline();
        run.headline(headline);
        Section provenance = new ProvenanceSection(dir).config(dir.resolve(TrainingRun.CONFIG))
                .fact("wall time", "not recorded (status.json and metrics.jsonl keep no times)").build();
        return new Report("Training run " + dir.getFileName(), name(),
                List.of(new Section("Headline", List.of(headline.table())), run.curves(""), provenance));
    }
}
