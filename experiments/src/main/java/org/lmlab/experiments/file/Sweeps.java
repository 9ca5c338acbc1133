package org.lmlab.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.lmlab.layers.config.ConfigOverrides;
import org.lmlab.layers.config.ConfigOverrides.Assignment;

/**
 * Expands an experiment's {@code sweep:} (paths of the resolved tree, each with a list of
 * values) into its grid of points, the first path varying slowest. Each point is the resolved
 * tree with its values set (an object value replaces the node, and a model's tree is still
 * merged onto its preset, so {@code {type: grouped-query, kv_heads: 2}} is enough for an
 * attention variant) and resolved again, so every point is validated before anything runs and
 * all points' errors are reported together.
 */
public final class Sweeps {

    private final ExperimentResolver resolver;

    @Inject
    public Sweeps(ExperimentResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * The points of the sweep in {@code resolved} (one point, labelled "", with no assignments,
     * when it has none).
     *
     * @param file the experiment file, for messages
     * @throws ExperimentFileException naming a path the resolved tree does not have, or every
     *                                 error of every point
     */
    public List<SweepPoint> expand(JsonNode resolved, Path file) {
        String source = ExperimentFiles.label(file);
        ObjectNode base = ((ObjectNode) resolved).deepCopy();
        JsonNode sweep = base.get("sweep");
        base.set("sweep", NullNode.getInstance());
        if (sweep == null || sweep.isNull() || sweep.isEmpty()) {
            return List.of(point("", List.of(), base, file));
        }
        List<String> paths = new ArrayList<>();
        List<List<JsonNode>> values = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = sweep.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!exists(base, field.getKey())) {
                errors.add(source + ": sweep." + field.getKey() + ": no such path in the resolved experiment (see lmlab run --check"
                        + " --print-config)");
            }
            if (!field.getValue().isArray() || field.getValue().isEmpty()) {
                errors.add(source + ": sweep." + field.getKey() + ": must be a non-empty list of values");
                continue;
            }
            paths.add(field.getKey());
            List<JsonNode> list = new ArrayList<>();
            field.getValue().forEach(list::add);
            values.add(list);
        }
        if (!errors.isEmpty()) {
            throw new ExperimentFileException(errors);
        }
        List<String> keys = labelKeys(paths);
        List<SweepPoint> points = new ArrayList<>();
        int[] index = new int[paths.size()];
        while (true) {
            List<Assignment> assignments = new ArrayList<>();
            List<String> label = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                JsonNode value = values.get(i).get(index[i]);
                assignments.add(new Assignment(paths.get(i), value, paths.get(i) + "=" + value));
                label.add(keys.get(i) + "=" + labelValue(value));
            }
            String name = String.join(",", label);
            try {
                points.add(point(name, assignments, ConfigOverrides.apply(base, assignments), file));
            } catch (ExperimentFileException invalid) {
                invalid.errors().forEach(line -> errors.add(line.startsWith(source + ": ")
                        ? source + ": sweep point " + name + ": " + line.substring(source.length() + 2) : line));
            }
            int digit = paths.size() - 1;
            while (digit >= 0 && ++index[digit] == values.get(digit).size()) {
                index[digit--] = 0;
            }
            if (digit < 0) {
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new ExperimentFileException(errors);
        }
        return points;
    }

    private SweepPoint point(String label, List<Assignment> assignments, ObjectNode tree, Path file) {
        Experiment experiment = resolver.resolve(tree, file);
        return new SweepPoint(label, assignments, experiment.resolved(), experiment);
    }

    private static boolean exists(JsonNode tree, String path) {
        JsonNode node = tree;
        for (String key : path.split("\\.")) {
            if (node.isArray() && key.matches("\\d+")) {
                node = node.get(Integer.parseInt(key));
            } else {
                node = node.isObject() ? node.get(key) : null;
            }
            if (node == null) {
                return false;
            }
        }
        return true;
    }

    /** The label key of each path: its last segment ({@code type} names its parent), the whole path where two collide. */
    private static List<String> labelKeys(List<String> paths) {
        List<String> keys = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (String path : paths) {
            String[] segments = path.split("\\.");
            String key = segments[segments.length - 1];
            if (key.equals("type") && segments.length > 1) {
                key = segments[segments.length - 2];
            }
            keys.add(key);
            counts.merge(key, 1, Integer::sum);
        }
        for (int i = 0; i < keys.size(); i++) {
            if (counts.get(keys.get(i)) > 1) {
                keys.set(i, paths.get(i));
            }
        }
        return keys;
    }

    private static String labelValue(JsonNode value) {
        if (value.isObject() && value.get("type") != null && value.get("type").isTextual()) {
            return value.get("type").asText();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
