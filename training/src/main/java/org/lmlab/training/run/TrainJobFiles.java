package org.lmlab.training.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.lmlab.layers.config.ConfigMapper;
import org.lmlab.layers.config.FileFormat;
import org.lmlab.layers.config.Json;
import org.lmlab.models.io.ModelConfigJson;
import org.lmlab.models.safetensors.AtomicFiles;

/**
 * Reads and writes a run's {@code train.json}. Format 2 names the data source and the model
 * edits; format-1 files (a corpus path with its SHA-256, every attention knob on every
 * variant) are upgraded on reading, so runs started before keep resuming exactly.
 */
public final class TrainJobFiles {

    /** Format 2: data sources, model sources and edits, per-variant component records. */
    public static final FileFormat FORMAT = new FileFormat("train.json", 2, Map.of(1, TrainJobFiles::upgradeFrom1));

    private final ConfigMapper mapper;

    @Inject
    public TrainJobFiles(ConfigMapper mapper) {
        this.mapper = mapper;
    }

    /** The run config in a file (any readable format). */
    public TrainJobConfig read(Path file) throws IOException {
        JsonNode tree = Json.readTree(mapper.json(), file);
        try {
            return mapper.bind(FORMAT.upgrade(tree, file.toString()), TrainJobConfig.class, file.toString());
        } catch (IllegalArgumentException invalid) {
            throw new IOException(invalid.getMessage(), invalid);
        }
    }

    /** Writes the run config atomically in the current format. */
    public void write(Path file, TrainJobConfig config) throws IOException {
        AtomicFiles.write(file, Json.bytes(mapper.json(), FORMAT.stamp(mapper.tree(config))));
    }

    /** The tree of a run config, as {@code --set} edits it (without the format key). */
    public ObjectNode tree(TrainJobConfig config) {
        return mapper.tree(config);
    }

    /** A run config from an edited tree, validated like a file; errors name {@code source} and the path. */
    public TrainJobConfig bind(JsonNode tree, String source) {
        return mapper.bind(tree, TrainJobConfig.class, source);
    }

    /** A format-1 {@code train.json} tree in format 2. */
    static ObjectNode upgradeFrom1(ObjectNode old) {
        ObjectNode tree = old.objectNode();
        tree.set("model_source", old.get("model"));
        JsonNode model = old.get("model_config");
        tree.set("model", model instanceof ObjectNode object ? ModelConfigJson.upgradeFrom1(object) : model);
        tree.putArray("edits");
        tree.set("tokenizer", old.get("tokenizer"));
        ObjectNode data = tree.putObject("data");
        data.put("type", "corpus");
        data.set("path", old.get("data"));
        data.set("validation_fraction", old.get("validation_fraction"));
        data.set("stride", old.get("stride"));
        tree.set("data_fingerprint", old.get("data_sha256"));
        tree.set("context", old.get("context"));
        JsonNode objective = old.get("objective");
        if (objective instanceof ObjectNode objectiveObject && "causal-lm".equals(objectiveObject.path("type").asText())) {
            objectiveObject.remove("masking");
        }
        tree.set("objective", objective);
        tree.set("train", old.get("train"));
        return tree;
    }
}
