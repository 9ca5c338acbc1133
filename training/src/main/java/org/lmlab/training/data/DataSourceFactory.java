package org.lmlab.training.data;

import java.io.IOException;

/**
 * Prepares the examples of one registered data source from its own config record.
 *
 * @param <C> the source's config record
 */
@FunctionalInterface
public interface DataSourceFactory<C extends DataSourceConfig> {

    /**
     * The examples, checked to be usable (files exist and are valid, the training set is not empty).
     *
     * @throws IOException naming the file that cannot be read
     */
    PreparedData prepare(C config, DataRequest request) throws IOException;
}
