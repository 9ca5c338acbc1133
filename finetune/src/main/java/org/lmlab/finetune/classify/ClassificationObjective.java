package org.lmlab.finetune.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.head.HeadOutput;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.training.data.Example;
import org.lmlab.training.objective.DeviceBatch;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.objective.IgnoreIndexCrossEntropy;
import org.lmlab.training.objective.LossOutput;
import org.lmlab.training.objective.MetricSum;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.seed.SeededRandom;
import org.lmlab.training.text.EncoderFraming;
import org.lmlab.training.text.ModelText;

/**
 * Sequence classification (the book's chapter 6): cross-entropy over the labels of a
 * classification head ([B, classes] logits read from the model's summary vector: the last real
 * token of a decoder, the pooled [CLS] of an encoder), with accuracy as a metric.
 *
 * <p>The collate ({@link #prepare}): each example's ids are cut to {@code max_length} (framing
 * included: an encoder keeps {@code max_length - 2} text tokens between [CLS] and [SEP]), rows
 * are right-padded to the longest with the tokenizer's padding token, else its end-of-text token
 * (GPT-2's 50256, as the book pads), else 0, and the padding mask marks the real tokens, so the
 * decoder's summary is the last real token, not a pad. Labels are one class id per row.
 */
public final class ClassificationObjective implements Objective {

    /** The registered name. */
    public static final String NAME = "classification";

    /** The name of the accuracy metric in {@code metrics.jsonl}. */
    public static final String ACCURACY = "accuracy";

    private final ClassificationConfig config;
    private final Optional<EncoderFraming> framing;
    private final boolean vocabularyFrames;
    private final int padId;

    public ClassificationObjective(ClassificationConfig config, Tokenizer tokenizer) {
        this.config = config;
        SpecialTokens specials = tokenizer.specialTokens();
        this.framing = config.framed() ? Optional.of(EncoderFraming.require(specials, "objective.framing " + ClassificationConfig.CLS_SEP))
                : Optional.empty();
        this.vocabularyFrames = EncoderFraming.of(specials).isPresent();
        this.padId = padId(tokenizer);
    }

    /** The padding id: the tokenizer's padding token, else its end-of-text token, else 0. */
    public static int padId(Tokenizer tokenizer) {
        SpecialTokens specials = tokenizer.specialTokens();
        return specials.id(SpecialTokens.Role.PAD).orElse(specials.id(SpecialTokens.Role.END_OF_TEXT).orElse(0));
    }

    /** The framing a model's text gets (as {@link ModelText} frames it): {@code cls-sep} for an encoder whose vocabulary has both. */
    public static String framingFor(LanguageModel model, Tokenizer tokenizer) {
        return ModelText.of(tokenizer, model).framing().isPresent() ? ClassificationConfig.CLS_SEP : ClassificationConfig.PLAIN;
    }

    @Override
    public String name() {
        return NAME;
    }

    public ClassificationConfig config() {
        return config;
    }

    @Override
    public void checkCompatible(LanguageModel model) {
        if (model.output() != HeadOutput.SEQUENCE_LABELS) {
            throw new IllegalArgumentException("objective " + NAME + " needs a model with a classification head (the edit "
                    + "replace-head with head {type: classification, classes: N}); model '" + model.config().name()
                    + "' outputs " + model.output().name().toLowerCase(java.util.Locale.ROOT));
        }
        String expected = !model.isCausal() && vocabularyFrames ? ClassificationConfig.CLS_SEP : ClassificationConfig.PLAIN;
        if (!expected.equals(config.framing())) {
            throw new IllegalArgumentException("objective.framing: model '" + model.config().name() + "' is "
                    + (model.isCausal() ? "a decoder" : "an encoder") + " and reads its text framed " + expected
                    + " (as every lmlab command frames it), got " + config.framing());
        }
        if (config.maxLength() > model.config().contextLength()) {
            throw new IllegalArgumentException("objective.max_length: " + config.maxLength() + " is longer than model '"
                    + model.config().name() + "''s " + model.config().contextLength() + " positions");
        }
    }

    @Override
    public int exampleTokens(int context) {
        return config.maxLength() > 0 ? Math.min(config.maxLength(), context) : context;
    }

    /** The ids the model sees for one example's tokens: truncated to max_length, framing included. */
    public int[] modelIds(int[] tokens) {
        int room = config.maxLength() == 0 ? tokens.length
                : config.maxLength() - (framing.isPresent() ? EncoderFraming.ADDED_TOKENS : 0);
        int[] kept = tokens.length > room ? Arrays.copyOf(tokens, room) : tokens;
        return framing.map(f -> f.frame(kept)).orElse(kept);
    }

    @Override
    public HostBatch prepare(List<Example> examples, SeededRandom random) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": a batch needs at least one example");
        }
        int rows = examples.size();
        int[][] ids = new int[rows][];
        long[] labels = new long[rows];
        for (int r = 0; r < rows; r++) {
            Example example = examples.get(r);
            if (example.targets().length != 1 || example.targets()[0] < 0) {
                throw new IllegalArgumentException(NAME + ": an example needs exactly one class id (0 or more) as its target, got "
                        + Arrays.toString(example.targets()));
            }
            ids[r] = modelIds(example.tokens());
            labels[r] = example.targets()[0];
        }
        int length = Arrays.stream(ids).mapToInt(row -> row.length).max().orElseThrow();
        boolean ragged = Arrays.stream(ids).anyMatch(row -> row.length != length);
        long[] tokens = new long[rows * length];
        float[] padding = ragged ? new float[rows * length] : null;
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < length; t++) {
                boolean real = t < ids[r].length;
                tokens[r * length + t] = real ? ids[r][t] : padId;
                if (padding != null) {
                    padding[r * length + t] = real ? 1f : 0f;
                }
            }
        }
        return new HostBatch(rows, length, tokens, padding, labels, new long[] {rows});
    }

    @Override
    public LossOutput loss(LanguageModel model, DeviceBatch batch, boolean training) {
        NDArray logits = model.forward(batch.input(), training);
        long classes = logits.getShape().get(1);
        long highest = batch.targets().max().getLong();
        if (highest >= classes) {
            throw new IllegalArgumentException(NAME + ": class id " + highest + " but the model's head has " + classes + " classes");
        }
        NDArray loss = IgnoreIndexCrossEntropy.sum(logits, batch.targets(), batch.weights());
        double correct = logits.argMax(1).toType(DataType.INT64, false).eq(batch.targets())
                .toType(DataType.FLOAT32, false).mul(batch.weights()).sum().getFloat();
        return new LossOutput(loss, batch.targetCount(), Map.of(ACCURACY, new MetricSum(correct, batch.targetCount())));
    }
}
