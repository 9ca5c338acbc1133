package org.lmlab.eval.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A training run's {@code metrics.jsonl} as curves: for each split ({@code train},
 * {@code val}, {@code train_eval}, {@code test}...) its (step, loss) points in file order,
 * and the learning rate of the training steps. A malformed line fails naming the file and line
 * (a last line cut off by a crash is ignored, as the metrics log itself does on resume).
 */
public record TrainingHistory(Map<String, List<double[]>> losses, List<double[]> learningRates,
        Map<String, Map<String, Double>> lastMetrics) {

    /** A point's step and value. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The history in {@code file}. */
    public static TrainingHistory read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, List<double[]>> losses = new TreeMap<>();
        Map<String, Map<String, Double>> last = new TreeMap<>();
        List<double[]> lr = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException malformed) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new IOException(file + ": line " + (i + 1) + ": not a JSON object");
            }
            JsonNode split = node.get("split");
            JsonNode step = node.get("step");
            JsonNode loss = node.get("loss");
            if (split == null || !split.isTextual() || step == null || !step.isNumber()) {
                throw new IOException(file + ": line " + (i + 1) + ": needs \"step\" and \"split\"");
            }
            double value = loss != null && loss.isNumber() ? loss.asDouble() : Double.NaN;
            losses.computeIfAbsent(split.asText(), s -> new ArrayList<>()).add(new double[] {step.asDouble(), value});
            Map<String, Double> metrics = new TreeMap<>();
            node.fields().forEachRemaining(field -> {
                if (field.getValue().isNumber() && !field.getKey().equals("step")) {
                    metrics.put(field.getKey(), field.getValue().asDouble());
                }
            });
            last.put(split.asText(), metrics);
            JsonNode rate = node.get("lr");
            if (split.asText().equals("train") && rate != null && rate.isNumber()) {
                lr.add(new double[] {step.asDouble(), rate.asDouble()});
            }
        }
        return new TrainingHistory(losses, lr, last);
    }

    /** The (step, loss) points of a split, empty if it has none. */
    public List<double[]> split(String name) {
        return losses.getOrDefault(name, List.of());
    }

    /** The last point of a split, or null. */
    public double[] last(String name) {
        List<double[]> points = split(name);
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** The point of a split with the lowest loss (the first of equals), or null. */
    public double[] best(String name) {
        double[] best = null;
        for (double[] point : split(name)) {
            if (!Double.isNaN(point[1]) && (best == null || point[1] < best[1])) {
                best = point;
            }
        }
        return best;
    }
}
