package org.lmlab.experiments.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lmlab.finetune.classify.ClassifyJob;
import org.lmlab.finetune.classify.ClassifyRequest;
import org.lmlab.finetune.classify.ClassifyResult;
import org.lmlab.finetune.classify.LabelledDataConfig;
import org.lmlab.finetune.classify.LabelledTextConfig;
import org.lmlab.finetune.classify.SmsSpamConfig;
import org.lmlab.finetune.classify.TrainPolicy;
import org.lmlab.training.TrainingDivergedException;
import org.lmlab.training.metrics.ProgressReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lmlab finetune classify}: the book's chapter-6 fine-tune for any labelled text, GPT or
 * BERT alike: a classification head replaces the source's head, the {@code --train} policy says
 * what trains, and the run directory gets metrics, test predictions, a summary with accuracy per
 * split (and the Tribuo baseline's beside it) and the saved classifier.
 */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tune a model to classify texts (SMS spam by default) into a run directory.",
            "Defaults are the book's chapter 6: the last block trains, 5 epochs, batch 8, AdamW at 5e-5 with weight decay 0.1."})
final class FinetuneClassifyCommand implements Callable<Integer> {

    private final ClassifyJob job;

    @Spec
    private CommandSpec spec;

    @Inject
    FinetuneClassifyCommand(ClassifyJob job) {
        this.job = job;
    }

    @Option(names = "--model", required = true, paramLabel = "SRC",
            description = "Starting weights: a pretraining run, a model directory (lmlab or Hugging Face GPT-2/BERT layout,"
                    + " BertModel included), or a preset name (random initialisation).")
    private String model;

    @Option(names = "--data", defaultValue = SmsSpamConfig.NAME, paramLabel = "sms-spam|FILE",
            description = "The bundled SMS Spam Collection (ham undersampled to 747), or a labelled file: label<TAB>text"
                    + " lines, or .csv / .jsonl with named columns (default: ${DEFAULT-VALUE}).")
    private String data;

    @Option(names = "--text-column", defaultValue = "text", description = "CSV/JSONL: the text's column (default: ${DEFAULT-VALUE}).")
    private String textColumn;

    @Option(names = "--label-column", defaultValue = "label", description = "CSV/JSONL: the label's column (default: ${DEFAULT-VALUE}).")
    private String labelColumn;

    @Option(names = "--split-seed", defaultValue = "123",
            description = "Seed of the undersampling and the 70/10/20 split, kept apart from --seed so every model sees the"
                    + " same items (default: ${DEFAULT-VALUE}).")
    private long splitSeed;

    @Option(names = "--train", defaultValue = "last-block", paramLabel = "POLICY",
            description = "What trains: " + TrainPolicy.NAMES + " (default: ${DEFAULT-VALUE}).")
    private String train;

    @Option(names = "--lora-rank", defaultValue = "16", description = "--train lora: the adapters' rank (default: ${DEFAULT-VALUE}).")
    private int loraRank;

    @Option(names = "--lora-alpha", defaultValue = "16", description = "--train lora: scaling numerator, alpha / rank (default: ${DEFAULT-VALUE}).")
    private double loraAlpha;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs over the training split (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--steps", defaultValue = "0", description = "Optimizer steps instead of --epochs when positive (default: ${DEFAULT-VALUE}).")
    private long steps;

    @Option(names = "--lr", defaultValue = "5e-5", description = "AdamW's constant learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Option(names = "--weight-decay", defaultValue = "0.1", description = "AdamW decay of matrices (default: ${DEFAULT-VALUE}).")
    private double weightDecay;

    @Option(names = "--batch", defaultValue = "8", description = "Examples per batch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--max-length", defaultValue = "0", paramLabel = "T",
            description = "Truncate texts to T tokens, framing included; 0 is the model's context (default: ${DEFAULT-VALUE}).")
    private int maxLength;

    @Option(names = "--seed", defaultValue = "123", description = "Training seed: new head, data order, dropout (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--eval-every", defaultValue = "50",
            description = "Steps between evaluations of the validation split; 0 only at the end (default: ${DEFAULT-VALUE}).")
    private int evalEvery;

    @Option(names = "--log-every", defaultValue = "10", description = "Steps between progress lines off a terminal (default: ${DEFAULT-VALUE}).")
    private int logEvery;

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train and score the Tribuo bag-of-words logistic regression on the same split (default: on).")
    private boolean baseline;

    @Option(names = "--tokenizer", paramLabel = "NAME|PATH",
            description = "Tokenizer (default: the run's, else the model directory's tokenizer.json, else by vocabulary size).")
    private String tokenizer;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run directory (new or empty).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (logEvery < 1) {
            throw new IllegalArgumentException("--log-every: must be positive, got " + logEvery);
        }
        ClassifyRequest request = new ClassifyRequest(model, dataConfig(), train, loraRank, loraAlpha, epochs, steps, lr,
                weightDecay, batch, maxLength, seed, evalEvery, logEvery, baseline, tokenizer, out);
        // The progress reporter prints where the run and its model are ("run:", "model:").
        try {
            ClassifyResult result = job.run(request, java.util.List.of(ProgressReporter.forConsole(stdout, logEvery)));
            stdout.println("accuracy: " + percentages(result.accuracy()) + " (" + result.trainableParameters()
                    + " parameters trained, " + result.steps() + " steps)");
            if (!result.baselineAccuracy().isEmpty()) {
                stdout.println("baseline accuracy: " + percentages(result.baselineAccuracy()) + " (Tribuo bag of words)");
            }
            stdout.println(String.format(Locale.ROOT, "test accuracy %.2f%% (%d/%d); run: %s",
                    100.0 * result.testCorrect() / Math.max(1, result.testCount()), result.testCorrect(), result.testCount(), out));
            stdout.flush();
            return 0;
        } catch (TrainingDivergedException diverged) {
            stdout.flush();
            spec.commandLine().getErr().println("lmlab: " + diverged.getMessage());
            return CliErrors.INTERNAL;
        }
    }

    private LabelledDataConfig dataConfig() {
        if (data.equals(SmsSpamConfig.NAME)) {
            SmsSpamConfig bundled = SmsSpamConfig.bundled(splitSeed);
            if (!java.nio.file.Files.isRegularFile(Path.of(bundled.path()))) {
                throw new IllegalArgumentException("--data sms-spam: the bundled collection is not at " + bundled.path()
                        + " (run lmlab from its directory, or give the file)");
            }
            return bundled;
        }
        Path file = Path.of(data).toAbsolutePath().normalize();
        return new LabelledTextConfig(LabelledTextConfig.NAME, file.toString(), "auto", textColumn, labelColumn, splitSeed,
                false, 0.7, 0.1);
    }

    private static String percentages(Map<String, Double> accuracy) {
        StringBuilder line = new StringBuilder();
        for (String split : java.util.List.of("train", "validation", "test")) {
            Double value = accuracy.get(split);
            if (value != null && !value.isNaN()) {
                line.append(line.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f%%", split, 100 * value));
            }
        }
        return line.toString();
    }
}
