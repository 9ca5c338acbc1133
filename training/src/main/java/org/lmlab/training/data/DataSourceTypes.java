package org.lmlab.training.data;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import org.lmlab.layers.config.Components;

/** Registers data sources: {@code DataSourceTypes.register(binder(), "my-data", MyConfig.class, new MySource())}. */
public final class DataSourceTypes {

    /** The type of the seam's map, for injection. */
    public static final TypeLiteral<DataSourceType<?>> TYPE = new TypeLiteral<>() { };

    private DataSourceTypes() {
    }

    /** Registers the data source {@code name}, read into {@code config} and prepared by {@code factory}. */
    public static <C extends DataSourceConfig> void register(Binder binder, String name, Class<C> config, DataSourceFactory<C> factory) {
        Components.register(binder, TYPE, DataSourceConfig.class, name, config, new DataSourceType<>(config, factory));
    }

    /**
     * Registers the data source {@code name} with the values of the fields a config file may omit
     * ({@code defaults}, by snake_case key), e.g. {@code Map.of("validation_fraction", 0.1, "stride", 0)}.
     */
    public static <C extends DataSourceConfig> void register(Binder binder, String name, Class<C> config,
            java.util.Map<String, Object> defaults, DataSourceFactory<C> factory) {
        Components.register(binder, TYPE, DataSourceConfig.class, name, config, new DataSourceType<>(config, factory, defaults));
    }
}
