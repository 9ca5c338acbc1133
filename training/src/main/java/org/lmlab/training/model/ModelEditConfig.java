package org.lmlab.training.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.lmlab.layers.config.ComponentConfig;

/**
 * A named change to a model after it comes from its source (a preset, a directory, a run):
 * {@code type} is a registered edit ({@code replace-head}, {@code freeze}; LoRA next) and
 * selects its own config record. A run applies its edits in order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
public interface ModelEditConfig extends ComponentConfig {
}
