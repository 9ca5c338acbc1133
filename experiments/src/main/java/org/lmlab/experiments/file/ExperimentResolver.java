package org.lmlab.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.eval.task.Tasks;
import org.lmlab.experiments.Plugins;
import org.lmlab.finetune.classify.LabelledDataConfig;
import org.lmlab.finetune.classify.TrainPolicy;
import org.lmlab.layers.config.ConfigMapper;
import org.lmlab.layers.config.ConfigOverrides.Assignment;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.preset.Presets;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.tokenizers.bpe.BpeTrainer;
import org.lmlab.tokenizers.bpe.ByteLevelBpeTokenizer;
import org.lmlab.training.Objectives;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.data.DataSourceConfig;
import org.lmlab.training.data.DataSources;
import org.lmlab.training.model.ModelSources;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.objective.ObjectiveConfig;

/**
 * Turns an experiment file's merged tree ({@link ExperimentFiles#load}) into an
 * {@link Experiment}: presets expanded into full model trees, every omitted field filled from
 * the registered defaults (objectives, data sources, tasks) or {@link ExperimentDefaults}, each
 * section bound to the project's own config records through the injector's {@link ConfigMapper}
 * (so plugin components validate like built-ins), and checks no single record can make: files
 * exist and are not empty, each model fits its objective, the tokenizer has the special tokens
 * an objective needs, contexts fit the models. Every error of the file is collected and thrown
 * at once ({@link ExperimentFileException}). The resolved tree is itself a valid experiment
 * file: resolving it again gives the same experiment and hash.
 */
public final class ExperimentResolver {

    private static final Set<String> SECTIONS = new java.util.LinkedHashSet<>(List.of("format", "name", "seed", "runs_root",
            "plugins", "tokenizer", "models", "pretrain", "finetune", "eval", "report", "sweep"));
    private static final String NAME_PATTERN = "[a-z0-9-]+";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ConfigMapper mapper;
    private final Objectives objectives;
    private final DataSources dataSources;
    private final Tasks tasks;
    private final Models models;
    private final Tokenizers tokenizers;
    private final ModelSources modelSources;
    /** The file being resolved (relative paths start beside it); the resolver is not shared between threads. */
    private Path experimentFile = Path.of(".");

    @Inject
    public ExperimentResolver(ConfigMapper mapper, Objectives objectives, DataSources dataSources, Tasks tasks, Models models,
            Tokenizers tokenizers, ModelSources modelSources) {
        this.mapper = mapper;
        this.objectives = objectives;
        this.dataSources = dataSources;
        this.tasks = tasks;
        this.models = models;
        this.tokenizers = tokenizers;
        this.modelSources = modelSources;
    }

    /** Loads ({@code extends}, {@code --set}) and resolves a file. */
    public Experiment load(Path file, List<Assignment> sets) throws IOException {
        return resolve(ExperimentFiles.load(file, sets), file);
    }

    /**
     * The experiment a merged tree describes.
     *
     * @param file the file it came from, for messages ({@code quickstart.yaml: models.gpt...})
     * @throws ExperimentFileException with every error of the tree
     */
    public Experiment resolve(JsonNode raw, Path file) {
        experimentFile = file;
        Problems problems = new Problems(ExperimentFiles.label(file));
        ObjectNode tree = raw instanceof ObjectNode object ? object : NODES.objectNode();
        ObjectMapper json = mapper.json();
        unknownKeys(tree, SECTIONS, "", problems);

        JsonNode format = tree.get("format");
        if (format != null && !format.isNull() && !(format.isIntegralNumber() && format.asInt() == ExperimentFiles.FORMAT)) {
            problems.add("format", format.isIntegralNumber() && format.asInt() > ExperimentFiles.FORMAT
                    ? "format " + format + " was written by a newer lmlab; this one reads format " + ExperimentFiles.FORMAT
                    : "must be " + ExperimentFiles.FORMAT + ", got " + format);
        }
        String name = text(tree, "name", null, problems);
        if (name == null) {
            if (!tree.has("name")) {
                problems.add("name", "required (lower-case letters, digits and '-', the run folders' prefix)");
            }
        } else if (!name.matches(NAME_PATTERN)) {
            problems.add("name", "'" + name + "' must be lower-case letters, digits and '-'");
        }
        long seed = ExperimentDefaults.SEED;
        JsonNode seedNode = tree.get("seed");
        if (seedNode != null && !seedNode.isNull()) {
            if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
                seed = seedNode.asLong();
            } else {
                problems.add("seed", "must be an integer, got " + seedNode);
            }
        }
        String runsRoot = text(tree, "runs_root", ExperimentDefaults.RUNS_ROOT, problems);
        List<String> plugins = List.of();
        try {
            plugins = ExperimentFiles.plugins(tree, file);
            Plugins.load(plugins, "plugins:", getClass().getClassLoader());
        } catch (ExperimentFileException badList) {
            problems.add("plugins", badList.getMessage().substring(badList.getMessage().indexOf("plugins: ") + "plugins: ".length()));
        } catch (IllegalArgumentException badPlugin) {
            problems.add("", badPlugin.getMessage());
        }

