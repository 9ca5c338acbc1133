package org.lmlab.training.data;

import java.io.IOException;
import java.util.Map;

/**
 * A registered data source: the config record it reads, its factory, and the values of the
 * fields a file may omit ({@code defaults}, by snake_case key: an experiment file's
 * {@code {type: corpus, path: ...}} takes the rest from here; fields without a default, such as a
 * corpus's path, must be given).
 *
 * @param <C> the source's config record
 */
public record DataSourceType<C extends DataSourceConfig>(Class<C> config, DataSourceFactory<C> factory, Map<String, Object> defaults) {

    public DataSourceType {
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    }

    /** A source whose every field must be given. */
    public DataSourceType(Class<C> config, DataSourceFactory<C> factory) {
        this(config, factory, Map.of());
    }

    /** The examples for a config of this source. */
    public PreparedData prepare(DataSourceConfig given, DataRequest request) throws IOException {
        if (!config.isInstance(given)) {
            throw new IllegalArgumentException("data.type: '" + given.type() + "' reads a "
                    + config.getSimpleName() + ", got a " + given.getClass().getSimpleName());
        }
        return factory.prepare(config.cast(given), request);
    }
}
