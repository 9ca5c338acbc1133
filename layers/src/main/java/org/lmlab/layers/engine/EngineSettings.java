package org.lmlab.layers.engine;

/**
 * Thread counts for the PyTorch engine. They must be fixed before the engine starts: results
 * are bit-identical only for the same thread count, and the inter-op pool cannot be resized.
 *
 * @param threads intra-op threads (one matmul split across cores)
 * @param interopThreads inter-op threads (independent ops in parallel; 1 suits our eager use)
 */
public record EngineSettings(int threads, int interopThreads) {

    /** System property for intra-op threads; the same key DJL reads. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    /** System property for inter-op threads; the same key DJL reads. */
    public static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    public EngineSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (interopThreads < 1) {
            throw new IllegalArgumentException("interop threads must be at least 1, got " + interopThreads);
        }
    }

    /**
     * The default for this machine: one intra-op thread per available core, one inter-op
     * thread. Overridden by the two system properties when they are set.
     */
    public static EngineSettings fromSystemProperties() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new EngineSettings(
                intProperty(THREADS_PROPERTY, cores), intProperty(INTEROP_THREADS_PROPERTY, 1));
    }

    private static int intProperty(String key, int fallback) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + key + " must be a whole number, got '" + value + "'", e);
        }
    }
}
