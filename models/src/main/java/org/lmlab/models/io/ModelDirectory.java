package org.lmlab.models.io;

import ai.djl.ndarray.NDManager;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.hf.HfArchitecture;
import org.lmlab.models.hf.HfConfig;
import org.lmlab.models.hf.HfConfigs;
import org.lmlab.models.hf.HfTensors;
import org.lmlab.models.hf.TensorRule;
import org.lmlab.models.hf.UnrepresentableModelException;
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
 * Face cannot express. {@link #save} picks the Hugging Face layout whenever a registered family
 * can express the model; {@link #saveHuggingFace} insists on it and {@link #saveLmlab} on lmlab's.
 * Hugging Face export never drops a parameter: every exported tensor must be written by a
 * {@link TensorRule}. The weights file is written before the config, so a directory with a
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

    /**
     * The tensors of a directory's weights under lmlab's parameter names, without building a
     * model: Hugging Face names mapped back (and Conv1D matrices transposed back, q/k/v stacked
     * again) by the rules of the directory's own config, exactly as {@link #load} reads them. A
     * run's final checkpoint that keeps its weights in {@code model/} resumes from these.
     */
    public Map<String, HostTensor> readTensors(Path directory) throws IOException {
        return read(directory).tensors();
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

    /** Which files a saved directory holds. */
    public enum Layout {
        /** {@code config.json} + {@code model.safetensors} with a Hugging Face family's tensor names. */
        HUGGING_FACE,
        /** {@code lmlab-model.json} + {@code model.safetensors} with lmlab's parameter names. */
        LMLAB
    }

    /**
     * Saves a model; in Hugging Face layout when a registered family can express it, else in
     * lmlab's.
     *
     * @throws IllegalArgumentException if a family accepts the model but its rules do not cover
     *     every parameter (a bug in the family, never a silent loss of weights)
     */
    public Layout save(LanguageModel model, Path directory) throws IOException {
        for (HfArchitecture<?> architecture : architectures.values()) {
            HfConfig hf;
            try {
                hf = architecture.fromModelConfig(model.config());
            } catch (UnrepresentableModelException notThisFamily) {
                continue;
            }
            writeHuggingFace(architecture, hf, model, directory);
            return Layout.HUGGING_FACE;
        }
        saveLmlab(model, directory);
        return Layout.LMLAB;
    }

    /**
     * Saves a model in Hugging Face layout, or refuses.
     *
     * @throws IllegalArgumentException if no registered family can express the model (naming,
     *     for the closest family, every component it cannot express), or if the family's rules
     *     leave a parameter unwritten (naming the parameter)
     */
    public void saveHuggingFace(LanguageModel model, Path directory) throws IOException {
        UnrepresentableModelException closest = null;
        for (HfArchitecture<?> architecture : architectures.values()) {
            HfConfig hf;
            try {
                hf = architecture.fromModelConfig(model.config());
            } catch (UnrepresentableModelException refused) {
                if (closest == null || refused.problems().size() < closest.problems().size()) {
                    closest = refused;
                }
                continue;
            }
            writeHuggingFace(architecture, hf, model, directory);
            return;
        }
        if (closest == null) {
            throw new IllegalArgumentException("model '" + model.config().name()
                    + "' cannot be written in Hugging Face layout: no family is registered");
        }
        throw closest;
    }

    /** Saves a model in lmlab's own layout, whatever it is. */
    public void saveLmlab(LanguageModel model, Path directory) throws IOException {
        Files.createDirectories(directory);
        SafetensorsWriter.write(directory.resolve(WEIGHTS), ModelWeights.export(model), Map.of("format", "lmlab"));
        Files.deleteIfExists(directory.resolve(HF_CONFIG));
        configFiles.write(directory.resolve(LMLAB_CONFIG), model.config());
    }

    private void writeHuggingFace(HfArchitecture<?> architecture, HfConfig hf, LanguageModel model, Path directory)
            throws IOException {
        List<HostTensor> tensors = toHf(architecture, hf.modelType(), model.config(), ModelWeights.export(model));
        Files.createDirectories(directory);
        SafetensorsWriter.write(directory.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
        Files.deleteIfExists(directory.resolve(LMLAB_CONFIG));
        HfConfigs.write(directory.resolve(HF_CONFIG), hf);
    }

    private LanguageModel withWeights(ModelConfig config, Map<String, HostTensor> tensors, String source, NDManager manager) {
        LanguageModel model = models.build(config);
        ModelWeights.initializeFrom(model, tensors, source, manager);
        return model;
    }

    private ModelConfig hfConfig(HfConfig hf, Path directory, SafetensorsFile weights) {
        HfArchitecture<?> architecture = architectureOf(hf, directory);
        HfTensors stored = new HfTensors(weights, architecture);
        return toModelConfig(architecture, hf, directory.toAbsolutePath().normalize().getFileName().toString(), stored::has);
    }

    private static <C extends HfConfig> ModelConfig toModelConfig(HfArchitecture<C> architecture, HfConfig hf, String name,
            Predicate<String> stored) {
        return architecture.toModelConfig(architecture.configType().cast(hf), name, stored);
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

    /**
     * The model's tensors under the family's names. Every exported parameter must be written by
     * exactly one rule and every rule must name a parameter; anything else is refused, naming
     * the parameters, before a file is touched.
     */
    private static List<HostTensor> toHf(HfArchitecture<?> architecture, String modelType, ModelConfig config,
            List<HostTensor> tensors) {
        Map<String, HostTensor> byName = new LinkedHashMap<>();
        tensors.forEach(tensor -> byName.put(tensor.name(), tensor));
        Set<String> unwritten = new LinkedHashSet<>(byName.keySet());
        List<String> unknown = new ArrayList<>();
        List<TensorRule> rules = architecture.rules(config);
        for (TensorRule rule : rules) {
            if (!byName.containsKey(rule.lmlab())) {
                unknown.add(rule.lmlab());
            } else if (!unwritten.remove(rule.lmlab())) {
                unknown.add(rule.lmlab() + " (written twice)");
            }
        }
        if (!unwritten.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException("cannot write model '" + config.name() + "' as Hugging Face " + modelType + ": "
                    + (unwritten.isEmpty() ? "" : "no tensor rule writes parameter" + (unwritten.size() > 1 ? "s " : " ")
                            + String.join(", ", unwritten))
                    + (!unwritten.isEmpty() && !unknown.isEmpty() ? "; " : "")
                    + (unknown.isEmpty() ? "" : "rules name no such parameter: " + String.join(", ", unknown)));
        }
        List<HostTensor> result = new ArrayList<>();
        for (TensorRule rule : rules) {
            for (HostTensor part : rule.toHf(byName.get(rule.lmlab()))) {
                result.add(new HostTensor(architecture.storedName(config, part.name()), part.shape(), part.data()));
            }
        }
        return result;
    }
}
