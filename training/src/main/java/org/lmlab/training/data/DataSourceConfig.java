package org.lmlab.training.data;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.lmlab.layers.config.ComponentConfig;

/**
 * Where a run's examples come from: {@code type} is a registered data source ({@code corpus};
 * fine-tuning adds labelled text and instruction records) and selects its own config record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
public interface DataSourceConfig extends ComponentConfig {

    /** A short name for what the data is, for default run directory names (a corpus's file stem). */
    default String shortName() {
        return type();
    }
}
