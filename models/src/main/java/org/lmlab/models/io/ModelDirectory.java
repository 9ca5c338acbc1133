package org.lmlab.models.io;

import ai.djl.ndarray.NDManager;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.hf.HfArchitecture;
import org.lmlab.models.hf.HfConfig;
import org.lmlab.models.hf.HfConfigs;
import org.lmlab.models.hf.TensorRule;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsFile;
import org.lmlab.models.safetensors.SafetensorsWriter;
import org.lmlab.models.weights.LoadPolicy;
import org.lmlab.models.weights.LoadReport;
import org.lmlab.models.weights.ModelWeights;

/**
 * Loads and saves a model directory. Two layouts: Hugging Face's ({@code config.json} +
 * {@code model.safetensors} with the family's tensor names, for GPT-2 and BERT) and lmlab's own
 * ({@code lmlab-model.json} + {@code model.safetensors} with lmlab's names) for models Hugging
 * Face cannot express. Saving picks the Hugging Face layout whenever a registered family can
 * express the model. The weights file is written before the config, so a directory with a
 * config is complete.
 */
public final class ModelDirectory {

    /** Hugging Face's config file. */
    public static final String HF_CONFIG = "config.json";

    /** lmlab's config file. */
    public static final String LMLAB_CONFIG = "lmlab-model.json";

    /** The weights file of both layouts. */
    public static final String WEIGHTS = "model.safetensors";

    private final Models models;
    private final Map<String, HfArchitecture<?>> architectures;
    private final ModelConfigJson configFiles;

    @Inject
    public ModelDirectory(Models models, Map<String, HfArchitecture<?>> architectures, ModelConfigJson configFiles) {
        this.models = models;
        this.architectures = new TreeMap<>(architectures);
        this.configFiles = configFiles;
    }

    /** The built-in families only, without a surrounding injector (tools, tests). */
    public static ModelDirectory standard() {
        return com.google.inject.Guice.createInjector(new org.lmlab.models.ModelsModule()).getInstance(ModelDirectory.class);
    }

    /** The config a directory describes, without loading weights. */
    public ModelConfig readConfig(Path directory) throws IOException {
        if (Files.isRegularFile(directory.resolve(LMLAB_CONFIG))) {
            return configFiles.read(directory.resolve(LMLAB_CONFIG));
        }
        HfConfig hf = readHfConfig(directory);
        try (SafetensorsFile weights = SafetensorsFile.open(weightsOf(directory))) {
            return hfConfig(hf, directory, weights);
        }
    }

    /** The model in a directory, with its weights, its parameters allocated in {@code manager}. Strict. */
    public LanguageModel load(Path directory, NDManager manager) throws IOException {
        Contents contents = read(directory);
        LanguageModel model = models.build(contents.config());
        ModelWeights.initializeFrom(model, contents.tensors(), contents.source(), manager);
        return model;
    }

    /**
     * Builds a model from {@code config} (the directory's own, or an edited copy: another head, a
     * longer context) and loads the directory's tensors into it as far as {@code policy}
     * accepts. Hugging Face names are mapped to lmlab's first, by the rules of the directory's
     * own config, so the report speaks lmlab's names. Parameters left without a tensor get their
     * normal random initialization from the engine's random generator: seed it first
     * ({@code Engine.setRandomSeed}) for repeatable values.
     *
     * @throws IllegalArgumentException if the policy refuses the match, naming what it refuses
     */
    public LoadedModel load(Path directory, ModelConfig config, LoadPolicy policy, NDManager manager) throws IOException {
        Contents contents = read(directory);
        LanguageModel model = models.build(config);
        LoadReport report = ModelWeights.initializeFrom(model, contents.tensors(), contents.source(), manager, policy);
        return new LoadedModel(model, report);
    }

    /** A directory's config and its tensors under lmlab's names. */
    private record Contents(ModelConfig config, Map<String, HostTensor> tensors, String source) {
    }

