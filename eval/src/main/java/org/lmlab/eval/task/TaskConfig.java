package org.lmlab.eval.task;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.lmlab.layers.config.ComponentConfig;

/**
 * What an evaluation task reads and how: {@code type} is a registered task ({@code perplexity},
 * {@code blimp}, {@code multiple-choice}, {@code classification}, {@code instructions}) and
 * selects the task's own config record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
public interface TaskConfig extends ComponentConfig {
}
