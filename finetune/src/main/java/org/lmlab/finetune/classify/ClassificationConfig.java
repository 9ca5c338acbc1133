package org.lmlab.finetune.classify;

import org.lmlab.training.objective.ObjectiveConfig;

/**
 * {@code classification}: one label per text. {@code framing} is {@code plain} (a decoder: the
 * text's ids) or {@code cls-sep} (an encoder: {@code [CLS] ids [SEP]}, as
 * {@link org.lmlab.training.text.ModelText} frames an encoder's text); {@code max_length}
 * truncates each example to that many tokens, framing included (0: no truncation).
 */
public record ClassificationConfig(String type, String framing, int maxLength) implements ObjectiveConfig {

    /** Framing of a decoder's text. */
    public static final String PLAIN = "plain";

    /** Framing of an encoder's text. */
    public static final String CLS_SEP = "cls-sep";

    public ClassificationConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("objective.type: required");
        }
        if (!PLAIN.equals(framing) && !CLS_SEP.equals(framing)) {
            throw new IllegalArgumentException("objective.framing: must be " + PLAIN + " or " + CLS_SEP + ", got " + framing);
        }
        int minimum = CLS_SEP.equals(framing) ? 3 : 1;
        if (maxLength < 0 || maxLength > 0 && maxLength < minimum) {
            throw new IllegalArgumentException("objective.max_length: must be 0 (no truncation) or room for a token"
                    + (CLS_SEP.equals(framing) ? " besides [CLS] and [SEP] (3 or more)" : " (1 or more)") + ", got " + maxLength);
        }
    }

    /** The objective under its name, a decoder's plain framing, no truncation ({@code --objective classification}). */
    public static ClassificationConfig standard() {
        return new ClassificationConfig(ClassificationObjective.NAME, PLAIN, 0);
    }

    /** True for {@code cls-sep}. */
    public boolean framed() {
        return CLS_SEP.equals(framing);
    }
}
