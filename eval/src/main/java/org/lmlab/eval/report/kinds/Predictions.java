package org.lmlab.eval.report.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.TableBuilder;
import org.lmlab.eval.stats.Bootstrap;
import org.lmlab.eval.stats.Interval;

/**
 * A classification fine-tune's test predictions ({@code predictions-test.jsonl}: id, text, gold,
 * predicted, probability per line), with accuracy, its bootstrap interval and the confusion matrix.
 */
record Predictions(Path file, List<String> ids, List<String> gold, List<String> predicted) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Predictions read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing predictions file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException malformed) {
                throw new IOException(file + ": line " + (i + 1) + ": not a JSON object");
            }
            for (String field : List.of("id", "gold", "predicted")) {
                if (!node.hasNonNull(field)) {
                    throw new IOException(file + ": line " + (i + 1) + ": field " + field + ": missing");
                }
            }
            ids.add(node.get("id").asText());
            gold.add(node.get("gold").asText());
            predicted.add(node.get("predicted").asText());
        }
        if (ids.isEmpty()) {
            throw new IOException(file + ": no predictions");
        }
        return new Predictions(file, ids, gold, predicted);
    }

    boolean[] correct() {
        boolean[] right = new boolean[ids.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = gold.get(i).equals(predicted.get(i));
        }
        return right;
    }

    double accuracy() {
        int right = 0;
        for (boolean r : correct()) {
            right += r ? 1 : 0;
        }
        return (double) right / ids.size();
    }

    Interval interval(long seed) {
        boolean[] right = correct();
        double[] values = new double[right.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = right[i] ? 1 : 0;
        }
        return Bootstrap.meanInterval(values, Bootstrap.DEFAULT_RESAMPLES, seed, 0.95);
    }

    /** Correctness by id. */
    Map<String, Boolean> byId() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        boolean[] right = correct();
        for (int i = 0; i < right.length; i++) {
            out.put(ids.get(i), right[i]);
        }
        return out;
    }

    /** Rows gold, columns predicted, over {@code labels} (labels not listed are added in order of appearance). */
    Block.Table confusion(String caption, List<String> labels) {
        List<String> all = new ArrayList<>(labels);
        for (int i = 0; i < ids.size(); i++) {
            if (!all.contains(gold.get(i))) {
                all.add(gold.get(i));
            }
            if (!all.contains(predicted.get(i))) {
                all.add(predicted.get(i));
            }
        }
        return confusion(caption, all, gold, predicted);
    }

    static Block.Table confusion(String caption, List<String> labels, List<String> gold, List<String> predicted) {
        long[][] counts = new long[labels.size()][labels.size()];
        for (int i = 0; i < gold.size(); i++) {
            int g = labels.indexOf(gold.get(i));
            int p = labels.indexOf(predicted.get(i));
            if (g >= 0 && p >= 0) {
                counts[g][p]++;
            }
        }
        List<String> columns = new ArrayList<>();
        columns.add("gold \\ predicted");
        columns.addAll(labels);
        TableBuilder table = new TableBuilder(caption, columns);
        for (int g = 0; g < labels.size(); g++) {
            List<Object> row = new ArrayList<>();
            row.add(labels.get(g));
            for (int p = 0; p < labels.size(); p++) {
                row.add(counts[g][p]);
            }
            table.row(row);
        }
        return table.build();
    }
}
