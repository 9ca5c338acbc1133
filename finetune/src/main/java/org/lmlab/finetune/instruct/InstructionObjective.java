package org.lmlab.finetune.instruct;

import java.util.List;
import org.lmlab.models.LanguageModel;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.training.data.Example;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.seed.SeededRandom;

/**
 * Instruction fine-tuning's objective, batched as the book's chapter-7 {@code custom_collate_fn}:
 * each example (prompt + response ids) gets one end-of-text token appended; the batch is padded
 * with end-of-text tokens to the longest example + 1; inputs are all but the last position,
 * targets all but the first (shifted by one); every target after a row's first end-of-text is
 * {@value HostBatch#IGNORE}, so the model learns to stop but not to predict padding. With
 * {@code mask_prompt}, targets that are prompt tokens are ignored too (the first response token
 * is still predicted from the prompt's last). Inputs and targets are then cut to
 * {@code max_length}. Padding positions are marked in the padding mask; with causal attention they
 * cannot change a real position anyway. The loss is the default ignore-index cross-entropy.
 *
 * <p>The book masks every target equal to the padding id after the first, which would also hide
 * an end-of-text token inside a text; here the masking is by position.
 */
public final class InstructionObjective implements Objective {

    /** The registered name. */
    public static final String NAME = "instruction";

    private final int endOfText;
    private final boolean maskPrompt;
    private final int maxLength;

    /**
     * @param endOfText the id appended to every example and used for padding
     */
    public InstructionObjective(int endOfText, boolean maskPrompt, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("max_length: must be positive, got " + maxLength);
        }
        this.endOfText = endOfText;
        this.maskPrompt = maskPrompt;
        this.maxLength = maxLength;
    }

    /** The objective for a config, with the tokenizer's end-of-text token. */
    public static InstructionObjective create(InstructionConfig config, Tokenizer tokenizer) {
        int end = tokenizer.specialTokens().id(SpecialTokens.Role.END_OF_TEXT).orElseThrow(() -> new IllegalArgumentException(
                "objective " + NAME + ": the tokenizer has no end-of-text token to end responses with"));
        return new InstructionObjective(end, config.maskPrompt(), config.maxLength());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void checkCompatible(LanguageModel model) {
        if (!model.predictsNextToken()) {
            throw new IllegalArgumentException("objective " + NAME + " needs a model that predicts the next token "
                    + "(a decoder with a token head); model '" + model.config().name() + "' does not");
        }
        if (maxLength > model.config().contextLength()) {
            throw new IllegalArgumentException("objective.max_length: " + maxLength + " is longer than model '"
                    + model.config().name() + "''s context of " + model.config().contextLength() + " positions");
        }
    }

    /** Records are whole examples, not windows; the longest useful one is a context of inputs plus one target. */
    @Override
    public int exampleTokens(int context) {
        return context + 1;
    }

    @Override
    public HostBatch prepare(List<Example> examples, SeededRandom random) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": a batch needs at least one example");
        }
        int longest = examples.stream().mapToInt(example -> example.tokens().length).max().orElseThrow();
        int length = Math.min(longest, maxLength);
        int rows = examples.size();
        long[] tokens = new long[rows * length];
        long[] labels = new long[rows * length];
        float[] padding = new float[rows * length];
        boolean padded = false;
        for (int r = 0; r < rows; r++) {
            Example example = examples.get(r);
            int[] ids = example.tokens();
            int[] marks = example.targets();
            if (marks.length != 0 && marks.length != ids.length) {
                throw new IllegalArgumentException(NAME + ": an example has " + ids.length + " tokens but "
                        + marks.length + " targets");
            }
            int n = ids.length;
            for (int t = 0; t < length; t++) {
                int at = r * length + t;
                tokens[at] = t < n ? ids[t] : endOfText;
                padding[at] = t < n ? 1f : 0f;
                padded |= t >= n;
                long target;
                if (t + 1 < n) {
                    boolean prompt = maskPrompt && marks.length > 0 && marks[t + 1] == HostBatch.IGNORE;
                    target = prompt ? HostBatch.IGNORE : ids[t + 1];
                } else if (t + 1 == n) {
                    target = endOfText;
                } else {
                    target = HostBatch.IGNORE;
                }
                labels[at] = target;
            }
        }
        return new HostBatch(rows, length, tokens, padded ? padding : null, labels, new long[] {rows, length});
    }

    @Override
    public String toString() {
        return NAME + "[end " + endOfText + ", mask_prompt " + maskPrompt + ", max_length " + maxLength + "]";
    }
}
