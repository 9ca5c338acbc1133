package org.lmlab.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.layers.config.ConfigOverrides;
import org.lmlab.layers.config.ConfigOverrides.Assignment;
import org.lmlab.layers.config.Json;

/**
 * Reads experiment files into their raw merged tree, before any injector exists (the file's
 * {@code plugins:} decide what the injector holds): the YAML, its {@code extends:} chain merged
 * under it (the extending file wins; cycles refused), then {@code --set path=value} edits.
 * Nothing is validated against records here; {@link ExperimentResolver} does that.
 */
public final class ExperimentFiles {

    /** The experiment file format this lmlab writes and reads. */
    public static final int FORMAT = 1;

    /** The file a run folder keeps its resolved experiment in ({@code lmlab run --resume RUN_DIR} reads it). */
    public static final String RUN_FILE = "experiment.yaml";

    private static final ObjectMapper YAML = Json.yaml();

    private ExperimentFiles() {
    }

    /**
     * The merged tree of {@code file} (its {@code extends:} chain resolved, the key removed) with
     * {@code sets} applied in order.
     *
     * @throws ExperimentFileException naming the file for a missing or cyclic {@code extends},
     *                                 a tree that is not a mapping, or a bad {@code --set}
     * @throws IOException             for a file that cannot be read or is not YAML (naming the file and line)
     */
    public static ObjectNode load(Path file, List<Assignment> sets) throws IOException {
        ObjectNode merged = loadChain(file, new ArrayList<>());
        try {
            return ConfigOverrides.apply(merged, sets);
        } catch (IllegalArgumentException badSet) {
            throw new ExperimentFileException(List.of(label(file) + ": " + badSet.getMessage()));
        }
    }

    /** {@link #load} with no edits. */
    public static ObjectNode load(Path file) throws IOException {
        return load(file, List.of());
    }

    private static ObjectNode loadChain(Path file, List<Path> chain) throws IOException {
        Path real = file.toAbsolutePath().normalize();
        if (chain.contains(real)) {
            List<String> names = new ArrayList<>();
            for (Path step : chain.subList(chain.indexOf(real), chain.size())) {
                names.add(step.getFileName().toString());
            }
            names.add(real.getFileName().toString());
            throw new ExperimentFileException(List.of(label(chain.get(chain.size() - 1)) + ": extends: a cycle: "
                    + String.join(" -> ", names)));
        }
        JsonNode tree = Json.readTree(YAML, real);
        if (!(tree instanceof ObjectNode object)) {
            throw new ExperimentFileException(List.of(label(real) + ": an experiment file is a mapping of sections"
                    + " (name:, models:, ...), got " + tree.getNodeType().toString().toLowerCase()));
        }
        chain.add(real);
        JsonNode parent = object.remove("extends");
        if (parent == null || parent.isNull()) {
            return object;
        }
        if (!parent.isTextual() || parent.asText().isBlank()) {
            throw new ExperimentFileException(List.of(label(real) + ": extends: must be a file name (relative to this file), got "
                    + parent));
        }
        Path base = real.resolveSibling(parent.asText()).normalize();
        if (!Files.isRegularFile(base)) {
            throw new ExperimentFileException(List.of(label(real) + ": extends: no such file " + parent.asText() + " (" + base + ")"));
        }
        ObjectNode baseTree = loadChain(base, chain);
        return (ObjectNode) TreeMerge.merge(baseTree, object);
    }

    /**
     * The plugin classes a merged tree names ({@code plugins: [CLASS, ...]}), read before the
     * injector is built.
     *
     * @throws ExperimentFileException if {@code plugins} is not a list of class names
     */
    public static List<String> plugins(JsonNode tree, Path file) {
        JsonNode plugins = tree.get("plugins");
        if (plugins == null || plugins.isNull()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (plugins.isArray()) {
            for (JsonNode plugin : plugins) {
                if (!plugin.isTextual() || plugin.asText().isBlank()) {
                    names = null;
                    break;
                }
                names.add(plugin.asText().strip());
            }
        } else {
            names = null;
        }
        if (names == null) {
            throw new ExperimentFileException(List.of(label(file) + ": plugins: must be a list of Guice module class names, got "
                    + plugins));
        }
        return List.copyOf(names);
    }

    /** The tree as YAML text, the way a run folder's {@value #RUN_FILE} holds it. */
    public static String yaml(JsonNode tree) {
        return new String(Json.bytes(YAML, tree), StandardCharsets.UTF_8);
    }

    /** The name an experiment file goes by in messages: its file name. */
    public static String label(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
