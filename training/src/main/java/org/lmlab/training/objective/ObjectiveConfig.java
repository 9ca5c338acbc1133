package org.lmlab.training.objective;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.lmlab.layers.config.ComponentConfig;

/**
 * Which objective trains the model: {@code type} is a registered name and selects the
 * objective's own config record ({@link CausalLmConfig}, {@link MaskedLmConfig}, a fine-tuning
 * or plugin objective's), so each objective carries only its own knobs.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
public interface ObjectiveConfig extends ComponentConfig {
}