        TokenizerSection tokenizer = tokenizer(tree.get("tokenizer"), problems);
        Optional<PretrainSection> pretrain = pretrain(tree.get("pretrain"), seed, problems);
        Map<String, ModelSection> modelSections = models(tree.get("models"), tokenizer, pretrain, problems);
        Optional<ClassifySection> classify = finetune(tree.get("finetune"), modelSections, problems);
        Optional<InstructSection> instruct = instruct(tree.get("finetune"), problems);
        Optional<EvalSection> eval = eval(tree.get("eval"), problems);
        String title = name == null ? "experiment" : name;
        ReportPlan report = null;
        JsonNode reportNode = tree.get("report");
        ObjectNode reportTree = NODES.objectNode().put("title", title);
        if (reportNode != null && !reportNode.isNull()) {
            if (reportNode.isObject()) {
                reportTree = (ObjectNode) org.lmlab.experiments.file.TreeMerge.merge(reportTree, reportNode);
            } else {
                problems.add("report", "must be a mapping ({title: ...}), got " + reportNode);
            }
        }
        report = problems.bind(json, reportTree, ReportPlan.class, "report").orElse(null);
        JsonNode sweep = tree.get("sweep");
        if (sweep != null && !sweep.isNull()) {
            checkSweepShape(sweep, problems);
        }
        problems.throwIfAny();

