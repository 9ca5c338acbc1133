package org.lmlab.experiments.cli;

import org.lmlab.training.text.ModelText;
import org.lmlab.tokenizers.Tokenizers;
import jakarta.inject.Inject;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;
import org.lmlab.models.embed.Pooling;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.training.objective.Padding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lmlab embed}: one vector per text from a model's final hidden states (any model,
 * whatever its head), pooled over the text's real tokens. Texts are batched and right-padded
 * with the tokenizer's padding id; the padding mask hides the pads from attention and from
 * pooling, so a text's vector does not depend on what it is batched with.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Write one JSON line {\"index\": i, \"tokens\": n, \"embedding\": [...]} per text,"
                + " read one per line from standard input (or given with --text).",
            "Encoders see [CLS] text [SEP] (counted in tokens and pooled over); decoders see the text's tokens."
                + " The vector pools the model's final hidden states (after its final norm, before any head)."})
final class EmbedCommand implements Callable<Integer> {

    private final ModelDirectory directories;
    private final Tokenizers tokenizers;

    @Inject
    EmbedCommand(ModelDirectory directories, Tokenizers tokenizers) {
        this.directories = directories;
        this.tokenizers = tokenizers;
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Model directory: Hugging Face GPT-2/BERT (BertModel included) or lmlab layout; or a run directory (its model/).")
    private Path model;

    @Option(names = "--pooling", defaultValue = "mean", paramLabel = "MODE",
            description = "mean (of the real tokens), cls (the first token) or last (the last real token; the one a"
                    + " decoder computed from the whole text); default: ${DEFAULT-VALUE}, for encoders and decoders alike.")
    private Pooling pooling;

    @Option(names = "--normalize", description = "Divide each vector by its Euclidean (L2) norm.")
    private boolean normalize;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "N",
            description = "Texts per forward pass (default: ${DEFAULT-VALUE}); the vectors do not depend on it"
                    + " beyond float rounding.")
    private int batch;

    @Option(names = "--text", paramLabel = "TEXT",
            description = "A text to embed (repeatable); without it, each line of standard input is a text.")
    private List<String> texts;

    @Override
    public Integer call() throws IOException {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch: must be at least 1, got " + batch);
        }
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            CliModels.Loaded source = CliModels.load(directories, model, manager, spec.commandLine().getErr());
            LanguageModel loaded = source.model();
            ModelText tokenizer = ModelText.forModel(tokenizers, source.directory(), loaded);
            int padId = Padding.padId(tokenizer.tokenizer());
            PrintWriter out = spec.commandLine().getOut();
            List<int[]> pending = new ArrayList<>(batch);
            int index = 0;
            int written = 0;
            TokenizeLines lines = texts == null ? new TokenizeLines(System.in, "<stdin>") : null;
            if (lines != null) {
                Terminal.noticeReadingStdin(spec.commandLine().getErr(), "embed", "--text TEXT embeds one text");
            }
            for (String text = next(lines, index); text != null; text = next(lines, ++index)) {
                pending.add(checked(tokenizer.encode(text), index, loaded.config().contextLength()));
                if (pending.size() == batch) {
                    written = write(out, embed(loaded, manager, pending, padId), pending, written);
                    pending.clear();
                }
            }
            if (!pending.isEmpty()) {
                write(out, embed(loaded, manager, pending, padId), pending, written);
            }
            out.flush();
        }
        return 0;
    }

    /** The text at {@code index}: from --text, else the next line of standard input; null at the end. */
    private String next(TokenizeLines lines, int index) throws IOException {
        if (lines == null) {
            return index < texts.size() ? texts.get(index) : null;
        }
        return lines.next();
    }

    private static int[] checked(int[] ids, int index, int context) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("text " + index + ": no tokens to embed");
        }
        if (ids.length > context) {
            throw new IllegalArgumentException("text " + index + ": " + ids.length
                    + " tokens exceed the model's context of " + context);
        }
        return ids;
    }

    /** Pooled (and optionally normalised) vectors, [rows][width], for right-padded rows. */
    private float[][] embed(LanguageModel loaded, NDManager manager, List<int[]> rows, int padId) {
        int length = rows.stream().mapToInt(ids -> ids.length).max().orElseThrow();
        boolean ragged = rows.stream().anyMatch(ids -> ids.length != length);
        long[] tokens = new long[rows.size() * length];
        float[] mask = new float[rows.size() * length];
        for (int row = 0; row < rows.size(); row++) {
            int[] ids = rows.get(row);
            for (int t = 0; t < length; t++) {
                boolean real = t < ids.length;
                tokens[row * length + t] = real ? ids[t] : padId;
                mask[row * length + t] = real ? 1f : 0f;
            }
        }
        try (NDManager step = manager.newSubManager()) {
            Shape shape = new Shape(rows.size(), length);
            NDArray padding = ragged ? step.create(mask, shape) : null;
            NDArray hidden = loaded.hidden(new ModelInput(step.create(tokens, shape), padding, null), false);
            NDArray pooled = pooling.pool(hidden, padding);
            if (normalize) {
                pooled = Pooling.normalize(pooled);
            }
            int width = (int) pooled.getShape().get(1);
            float[] flat = pooled.toFloatArray();
            float[][] vectors = new float[rows.size()][];
            for (int row = 0; row < rows.size(); row++) {
                vectors[row] = Arrays.copyOfRange(flat, row * width, (row + 1) * width);
            }
            return vectors;
        }
    }

    private static int write(PrintWriter out, float[][] vectors, List<int[]> rows, int first) {
        StringBuilder line = new StringBuilder();
        for (int row = 0; row < vectors.length; row++) {
            line.setLength(0);
            line.append("{\"index\": ").append(first + row).append(", \"tokens\": ").append(rows.get(row).length)
                    .append(", \"embedding\": [");
            for (int d = 0; d < vectors[row].length; d++) {
                float value = vectors[row][d];
                if (!Float.isFinite(value)) {
                    throw new IllegalStateException("text " + (first + row) + ": the embedding holds " + value);
                }
                line.append(d == 0 ? "" : ", ").append(value);
            }
            out.append(line).append("]}\n");
        }
        return first + vectors.length;
    }
}
