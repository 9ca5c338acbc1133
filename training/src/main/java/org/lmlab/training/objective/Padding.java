package org.lmlab.training.objective;

import java.util.List;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;

/**
 * Right-pads rows of different lengths into one rectangle: inputs with the tokenizer's padding
 * id (0 if it has none; the padding mask keeps the model from attending to them anyway) and
 * labels with {@link HostBatch#IGNORE}.
 */
public final class Padding {

    private Padding() {
    }

    /** The id used for padding inputs with this tokenizer. */
    public static int padId(Tokenizer tokenizer) {
        return tokenizer.specialTokens().id(SpecialTokens.Role.PAD).orElse(0);
    }

    /** Assembles rows of inputs and per-token labels (each label row as long as its input row) into a batch. */
    public static HostBatch rows(List<int[]> inputs, List<int[]> labels, int padId) {
        if (inputs.isEmpty() || inputs.size() != labels.size()) {
            throw new IllegalArgumentException("a batch needs one label row per input row and at least one row");
        }
        int rows = inputs.size();
        int length = inputs.stream().mapToInt(row -> row.length).max().orElseThrow();
        boolean ragged = inputs.stream().anyMatch(row -> row.length != length);
        long[] tokens = new long[rows * length];
        long[] targets = new long[rows * length];
        float[] padding = ragged ? new float[rows * length] : null;
        for (int r = 0; r < rows; r++) {
            int[] input = inputs.get(r);
            int[] label = labels.get(r);
            if (label.length != input.length) {
                throw new IllegalArgumentException("row " + r + ": " + input.length + " inputs but " + label.length + " labels");
            }
            for (int t = 0; t < length; t++) {
                int at = r * length + t;
                boolean real = t < input.length;
                tokens[at] = real ? input[t] : padId;
                targets[at] = real ? label[t] : HostBatch.IGNORE;
                if (padding != null) {
                    padding[at] = real ? 1f : 0f;
                }
            }
        }
        return new HostBatch(rows, length, tokens, padding, targets, new long[] {rows, length});
    }
}