        ObjectNode resolved = NODES.objectNode();
        resolved.put("format", ExperimentFiles.FORMAT);
        resolved.put("name", name);
        resolved.put("seed", seed);
        resolved.put("runs_root", runsRoot);
        ArrayNode pluginList = resolved.putArray("plugins");
        plugins.forEach(pluginList::add);
        resolved.set("tokenizer", tokenizer.tree);
        ObjectNode modelTrees = resolved.putObject("models");
        Map<String, ModelPlan> plans = new LinkedHashMap<>();
        for (Map.Entry<String, ModelSection> model : modelSections.entrySet()) {
            modelTrees.set(model.getKey(), model.getValue().tree);
            plans.put(model.getKey(), model.getValue().plan);
        }
        resolved.set("pretrain", pretrain.<JsonNode>map(section -> section.tree).orElse(NullNode.getInstance()));
        ObjectNode finetuneTree = NODES.objectNode();
        classify.ifPresent(section -> finetuneTree.set("classify", section.tree));
        instruct.ifPresent(section -> finetuneTree.set("instruct", section.tree));
        resolved.set("finetune", finetuneTree.isEmpty() ? NullNode.getInstance() : finetuneTree);
        resolved.set("eval", eval.<JsonNode>map(section -> section.tree).orElse(NullNode.getInstance()));
        resolved.set("report", mapper.tree(report));
        resolved.set("sweep", sweep == null ? NullNode.getInstance() : sweep.deepCopy());
        return new Experiment(name, seed, Path.of(runsRoot), plugins, tokenizer.plan, plans,
                pretrain.map(section -> section.plan), classify.map(section -> section.plan), instruct.map(section -> section.plan),
                eval.map(section -> section.plan),
                report, resolved, ExperimentHash.hashOf(resolved));
    }

    // ---- tokenizer ----

    private record TokenizerSection(TokenizerPlan plan, ObjectNode tree, Tokenizer standIn, int vocabSize) {
    }

    private TokenizerSection tokenizer(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            problems.add("tokenizer", "required; {name: NAME} (gpt2, bert-base-uncased, TYPE:PATH) or {train: {vocab_size, data, special_tokens}}");
            return null;
        }
        if (!node.isObject()) {
            problems.add("tokenizer", "must be a mapping with name: or train:, got " + node);
            return null;
        }
        unknownKeys(node, Set.of("name", "train"), "tokenizer", problems);
        boolean named = node.has("name") && !node.get("name").isNull();
        boolean trained = node.has("train") && !node.get("train").isNull();
        if (named == trained) {
            problems.add("tokenizer", named ? "give one of name and train, not both" : "give one of name: (a tokenizer) or train: (a BPE to learn)");
            return null;
        }
        if (named) {
            JsonNode nameNode = node.get("name");
            if (!nameNode.isTextual() || nameNode.asText().isBlank()) {
                problems.add("tokenizer.name", "must be a tokenizer name or TYPE:PATH, got " + nameNode);
                return null;
            }
            String tokenizerName = nameNode.asText().strip();
            try {
                Tokenizer loaded = tokenizers.resolve(tokenizerName);
                return new TokenizerSection(TokenizerPlan.named(tokenizerName), NODES.objectNode().put("name", tokenizerName),
                        loaded, loaded.vocabSize());
            } catch (IOException | RuntimeException unusable) {
                problems.add("tokenizer.name", unusable instanceof java.nio.file.NoSuchFileException
                        ? "no such file " + unusable.getMessage() : unusable.getMessage());
                return null;
            }
        }
        JsonNode train = node.get("train");
        if (!train.isObject()) {
            problems.add("tokenizer.train", "must be a mapping {vocab_size, data, special_tokens}, got " + train);
            return null;
        }
        ObjectNode spec = (ObjectNode) TreeMerge.merge(NODES.objectNode().set("special_tokens", NODES.arrayNode()), train);
        resolvePath(spec, "data");
        int errors = problems.count();
        Optional<TokenizerPlan.TrainSpec> bound = problems.bind(mapper.json(), spec, TokenizerPlan.TrainSpec.class, "tokenizer.train");
        if (bound.isEmpty()) {
            return null;
        }
        String dataProblem = FilePaths.problem(bound.get().data());
        if (dataProblem != null) {
            problems.add("tokenizer.train.data", dataProblem);
        }
        if (problems.count() > errors) {
            return null;
        }
        List<String> specials = bound.get().specialTokens();
        Tokenizer standIn = new ByteLevelBpeTokenizer(new BpeTrainer(new BpeTrainer.Settings(256 + specials.size(), specials)).train("a"));
        // Written by hand: Jackson would write the Path as a file: URI.
        ObjectNode trainTree = NODES.objectNode();
        trainTree.put("vocab_size", bound.get().vocabSize());
        trainTree.put("data", bound.get().data().toString());
        ArrayNode specialTree = trainTree.putArray("special_tokens");
        specials.forEach(specialTree::add);
        return new TokenizerSection(TokenizerPlan.trained(bound.get()), NODES.objectNode().set("train", trainTree),
                standIn, bound.get().vocabSize());
    }

    // ---- models ----

    private record ModelSection(ModelPlan plan, ObjectNode tree) {
    }

    private Map<String, ModelSection> models(JsonNode node, TokenizerSection tokenizer, Optional<PretrainSection> pretrain,
            Problems problems) {
        Map<String, ModelSection> sections = new LinkedHashMap<>();
        if (node == null || node.isNull() || (node.isObject() && node.isEmpty())) {
            problems.add("models", "required; one or more models by name ({gpt: {preset: gpt-tiny, objective: causal-lm}})");
            return sections;
        }
        if (!node.isObject()) {
            problems.add("models", "must be a mapping of model names to models, got " + node);
            return sections;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = "models." + field.getKey();
            if (!field.getKey().matches(NAME_PATTERN)) {
                problems.add(path, "the model name '" + field.getKey() + "' must be lower-case letters, digits and '-'");
                continue;
            }
            ModelSection section = model(field.getKey(), field.getValue(), path, tokenizer, pretrain, problems);
            if (section != null) {
                sections.put(field.getKey(), section);
            }
        }
        return sections;
    }

    private ModelSection model(String name, JsonNode node, String path, TokenizerSection tokenizer,
            Optional<PretrainSection> pretrain, Problems problems) {
        if (!(node instanceof ObjectNode entry)) {
            problems.add(path, "must be a mapping {preset: ..., model: ..., objective: ...}, got " + node);
            return null;
        }
        int before = problems.count();
        unknownKeys(entry, Set.of("preset", "source", "model", "objective"), path, problems);
        String preset = text(entry, "preset", null, problems, path);
        String sourceText = text(entry, "source", null, problems, path);
        if (preset != null && sourceText != null) {
            problems.add(path, "give preset: (random weights) or source: (a model directory), not both");
            return null;
        }
        JsonNode base = NODES.objectNode();
        String source = null;
        try {
            if (preset != null) {
                base = mapper.tree(Presets.get(preset));
                source = preset;
            } else if (sourceText != null) {
                source = FilePaths.resolve(sourceText, experimentFile).toString();
                if (!java.nio.file.Files.isDirectory(Path.of(source))) {
                    problems.add(path + ".source", "no such model directory " + source);
                    return null;
                }
                base = mapper.tree(modelSources.config(source));
            }
        } catch (IOException | RuntimeException unusable) {
            problems.add(path + (preset != null ? ".preset" : ".source"), unusable.getMessage());
            return null;
        }
        JsonNode partial = entry.get("model");
        if (partial != null && !partial.isNull() && !partial.isObject()) {
            problems.add(path + ".model", "must be a mapping (a partial model config tree), got " + partial);
            return null;
        }
        ObjectNode merged = (ObjectNode) (partial == null || partial.isNull() ? base.deepCopy() : TreeMerge.merge(base, partial));
        boolean vocabGiven = partial != null && partial.has("vocab_size");
        if (tokenizer != null) {
            if (sourceText != null || vocabGiven) {
                int vocab = merged.path("vocab_size").asInt(-1);
                if (vocab >= 0 && vocab < tokenizer.vocabSize()) {
                    problems.add(path + ".model.vocab_size", vocab + " ids are fewer than the tokenizer's " + tokenizer.vocabSize());
                }
            } else {
                merged.put("vocab_size", tokenizer.vocabSize());
            }
        }
        Optional<ModelConfig> config = problems.bind(mapper.json(), merged, ModelConfig.class, path + ".model");
        LanguageModel built = null;
        if (config.isPresent()) {
            try {
                built = models.build(config.get());
            } catch (RuntimeException unbuildable) {
                problems.addInModel(path + ".model", unbuildable.getMessage());
            }
        }
        Optional<ObjectiveConfig> objective = objective(entry.get("objective"), path + ".objective", pretrain.isPresent(), problems);
        if (objective.isPresent() && built != null && tokenizer != null) {
            try {
                Objective made = objectives.create(objective.get(), tokenizer.standIn());
                made.checkCompatible(built);
                if (pretrain.isPresent()) {
                    int context = pretrain.get().plan.context();
                    made.exampleTokens(context > 0 ? context : config.get().contextLength());
                }
            } catch (RuntimeException unfit) {
                problems.add(path + ".objective", unfit.getMessage());
            }
        }
        if (config.isPresent() && pretrain.isPresent() && pretrain.get().plan.context() > config.get().contextLength()) {
            problems.add("pretrain.context", pretrain.get().plan.context() + " is longer than model " + name + "'s "
                    + config.get().contextLength() + " positions");
        }
        if (problems.count() > before || config.isEmpty()) {
            return null;
        }
        ObjectNode tree = NODES.objectNode();
        if (preset != null) {
            tree.put("preset", preset);
        }
        if (sourceText != null) {
            tree.put("source", source);
        }
        tree.set("model", mapper.tree(config.get()));
        tree.set("objective", objective.<JsonNode>map(mapper::tree).orElse(NullNode.getInstance()));
        return new ModelSection(new ModelPlan(name, source, config.get(), objective), tree);
    }

    private Optional<ObjectiveConfig> objective(JsonNode node, String path, boolean required, Problems problems) {
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(path, "required for pretraining; a registered objective; known: " + String.join(", ", objectives.names()));
            }
            return Optional.empty();
        }
        JsonNode tree = withDefaults(node, path, problems, name -> mapper.tree(objectives.defaults(name)), objectives.names());
        return tree == null ? Optional.empty() : problems.bind(mapper.json(), tree, ObjectiveConfig.class, path);
    }

    // ---- pretrain ----

    private record PretrainSection(PretrainPlan plan, ObjectNode tree) {
    }

    private Optional<PretrainSection> pretrain(JsonNode node, long seed, Problems problems) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!(node instanceof ObjectNode section)) {
            problems.add("pretrain", "must be a mapping {data, context, train}, got " + node);
            return Optional.empty();
        }
        int before = problems.count();
        unknownKeys(section, Set.of("data", "context", "train"), "pretrain", problems);
        Optional<ObjectNode> data = dataSource(section.get("data"), "pretrain.data", problems);
        Optional<DataSourceConfig> dataConfig = data.flatMap(tree -> problems.bind(mapper.json(), tree, DataSourceConfig.class, "pretrain.data"));
        int context = 0;
        JsonNode contextNode = section.get("context");
        if (contextNode != null && !contextNode.isNull()) {
            if (!contextNode.canConvertToInt() || !contextNode.isIntegralNumber() || contextNode.asInt() < 0 || contextNode.asInt() == 1) {
                problems.add("pretrain.context", "must be 0 (each model's own) or at least 2 tokens, got " + contextNode);
            } else {
                context = contextNode.asInt();
            }
        }
        JsonNode trainNode = section.get("train");
        ObjectNode train = ExperimentDefaults.pretrainTrain(mapper);
        if (trainNode != null && !trainNode.isNull()) {
            if (!trainNode.isObject()) {
                problems.add("pretrain.train", "must be a mapping of training settings, got " + trainNode);
            } else if (trainNode.has("seed")) {
                problems.add("pretrain.train.seed", "training is seeded by the experiment's seed (the top-level seed:); remove it here");
            } else {
                train = (ObjectNode) TreeMerge.merge(train, trainNode);
            }
        }
        ObjectNode seeded = train.deepCopy().put("seed", seed);
        Optional<TrainConfig> trainConfig = problems.bind(mapper.json(), seeded, TrainConfig.class, "pretrain.train");
        if (problems.count() > before || dataConfig.isEmpty() || trainConfig.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode tree = NODES.objectNode();
        tree.set("data", mapper.tree(dataConfig.get()));
        tree.put("context", context);
        ObjectNode trainTree = mapper.tree(trainConfig.get());
        trainTree.remove("seed");
        tree.set("train", trainTree);
        return Optional.of(new PretrainSection(new PretrainPlan(dataConfig.get(), context, trainConfig.get()), tree));
    }

    // ---- finetune ----

    private record ClassifySection(ClassifyPlan plan, ObjectNode tree) {
    }

    private Optional<ClassifySection> finetune(JsonNode node, Map<String, ModelSection> modelSections, Problems problems) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problems.add("finetune", "must be a mapping {classify: ..., instruct: ...}, got " + node);
            return Optional.empty();
        }
        unknownKeys(node, Set.of("classify", "instruct"), "finetune", problems);
        JsonNode classify = node.get("classify");
        if (classify == null || classify.isNull()) {
            return Optional.empty();
        }
        if (!(classify instanceof ObjectNode given)) {
            problems.add("finetune.classify", "must be a mapping of fine-tuning settings, got " + classify);
            return Optional.empty();
        }
        String path = "finetune.classify";
        int before = problems.count();
        JsonNode dataNode = given.has("data") ? given.get("data") : NODES.objectNode().put("type", "sms-spam");
        Optional<ObjectNode> data = dataSource(dataNode, path + ".data", problems);
        Optional<DataSourceConfig> dataConfig = data.flatMap(tree -> problems.bind(mapper.json(), tree, DataSourceConfig.class, path + ".data"));
        if (dataConfig.isPresent() && !(dataConfig.get() instanceof LabelledDataConfig)) {
            problems.add(path + ".data.type", "'" + dataConfig.get().type() + "' is not a labelled data source (for example sms-spam,"
                    + " labelled-text)");
        }
        ObjectNode settings = (ObjectNode) TreeMerge.merge(ExperimentDefaults.classify(), given);
        if (problems.count() > before) {
            return Optional.empty();
        }
        settings.set("data", mapper.tree(dataConfig.get()));
        Optional<ClassifyPlan> plan = problems.bind(mapper.json(), settings, ClassifyPlan.class, path);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        try {
            TrainPolicy.edits(plan.get().policy(), plan.get().loraRank(), plan.get().loraAlpha(), mapper);
        } catch (IllegalArgumentException badPolicy) {
            problems.add(path + ".train", badPolicy.getMessage().replaceFirst("^--train: ", ""));
            return Optional.empty();
        }
        for (ModelSection model : modelSections.values()) {
            int context = model.plan().model().contextLength();
            if (plan.get().maxLength() > context) {
                problems.add(path + ".max_length", plan.get().maxLength() + " is longer than model " + model.plan().name() + "'s "
                        + context + " positions");
            }
        }
        return Optional.of(new ClassifySection(plan.get(), mapper.tree(plan.get())));
    }

    private record InstructSection(InstructPlan plan, ObjectNode tree) {
    }

    /** {@code finetune.instruct}: the book's chapter-7 fine-tune, its omitted fields from {@link ExperimentDefaults#instruct()}. */
    private Optional<InstructSection> instruct(JsonNode finetune, Problems problems) {
        if (finetune == null || !finetune.isObject() || finetune.get("instruct") == null || finetune.get("instruct").isNull()) {
            return Optional.empty();
        }
        JsonNode given = finetune.get("instruct");
        String path = "finetune.instruct";
        if (!given.isObject()) {
            problems.add(path, "must be a mapping of fine-tuning settings, got " + given);
            return Optional.empty();
        }
        ObjectNode settings = (ObjectNode) TreeMerge.merge(ExperimentDefaults.instruct(), given);
        resolvePath(settings, "data");
        int before = problems.count();
        Optional<InstructPlan> plan = problems.bind(mapper.json(), settings, InstructPlan.class, path);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        String dataProblem = FilePaths.problem(plan.get().dataFile());
        if (dataProblem != null) {
            problems.add(path + ".data", dataProblem);
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new InstructSection(plan.get(), mapper.tree(plan.get())));
    }

    // ---- eval ----

    private record EvalSection(EvalPlan plan, ObjectNode tree) {
    }

    private Optional<EvalSection> eval(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problems.add("eval", "must be a mapping {tasks, resamples}, got " + node);
            return Optional.empty();
        }
        int before = problems.count();
        unknownKeys(node, Set.of("tasks", "resamples"), "eval", problems);
        JsonNode list = node.get("tasks");
        List<TaskConfig> configs = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add("eval.tasks", "required; a list of tasks (names or {type: ...}); known: " + String.join(", ", tasks.names()));
        } else {
            for (int i = 0; i < list.size(); i++) {
                String path = "eval.tasks[" + i + "]";
                JsonNode tree = withDefaults(list.get(i), path, problems, name -> mapper.tree(tasks.defaults(name)), tasks.names());
                if (tree instanceof ObjectNode object) {
                    checkPaths(object, path, problems);
                    problems.bind(mapper.json(), object, TaskConfig.class, path).ifPresent(configs::add);
                }
            }
        }
        int resamples = ExperimentDefaults.RESAMPLES;
        JsonNode resamplesNode = node.get("resamples");
        if (resamplesNode != null && !resamplesNode.isNull()) {
            if (!resamplesNode.isIntegralNumber() || !resamplesNode.canConvertToInt() || resamplesNode.asInt() < 0) {
                problems.add("eval.resamples", "must be a non-negative integer, got " + resamplesNode);
            } else {
                resamples = resamplesNode.asInt();
            }
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        EvalPlan plan = new EvalPlan(configs, resamples);
        ObjectNode tree = NODES.objectNode();
        ArrayNode taskTrees = tree.putArray("tasks");
        configs.forEach(config -> taskTrees.add(mapper.tree(config)));
        tree.put("resamples", resamples);
        return Optional.of(new EvalSection(plan, tree));
    }

    // ---- shared ----

    /** A data source's tree with its registered defaults under it and its {@code path} made absolute and checked. */
    private Optional<ObjectNode> dataSource(JsonNode node, String path, Problems problems) {
        if (node == null || node.isNull()) {
            problems.add(path, "required; a data source {type: ...}; known: " + String.join(", ", dataSources.names()));
            return Optional.empty();
        }
        JsonNode tree = withDefaults(node, path, problems, name -> mapper.json().valueToTree(dataSources.defaults(name)),
                dataSources.names());
        if (!(tree instanceof ObjectNode object)) {
            return Optional.empty();
        }
        return checkPaths(object, path, problems) ? Optional.of(object) : Optional.empty();
    }

    /** Makes a {@code path} field absolute and checks the file is there and not empty; false if it is not. */
    private boolean checkPaths(ObjectNode tree, String path, Problems problems) {
        JsonNode file = tree.get("path");
        if (file == null || !file.isTextual() || file.asText().isBlank()) {
            return true;
        }
        resolvePath(tree, "path");
        String problem = FilePaths.problem(Path.of(tree.get("path").asText()));
        if (problem != null) {
            problems.add(path + ".path", problem);
            return false;
        }
        return true;
    }

    private void resolvePath(ObjectNode tree, String key) {
        JsonNode file = tree.get(key);
        if (file != null && file.isTextual() && !file.asText().isBlank()) {
            tree.put(key, FilePaths.resolve(file.asText(), experimentFile).toString());
        }
    }

    /**
     * A component's tree: a bare name means its registered defaults; an object with a {@code type}
     * is merged onto that type's defaults. Null (with the error recorded) for an unknown name.
     */
    private static JsonNode withDefaults(JsonNode node, String path, Problems problems,
            java.util.function.Function<String, JsonNode> defaults, Set<String> known) {
        String type;
        if (node.isTextual()) {
            type = node.asText().strip();
        } else if (node.isObject() && node.get("type") != null && node.get("type").isTextual()) {
            type = node.get("type").asText();
        } else if (node.isObject()) {
            problems.add(path + ".type", "required (the registered name); known: " + String.join(", ", known));
            return null;
        } else {
            problems.add(path, "must be a registered name or {type: NAME, ...}, got " + node);
            return null;
        }
        if (!known.contains(type)) {
            problems.add(path + ".type", "unknown type '" + type + "'; known: " + (known.isEmpty() ? "(none registered)" : String.join(", ", known)));
            return null;
        }
        JsonNode base = defaults.apply(type);
        return node.isTextual() ? base : TreeMerge.merge(base, node);
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String path, Problems problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!known.contains(key)) {
                problems.add(path.isEmpty() ? key : path + "." + key, "unknown key; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static String text(JsonNode node, String key, String otherwise, Problems problems) {
        return text(node, key, otherwise, problems, "");
    }

    private static String text(JsonNode node, String key, String otherwise, Problems problems, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        String where = path.isEmpty() ? key : path + "." + key;
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(where, "must be a non-empty string, got " + value);
            return otherwise;
        }
        return value.asText().strip();
    }

    private static void checkSweepShape(JsonNode sweep, Problems problems) {
        if (!sweep.isObject() || sweep.isEmpty()) {
            problems.add("sweep", "must be a mapping of resolved-tree paths to lists of values, got " + sweep);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = sweep.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isArray() || field.getValue().isEmpty()) {
                problems.add("sweep." + field.getKey(), "must be a non-empty list of values, got " + field.getValue());
            }
        }
    }
}
