package org.lmlab.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.experiments.file.ClassifyPlan;
import org.lmlab.experiments.file.Experiment;
import org.lmlab.experiments.file.ExperimentFiles;
import org.lmlab.experiments.file.ExperimentHash;
import org.lmlab.experiments.file.ModelPlan;
import org.lmlab.experiments.file.PretrainPlan;
import org.lmlab.experiments.file.TokenizerPlan;
import org.lmlab.eval.report.ReportWriter;
import org.lmlab.experiments.file.InstructPlan;
import org.lmlab.finetune.classify.ClassifyJob;
import org.lmlab.finetune.instruct.InstructJob;
import org.lmlab.finetune.instruct.InstructSettings;
import org.lmlab.finetune.lora.Lora;
import org.lmlab.finetune.lora.LoraConfig;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.model.ModelEditConfig;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.finetune.classify.ClassifyRequest;
import org.lmlab.training.TrainerListener;
import org.lmlab.training.TrainingInterruptedException;
import org.lmlab.training.provenance.Provenance;
import org.lmlab.training.run.RunOptions;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;

/**
 * Runs an experiment as stages in one run folder, {@code <runs_root>/<name>-<short hash>/}:
 * {@code experiment.yaml} (the resolved file, which reproduces the run), {@code provenance.json},
 * then {@code tokenizer/} when the file trains one, {@code pretrain/<model>/},
 * {@code instruct/<model>/} (instruction fine-tuning), {@code finetune/<model>/}, {@code eval/<model>/}, and the report ({@code report.html},
 * {@code report.md}, {@code report.json}: every stage's numbers and the comparison of the models'
 * evaluations, by {@link ReportWriter}). Each stage's hash covers its
 * own config and the stages it builds on, so a second run of the same file reuses every finished
 * stage, and a run cut off mid-stage continues there ({@link StageRunner}).
 */
public final class StagedExperimentRunner implements ExperimentRunner {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TrainJob trainJob;
    private final ClassifyJob classifyJob;
    private final EvalStages evalStages;
    private final InstructJob instructJob;
    private RunOptions options = RunOptions.defaults();
    private List<TrainerListener> extraListeners = List.of();

    @Inject
    public StagedExperimentRunner(TrainJob trainJob, ClassifyJob classifyJob, InstructJob instructJob, EvalStages evalStages) {
        this.trainJob = trainJob;
        this.classifyJob = classifyJob;
        this.instructJob = instructJob;
        this.evalStages = evalStages;
    }

    /**
     * The same runner training with these options (an embedding program's own signal handling
     * and {@link org.lmlab.training.RunControl}) and these extra listeners on every training stage.
     */
    public StagedExperimentRunner training(RunOptions newOptions, List<TrainerListener> listeners) {
        this.options = newOptions;
        this.extraListeners = List.copyOf(listeners);
        return this;
    }

    /** The folder the experiment runs in. */
    public static Path folderOf(Experiment experiment) {
        return experiment.runsRoot().resolve(experiment.name() + "-" + experiment.shortHash());
    }

    @Override
    public Path run(Experiment experiment, RunFlags flags, PrintWriter out) throws IOException {
        Path folder = flags.resume().orElseGet(() -> folderOf(experiment)).toAbsolutePath().normalize();
        Files.createDirectories(folder);
        writeRecord(experiment, folder);
        List<Stage> stages = stages(experiment, folder, out);
        RunDisplay display = new RunDisplay(out, stages, System::nanoTime);
        out.println("run: " + folder + " (" + stages.size() + " stages)");
        out.flush();
        try {
            new StageRunner(display, flags.fresh()).run(stages);
        } catch (TrainingInterruptedException stopped) {
            throw stopped.inRun(folder);
        }
        out.println("report: " + folder.resolve("report.html") + " (also report.md, report.json)");
        out.flush();
        return folder;
    }

