package org.lmlab.training.objective;

/** {@code masked-lm}: BERT's masked-token prediction with its masking rule (BERT's published one when absent). */
public record MaskedLmConfig(String type, MaskingConfig masking) implements ObjectiveConfig {

    public MaskedLmConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("objective.type: required");
        }
        if (masking == null) {
            masking = MaskingConfig.BERT;
        }
    }

    /** The objective under its built-in name with BERT's published masking rule. */
    public static MaskedLmConfig standard() {
        return new MaskedLmConfig(MaskedLmObjective.NAME, MaskingConfig.BERT);
    }

    /** The same objective with whole-word masking on or off. */
    public MaskedLmConfig withWholeWord(boolean enabled) {
        return new MaskedLmConfig(type, masking.withWholeWord(enabled));
    }
}
