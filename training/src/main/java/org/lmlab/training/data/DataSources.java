package org.lmlab.training.data;

import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.lmlab.layers.core.Registry;

/** The data-source seam: every registered {@link DataSourceType} by name, filled by Guice. */
public final class DataSources {

    private final Registry<DataSourceType<?>> types;

    @Inject
    public DataSources(Map<String, DataSourceType<?>> types) {
        this.types = new Registry<>("data.type", types);
    }

    /** The examples a config describes. */
    public PreparedData prepare(DataSourceConfig config, DataRequest request) throws IOException {
        return types.get(config.type()).prepare(config, request);
    }

    /** The values of the fields a config of this source may omit, by snake_case key (unknown names fail with the known ones). */
    public Map<String, Object> defaults(String name) {
        return types.get(name).defaults();
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return types.names();
    }
}
