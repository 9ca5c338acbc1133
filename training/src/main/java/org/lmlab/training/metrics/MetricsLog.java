package org.lmlab.training.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lmlab.training.EvalHistory;
import org.lmlab.training.EvalReport;
import org.lmlab.training.StepReport;
import org.lmlab.training.TrainerListener;

/**
 * Writes {@code metrics.jsonl}: one JSON object per line, flushed as it is written, so a crashed
 * or running job can be plotted at any time. Training steps give
 * {@code {"step","split":"train","loss","lr","grad_norm","tokens_per_s","epoch"}} (the step's
 * batch, dropout on), evaluations {@code {"step","split":"val","loss","targets"}} and
 * {@code {"step","split":"train_eval","loss","targets"}} (training batches measured like the
 * validation set). On resume the lines after the checkpoint's step are
 * dropped first, so the file never holds two histories.
 */
public final class MetricsLog implements TrainerListener, AutoCloseable {

    /** The file name inside a run directory. */
    public static final String FILE = "metrics.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final BufferedWriter writer;
    private final EvalHistory history;

    private MetricsLog(Path path, BufferedWriter writer, EvalHistory history) {
        this.path = path;
        this.writer = writer;
        this.history = history;
    }

    /** A new log, replacing any file at {@code path}. */
    public static MetricsLog create(Path path) throws IOException {
        return new MetricsLog(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), EvalHistory.NONE);
    }

    /**
     * Continues the log at {@code path} after step {@code step}: lines of later steps (written
     * before an interruption) are removed, as is a last line cut off mid-write.
     */
    public static MetricsLog resume(Path path, long step) throws IOException {
        List<String> kept = new ArrayList<>();
        if (Files.exists(path)) {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                JsonNode node = parse(line);
                if (node != null && node.path("step").asLong(Long.MAX_VALUE) <= step) {
                    kept.add(line);
                }
            }
        }
        Files.write(path, kept, StandardCharsets.UTF_8);
        return new MetricsLog(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND),
                history(kept));
    }

    /** The evaluations a log file records (nothing if it does not exist), without changing it. */
    public static EvalHistory read(Path path) throws IOException {
        return Files.exists(path) ? history(Files.readAllLines(path, StandardCharsets.UTF_8)) : EvalHistory.NONE;
    }

    /** The evaluations in these lines: each {@code val} line with the {@code train_eval} line of its step. */
    private static EvalHistory history(List<String> lines) {
        EvalHistory history = EvalHistory.NONE;
        long valStep = -1;
        double valLoss = Double.NaN;
        for (String line : lines) {
            JsonNode node = parse(line);
            if (node == null) {
                continue;
            }
            String split = node.path("split").asText();
            if (split.equals("val")) {
                valStep = node.path("step").asLong();
                valLoss = node.path("loss").asDouble(Double.NaN);
            } else if (split.equals("train_eval") && node.path("step").asLong() == valStep) {
                history = history.with(valStep, valLoss, node.path("loss").asDouble(Double.NaN));
            }
        }
        return history;
    }

    /** The evaluations the log held when it was opened (for a resumed run, those before its checkpoint). */
    public EvalHistory history() {
        return history;
    }

    private static JsonNode parse(String line) {
        try {
            return line.isBlank() ? null : JSON.readTree(line);
        } catch (IOException partial) {
            return null;
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void onStep(StepReport report) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", report.step());
        line.put("split", "train");
        line.put("loss", report.loss());
        line.put("lr", report.lr());
        line.put("grad_norm", report.gradientNorm());
        line.put("tokens_per_s", Math.round(report.tokensPerSecond() * 10) / 10.0);
        line.put("epoch", report.epoch());
        report.metrics().forEach(line::put);
        write(line);
    }

    @Override
    public void onEvaluation(EvalReport report) {
        write(evaluation(report.step(), "val", report.loss(), report.targets(), report.metrics()));
        write(evaluation(report.step(), "train_eval", report.trainLoss(), report.trainTargets(), report.trainMetrics()));
    }

    /**
     * Appends one evaluation line of another split to the log at {@code path}, in the shape of
     * the validation lines: {@code {"step","split","loss","targets", metrics...}} (a test split
     * measured after training, say).
     */
    public static void appendEvaluation(Path path, long step, String split, double loss, long targets,
            Map<String, Double> metrics) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            out.write(JSON.writeValueAsString(evaluation(step, split, loss, targets, metrics)));
            out.newLine();
        }
    }

    private static ObjectNode evaluation(long step, String split, double loss, long targets, Map<String, Double> metrics) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        line.put("split", split);
        line.put("loss", loss);
        line.put("targets", targets);
        metrics.forEach(line::put);
        return line;
    }

    private void write(ObjectNode line) {
        try {
            writer.write(JSON.writeValueAsString(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + path, e);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