    private Contents read(Path directory) throws IOException {
        if (Files.isRegularFile(directory.resolve(LMLAB_CONFIG))) {
            ModelConfig config = configFiles.read(directory.resolve(LMLAB_CONFIG));
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            try (SafetensorsFile weights = SafetensorsFile.open(weightsOf(directory))) {
                for (String name : weights.names()) {
                    tensors.put(name, weights.tensor(name));
                }
                return new Contents(config, tensors, weights.path().toString());
            }
        }
        HfConfig hf = readHfConfig(directory);
        HfArchitecture<?> architecture = architectureOf(hf, directory);
        try (SafetensorsFile weights = SafetensorsFile.open(weightsOf(directory))) {
            ModelConfig config = hfConfig(hf, directory, weights);
            return new Contents(config, HfWeightReader.read(architecture, config, weights), weights.path().toString());
        }
    }

    /** Saves a model; in Hugging Face layout when a registered family can express it, else in lmlab's. */
    public void save(LanguageModel model, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<HostTensor> tensors = ModelWeights.export(model);
        ModelConfig config = model.config();
        for (HfArchitecture<?> architecture : architectures.values()) {
            HfConfig hf;
            try {
                hf = architecture.fromModelConfig(config);
            } catch (IllegalArgumentException notThisFamily) {
                continue;
            }
            SafetensorsWriter.write(directory.resolve(WEIGHTS), toHf(architecture, config, tensors), Map.of("format", "pt"));
            Files.deleteIfExists(directory.resolve(LMLAB_CONFIG));
            HfConfigs.write(directory.resolve(HF_CONFIG), hf);
            return;
        }
        SafetensorsWriter.write(directory.resolve(WEIGHTS), tensors, Map.of("format", "lmlab"));
        Files.deleteIfExists(directory.resolve(HF_CONFIG));
        configFiles.write(directory.resolve(LMLAB_CONFIG), config);
    }

    private ModelConfig hfConfig(HfConfig hf, Path directory, SafetensorsFile weights) {
        HfArchitecture<?> architecture = architectureOf(hf, directory);
        String pooler = architecture.poolerTensor();
        boolean hasPooler = pooler != null
                && (weights.contains(pooler) || weights.contains(architecture.optionalPrefix() + pooler));
        return toModelConfig(architecture, hf, directory.toAbsolutePath().normalize().getFileName().toString(), hasPooler);
    }

    private static <C extends HfConfig> ModelConfig toModelConfig(HfArchitecture<C> architecture, HfConfig hf, String name, boolean hasPooler) {
        return architecture.toModelConfig(architecture.configType().cast(hf), name, hasPooler);
    }

    private HfArchitecture<?> architectureOf(HfConfig hf, Path directory) {
        HfArchitecture<?> architecture = architectures.get(hf.modelType());
        if (architecture == null) {
            throw new IllegalArgumentException(directory.resolve(HF_CONFIG) + ": model_type '" + hf.modelType()
                    + "' has no weight mapping; known: " + String.join(", ", architectures.keySet()));
        }
        return architecture;
    }

    private static HfConfig readHfConfig(Path directory) throws IOException {
        Path config = directory.resolve(HF_CONFIG);
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "not a model directory");
        }
        if (!Files.isRegularFile(config)) {
            throw new NoSuchFileException(config.toString(), null, "a model directory needs " + HF_CONFIG + " or " + LMLAB_CONFIG);
        }
        return HfConfigs.read(config);
    }

    private static Path weightsOf(Path directory) throws NoSuchFileException {
        Path weights = directory.resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new NoSuchFileException(weights.toString(), null, "the model's weights are missing");
        }
        return weights;
    }

    private static List<HostTensor> toHf(HfArchitecture<?> architecture, ModelConfig config, List<HostTensor> tensors) {
        Map<String, HostTensor> byName = new HashMap<>();
        tensors.forEach(tensor -> byName.put(tensor.name(), tensor));
        List<HostTensor> result = new ArrayList<>();
        for (TensorRule rule : architecture.rules(config)) {
            for (HostTensor part : rule.toHf(byName.get(rule.lmlab()))) {
                result.add(new HostTensor(architecture.storedName(part.name()), part.shape(), part.data()));
            }
        }
        return result;
    }
}
