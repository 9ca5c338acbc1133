package org.lmlab.experiments.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.lmlab.eval.metric.MetricValue;
import org.lmlab.eval.report.ReportWriter;
import org.lmlab.eval.run.EvalJob;
import org.lmlab.eval.run.EvalRequest;
import org.lmlab.eval.run.EvalResult;
import org.lmlab.eval.run.EvalRunFiles;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.eval.task.Tasks;
import org.lmlab.layers.config.ConfigMapper;
import org.lmlab.layers.config.ConfigOverrides;
import org.lmlab.models.score.ScoringConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lmlab eval}: runs evaluation tasks on a model and writes an eval run directory
 * ({@code metrics.json}, per-item {@code results.jsonl}, provenance, status). Each {@code --task}
 * starts from its registered defaults; {@code --set task.<name>.<key>=<value>} edits the tree
 * {@code {task: {<name>: ...}}} before it is bound, so a bad value names its path.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on tasks (blimp, perplexity, multiple-choice, ...) and write an eval run directory:",
            "eval.json, provenance.json, metrics.json (values with 95%% bootstrap intervals), status.json,"
                    + " tasks/<name>/results.jsonl (one line per item)."})
final class EvalCommand implements Callable<Integer> {

    /** What a task's items are called in progress lines. */
    private static final Map<String, String> UNITS = Map.of("blimp", "pairs", "perplexity", "documents",
            "multiple-choice", "questions");

    private final EvalJob job;
    private final Tasks tasks;
    private final ConfigMapper configs;

    @Inject
    EvalCommand(EvalJob job, Tasks tasks, ConfigMapper configs) {
        this.job = job;
        this.tasks = tasks;
        this.configs = configs;
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Model directory (Hugging Face or lmlab layout), or a training run directory (its model/).")
    private Path model;

    @Option(names = "--task", required = true, paramLabel = "NAME", description = "A registered task, repeatable (in order).")
    private List<String> taskNames = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = {"Edit a task's config, repeatable: --set task.blimp.per_paradigm=0 (all 67,000 pairs),",
                "--set task.perplexity.max_documents=5, --set task.multiple-choice.path=questions.jsonl."})
    private List<String> sets = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1234", paramLabel = "N", description = "Seed of the bootstrap intervals (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "N", description = "Most rows per forward pass (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--token-budget", defaultValue = "1024", paramLabel = "N",
            description = "Most padded tokens per forward pass (default: ${DEFAULT-VALUE}).")
    private int tokenBudget;

    @Option(names = "--window", defaultValue = "0", paramLabel = "T",
            description = "Most tokens the model reads at once when scoring; 0 is the model's context (default: ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--resamples", defaultValue = "1000", paramLabel = "N",
            description = "Bootstrap resamples per interval (default: ${DEFAULT-VALUE}).")
    private int resamples;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "A new or empty directory for the eval run.")
    private Path out;

    /** The tree {@code --set} edits: {@code {task: {<name>: config}}}. */
    record TaskTree(Map<String, TaskConfig> task) {
    }

    @Override
    public Integer call() throws IOException {
        ScoringConfig scoring = scoring();
        if (resamples < 1) {
            throw new IllegalArgumentException("--resamples: must be positive, got " + resamples);
        }
        List<TaskConfig> configured = configs();
        PrintWriter printer = spec.commandLine().getOut();
        Map<String, String> units = new LinkedHashMap<>();
        List<String> names = EvalRunFiles.names(configured);
        for (int i = 0; i < names.size(); i++) {
            units.put(names.get(i), UNITS.getOrDefault(configured.get(i).type(), "items"));
        }
        EvalResult result = job.run(new EvalRequest(model, configured, seed, resamples, scoring, out),
                new EvalProgressLines(printer, units));
        for (EvalResult.TaskResult task : result.tasks()) {
            printTable(printer, task, units.get(task.name()));
        }
        printer.println("report: " + ReportWriter.write(result.directory()) + " (also report.md, report.json)");
        printer.println("metrics: " + result.metrics());
        printer.flush();
        return 0;
    }

    private ScoringConfig scoring() {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch: must be positive, got " + batch);
        }
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("--token-budget: must be positive, got " + tokenBudget);
        }
        if (window < 0 || window == 1) {
            throw new IllegalArgumentException("--window: must be 0 (the model's context) or at least 2, got " + window);
        }
        return new ScoringConfig(window, batch, tokenBudget);
    }

    /** Each --task's config: its defaults, edited by --set, bound by the injector's mapper. */
    List<TaskConfig> configs() {
        Set<String> known = tasks.names();
        Set<String> given = new LinkedHashSet<>();
        for (String name : taskNames) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--task: unknown type '" + name + "'; known: " + String.join(", ", known));
            }
            given.add(name);
        }
        ObjectNode tree = configs.json().createObjectNode();
        ObjectNode section = tree.putObject("task");
        for (String name : given) {
            section.set(name, configs.tree(tasks.defaults(name)));
        }
        List<ConfigOverrides.Assignment> assignments = new ArrayList<>();
        for (String text : sets) {
            ConfigOverrides.Assignment assignment = ConfigOverrides.Assignment.parse(text);
            String[] keys = assignment.path().split("\\.");
            if (keys.length < 3 || !keys[0].equals("task")) {
                throw new IllegalArgumentException("--set " + text + ": the path must be task.<name>.<key> (e.g. task.blimp.per_paradigm)");
            }
            if (!given.contains(keys[1])) {
                throw new IllegalArgumentException("--set " + text + ": '" + keys[1] + "' is not a --task of this run (given: "
                        + String.join(", ", given) + ")");
            }
            if (keys.length == 3 && keys[2].equals("type")) {
                throw new IllegalArgumentException("--set " + text + ": a task's type is its --task name");
            }
            assignments.add(assignment);
        }
        TaskTree bound = configs.bind(ConfigOverrides.apply(tree, assignments), TaskTree.class, "--set");
        List<TaskConfig> configured = new ArrayList<>();
        for (String name : taskNames) {
            configured.add(bound.task().get(name));
        }
        return configured;
    }

    private static void printTable(PrintWriter out, EvalResult.TaskResult task, String unit) {
        out.println(String.format(Locale.ROOT, "%s: %d %s", task.name(), task.items(), unit));
        out.println(String.format(Locale.ROOT, "  %-24s %12s   %s", "metric", "value", "95% CI"));
        for (MetricValue value : task.metrics()) {
            String ci = value.ci() == null ? "-" : String.format(Locale.ROOT, "[%.4f, %.4f]", value.ci().low(), value.ci().high());
            out.println(String.format(Locale.ROOT, "  %-24s %12.4f   %s", value.name(), value.value(), ci));
        }
        for (String note : task.notes()) {
            out.println("  note: " + note);
        }
    }
}
