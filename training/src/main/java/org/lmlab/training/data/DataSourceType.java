package org.lmlab.training.data;

import java.io.IOException;

/**
 * A registered data source: the config record it reads and its factory.
 *
 * @param <C> the source's config record
 */
public record DataSourceType<C extends DataSourceConfig>(Class<C> config, DataSourceFactory<C> factory) {

    /** The examples for a config of this source. */
    public PreparedData prepare(DataSourceConfig given, DataRequest request) throws IOException {
        if (!config.isInstance(given)) {
            throw new IllegalArgumentException("data.type: '" + given.type() + "' reads a "
                    + config.getSimpleName() + ", got a " + given.getClass().getSimpleName());
        }
        return factory.prepare(config.cast(given), request);
    }
}
