package org.lmlab.experiments.cli;

import org.lmlab.tokenizers.Tokenizers;
import jakarta.inject.Inject;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.score.Scorer;
import org.lmlab.models.score.ScoringConfig;
import org.lmlab.tokenizers.text.TextFiles;
import org.lmlab.training.text.ModelText;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lmlab score}: how well a model predicts a text. A decoder gives the mean next-token
 * cross-entropy; an encoder the pseudo-log-likelihood loss (each token masked in turn).
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Print loss=<nats> ppl=<exp(loss)> tokens=<n> of a model on a text.",
            "Decoders: mean next-token cross-entropy; tokens= counts the predicted tokens, every token of the text"
                    + " but the first (which nothing predicts).",
            "Encoders: pseudo-log-likelihood (each position except [CLS]/[SEP]/[PAD] masked in turn); tokens= counts"
                    + " those scored positions."})
final class ScoreCommand implements Callable<Integer> {

    private final ModelDirectory directories;
    private final Tokenizers tokenizers;

    @Inject
    ScoreCommand(ModelDirectory directories, Tokenizers tokenizers) {
        this.directories = directories;
        this.tokenizers = tokenizers;
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Model directory: config.json + model.safetensors (Hugging Face GPT-2/BERT) or lmlab-model.json"
                    + " + model.safetensors; or a run directory (its model/).")
    private Path model;

    @Option(names = "--context", defaultValue = "0", paramLabel = "T",
            description = "Decoders: score in windows of at most T tokens, e.g. the context the model was trained at; 0 is the model's context (default: ${DEFAULT-VALUE}).")
    private int context;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    static final class Input {
        @Option(names = "--ids", split = ",", paramLabel = "ID", description = "Token ids, comma-separated, used as given.")
        int[] ids;

        @Option(names = "--text", paramLabel = "TEXT", description = "Text, tokenised with the model's tokenizer.")
        String text;

        @Option(names = "--input", paramLabel = "FILE", description = "A UTF-8 text file, tokenised with the model's tokenizer.")
        Path file;
    }

    @Override
    public Integer call() throws IOException {
        if (context < 0 || context == 1) {
            throw new IllegalArgumentException("--context: must be 0 (the model's context) or at least 2, got " + context);
        }
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            CliModels.Loaded model = CliModels.load(directories, this.model, manager, spec.commandLine().getErr());
            LanguageModel loaded = model.model();
            // A decoder scored on given ids needs no tokenizer; text, and an encoder's mask and special ids, do.
            ModelText text = input.ids != null && loaded.isCausal() ? null : ModelText.forModel(tokenizers, model.directory(), loaded);
            int[] ids = input.ids != null ? input.ids
                    : text.encode(input.text != null ? input.text : TextFiles.readUtf8(input.file));
            checkIds(ids, loaded.config());
            Scorer scorer = Scorer.forModel(loaded, manager, ScoringConfig.DEFAULT.withWindow(context), () -> text.maskTokens());
            spec.commandLine().getOut().println(scorer.sequenceLogLikelihood(ids).score().format());
        }
        return 0;
    }

    private static void checkIds(int[] ids, ModelConfig config) {
        for (int id : ids) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new IllegalArgumentException("--ids: token id " + id + " is outside the model's vocabulary [0, "
                        + config.vocabSize() + ")");
            }
        }
        if (ids.length == 0) {
            throw new IllegalArgumentException("nothing to score: the input has no tokens");
        }
    }
}
