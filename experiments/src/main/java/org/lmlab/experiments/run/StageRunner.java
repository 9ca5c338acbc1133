package org.lmlab.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs an experiment's stages in order, each in its own folder: a stage whose {@link StageRecord}
 * holds its config hash is reused (unless {@code fresh}); a folder with no record holds a stage
 * that was cut off, which continues when its work can resume (training) and is otherwise
 * cleared and redone; a record with another hash means the stage's config changed, so the
 * folder is cleared and the stage redone.
 */
public final class StageRunner {

    private final RunDisplay display;
    private final boolean fresh;

    public StageRunner(RunDisplay display, boolean fresh) {
        this.display = display;
        this.fresh = fresh;
    }

    public void run(List<Stage> stages) throws IOException {
        for (Stage stage : stages) {
            Optional<StageRecord> record = StageRecord.read(stage.folder());
            if (!fresh && record.isPresent() && record.get().completes(stage.hash())) {
                display.reused(stage);
                continue;
            }
            boolean continuing = false;
            if (Files.exists(stage.folder())) {
                if (fresh || record.isPresent()) {
                    clear(stage.folder());
                } else {
                    continuing = true;
                }
            }
            StageProgress progress = display.started(stage, continuing);
            stage.work().run(stage.folder(), continuing, progress);
            Files.createDirectories(stage.folder());
            new StageRecord(stage.id(), stage.hash(), StageRecord.COMPLETE).write(stage.folder());
            display.finished(stage);
        }
    }

    static void clear(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
