package org.lmlab.training.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.score.MaskTokens;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.SpecialTokens.Role;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.training.run.RunDirectory;

/**
 * The text side of a model, in one place for every command and task: which tokenizer reads
 * for it, and how a text is framed for it.
 *
 * <ul>
 *   <li>Tokenizer: the one a model directory records it was trained with ({@link ModelTokenizer}),
 *       else its own {@code tokenizer.json} if it has one, else the
 *       bundled tokenizer with the model's vocabulary size (GPT-2's BPE for 50257,
 *       bert-base-uncased for 30522), else an error asking for one.</li>
 *   <li>Framing: an encoder gets {@code [CLS] ... [SEP]} ({@link EncoderFraming}) when the
 *       vocabulary has those tokens, as the masked-LM objective trains it; a decoder gets the
 *       plain ids.</li>
 *   <li>Masked scoring: the [MASK] id, and the ids pseudo-log-likelihood never scores
 *       ([CLS], [SEP] and [PAD], whichever the vocabulary has).</li>
 * </ul>
 */
public final class ModelText {

    /** The bundled tokenizers by the vocabulary size of the presets that use them. */
    private static final Map<Integer, String> BUNDLED_BY_VOCABULARY = Map.of(
            Presets.GPT2_VOCAB, "gpt2",
            Presets.BERT_VOCAB, "bert-base-uncased");

    private final Tokenizer tokenizer;
    private final Optional<EncoderFraming> framing;

    private ModelText(Tokenizer tokenizer, Optional<EncoderFraming> framing) {
        this.tokenizer = tokenizer;
        this.framing = framing;
    }

    /**
     * The tokenizer name or path for a model given as a preset name, a model directory or a run
     * directory (its {@code model/}): the tokenizer the directory records ({@link ModelTokenizer},
     * what it was trained with, its files checked against their SHA-256), else its
     * {@code tokenizer.json}, else the bundled tokenizer of the model's vocabulary size, else an
     * error asking for one.
     *
     * @throws java.io.UncheckedIOException if the recorded tokenizer's files are missing or changed
     */
    public static String tokenizerName(String modelSource, ModelConfig config) {
        Path directory = Path.of(modelSource);
        if (Files.isDirectory(directory)) {
            RunDirectory run = new RunDirectory(directory);
            if (run.holdsRun() && Files.isDirectory(run.model())) {
                directory = run.model();
            }
            try {
                Optional<String> recorded = ModelTokenizer.recorded(directory);
                if (recorded.isPresent()) {
                    return recorded.get();
                }
            } catch (IOException unusable) {
                throw new UncheckedIOException(unusable.getMessage(), unusable);
            }
            Path own = directory.resolve("tokenizer.json");
            if (Files.isRegularFile(own)) {
                return own.toString();
            }
        }
        String bundled = BUNDLED_BY_VOCABULARY.get(config.vocabSize());
        if (bundled == null) {
            throw new IllegalArgumentException("model " + config.name() + " has a vocabulary of " + config.vocabSize()
                    + " tokens, which no bundled tokenizer has; put its tokenizer.json beside it"
                    + " (or pass --ids / --tokenizer)");
        }
        return bundled;
    }

    /** The text side of a model loaded from {@code directory}, its tokenizer chosen by {@link #tokenizerName}. */
    public static ModelText forModel(Tokenizers tokenizers, Path directory, LanguageModel model) throws IOException {
        return of(tokenizers.resolve(tokenizerName(directory.toString(), model.config())), model);
    }

    /** The text side of {@code model} read by a tokenizer the caller chose. */
    public static ModelText of(Tokenizer tokenizer, LanguageModel model) {
        return new ModelText(tokenizer, model.isCausal() ? Optional.empty() : EncoderFraming.of(tokenizer.specialTokens()));
    }

    /** The ids the model should see for this text: encoded (special-token strings as plain text), then framed. */
    public int[] encode(String text) {
        return frame(tokenizer.encode(text));
    }

    /** Ids framed for the model: {@code [CLS] ids [SEP]} for a framed encoder, the ids themselves otherwise. */
    public int[] frame(int[] ids) {
        return framing.map(f -> f.frame(ids)).orElse(ids);
    }

    /** The encoder framing, if this model's text is framed. */
    public Optional<EncoderFraming> framing() {
        return framing;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The [MASK] id and the never-scored [CLS], [SEP], [PAD] ids, for pseudo-log-likelihood; needs a [MASK] token. */
    public MaskTokens maskTokens() {
        SpecialTokens specials = tokenizer.specialTokens();
        int mask = EncoderFraming.requireRole(specials, Role.MASK, "pseudo-log-likelihood");
        Set<Integer> unscored = new HashSet<>();
        for (Role role : new Role[] {Role.CLS, Role.SEP, Role.PAD}) {
            specials.id(role).ifPresent(unscored::add);
        }
        return new MaskTokens(mask, unscored);
    }
}