    /** The stages of the experiment in the order they run. */
    List<Stage> stages(Experiment experiment, Path folder, PrintWriter out) throws IOException {
        JsonNode resolved = experiment.resolved();
        List<Stage> stages = new ArrayList<>();
        String tokenizerName;
        String tokenizerHash = hash("tokenizer", resolved.get("tokenizer"));
        TokenizerPlan tokenizer = experiment.tokenizer();
        if (tokenizer.train().isPresent()) {
            TokenizerPlan.TrainSpec spec = tokenizer.train().get();
            Path tokenizerFolder = folder.resolve("tokenizer");
            tokenizerName = TokenizerTraining.nameOf(tokenizerFolder);
            stages.add(new Stage("tokenizer", tokenizerHash, tokenizerFolder, Files.size(spec.data()) / 80_000.0,
                    (dir, continuing, progress) -> {
                        if (continuing) {
                            StageRunner.clear(dir);
                        }
                        TokenizerTraining.train(spec.data(), spec.vocabSize(), spec.specialTokens(), dir, progress);
                    }));
        } else {
            tokenizerName = tokenizer.name().orElseThrow();
        }
        List<TrainerListener> listeners = new ArrayList<>(extraListeners);
        listeners.add(new WarningLines(out));
        Map<String, ModelStages> models = new LinkedHashMap<>();
        for (ModelPlan model : experiment.models().values()) {
            JsonNode modelTree = resolved.path("models").path(model.name());
            String modelSource = model.source() != null ? model.source() : model.model().name();
            String pretrainHash = hash("after", NODES.textNode(tokenizerHash), "model", modelTree,
                    "pretrain", resolved.get("pretrain"), "seed", resolved.get("seed"));
            String weights = modelSource;
            String lastHash = pretrainHash;
            Path pretrained = null;
            if (experiment.pretrain().isPresent() && model.objective().isPresent()) {
                PretrainPlan pretrain = experiment.pretrain().get();
                Path stageFolder = folder.resolve("pretrain").resolve(model.name());
                TrainJobConfig config = new TrainJobConfig(modelSource, model.model(), List.of(), tokenizerName,
                        pretrain.data(), null, pretrain.context(), model.objective().get(), pretrain.train());
                double tokens = (double) Math.max(1, pretrain.train().steps()) * pretrain.train().batchSize()
                        * pretrain.train().accumulation() * Math.max(pretrain.context(), 1);
                stages.add(new Stage("pretrain/" + model.name(), pretrainHash, stageFolder, tokens / 4000,
                        new PretrainWork(trainJob, config, options, listeners)));
                weights = stageFolder.toString();
                pretrained = stageFolder;
            }
            Path finetuned = null;
            if (experiment.classify().isPresent()) {
                ClassifyPlan plan = experiment.classify().get();
                Path stageFolder = folder.resolve("finetune").resolve(model.name());
                String finetuneHash = hash("after", NODES.textNode(lastHash), "finetune", resolved.get("finetune"));
                ClassifyRequest request = new ClassifyRequest(weights, plan.data(), plan.policy(), plan.loraRank(),
                        plan.loraAlpha(), plan.epochs(), plan.steps(), plan.lr(), plan.weightDecay(), plan.batch(),
                        plan.maxLength(), experiment.seed(), plan.evalEvery(), 10, plan.baseline(),
                        pretrained == null ? tokenizerName : null, stageFolder);
                double tokens = (plan.steps() > 0 ? plan.steps() * plan.batch() : plan.epochs() * 1200.0)
                        * Math.max(plan.maxLength(), 64);
                stages.add(new Stage("finetune/" + model.name(), finetuneHash, stageFolder, tokens / 4000,
                        new ClassifyWork(classifyJob, request, listeners)));
                lastHash = finetuneHash;
                finetuned = stageFolder;
            }
            if (experiment.instruct().isPresent()) {
                Path stageFolder = folder.resolve("instruct").resolve(model.name());
                String instructHash = hash("after", NODES.textNode(pretrainHash), "instruct", resolved.path("finetune").get("instruct"),
                        "seed", resolved.get("seed"));
                stages.add(new Stage("instruct/" + model.name(), instructHash, stageFolder, 120,
                        new InstructWork(instructJob, settings(experiment.instruct().get(), weights, experiment.seed()), listeners)));
            }
            models.put(model.name(), new ModelStages(model.name(), weights, pretrained, finetuned, lastHash));
        }
        if (experiment.eval().isPresent()) {
            stages.addAll(evalStages.stages(experiment, folder, models, out));
        }
        String reportHash = hash("after", NODES.textNode(String.join(",", stages.stream().map(Stage::hash).toList())),
                "report", resolved.get("report"));
        stages.add(new Stage("report", reportHash, folder.resolve("report"), 5, (dir, continuing, progress) -> {
            java.nio.file.Files.createDirectories(dir);
            ReportWriter.write(folder);
        }));
        return stages;
    }

    /** {@code lmlab finetune instruct}'s settings for a model's weights. */
    private static InstructSettings settings(InstructPlan plan, String weights, long seed) {
        List<ModelEditConfig> edits = plan.loraRank() > 0
                ? List.of(new LoraConfig(Lora.NAME, plan.loraRank(), plan.loraAlpha(), List.of()))
                : List.of();
        TrainConfig train = new TrainConfig(plan.batch(), 1, plan.steps(), plan.epochs(), 0, plan.evalEvery(), plan.evalBatches(), 0, 1,
                10, seed, AdamWConfig.BOOK.withWeightDecay(plan.weightDecay()), ScheduleConfig.constant(plan.lr()));
        return new InstructSettings(weights, plan.dataFile(), plan.format(), seed, plan.maskPrompt(), plan.maxLength(), edits, train,
                plan.maxNewTokens());
    }

    /** What the stages of one model left for the stages after them: its weights and stage folders. */
    public record ModelStages(String name, String weights, Path pretrain, Path finetune, String hash) {
    }

    /** Writes the run's {@code experiment.yaml} (when it is new or changed) and, once, its provenance. */
    static void writeRecord(Experiment experiment, Path folder) throws IOException {
        Path file = folder.resolve(ExperimentFiles.RUN_FILE);
        String yaml = ExperimentFiles.yaml(experiment.resolved());
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(yaml)) {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        }
        if (!Files.exists(folder.resolve(Provenance.FILE))) {
            Provenance.capture().write(folder);
        }
    }

    /** The hash of named parts, for a stage's config. */
    static String hash(Object... namesAndTrees) {
        ObjectNode tree = NODES.objectNode();
        for (int i = 0; i < namesAndTrees.length; i += 2) {
            JsonNode value = (JsonNode) namesAndTrees[i + 1];
            tree.set((String) namesAndTrees[i], value == null ? NODES.nullNode() : value);
        }
        return ExperimentHash.hashOf(tree);
    }
}
