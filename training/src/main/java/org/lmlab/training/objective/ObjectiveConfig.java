package org.lmlab.training.objective;

/**
 * Which objective trains the model ({@code type}: a registered name) and, for masked
 * language modelling, its masking rule (ignored by the others).
 */
public record ObjectiveConfig(String type, MaskingConfig masking) {

    public ObjectiveConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("objective.type: required");
        }
        if (masking == null) {
            masking = MaskingConfig.BERT;
        }
    }

    /** An objective with the default masking rule. */
    public static ObjectiveConfig of(String type) {
        return new ObjectiveConfig(type, MaskingConfig.BERT);
    }
}
