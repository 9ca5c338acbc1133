package org.lmlab.layers.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Starts DJL's PyTorch engine once per JVM, offline and with pinned thread counts.
 *
 * <p>Everything in lmlab that needs tensors goes through {@link #get()} first, so the native
 * library is always taken from the {@code pytorch-native-cpu} jar on the class path (never
 * downloaded) and the thread counts are the ones the caller chose, which is what makes runs
 * repeatable.
 */
public final class OfflineEngine {

    /** DJL's name for the PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";

    private static final String OFFLINE_PROPERTY = "ai.djl.offline";

    private static EngineSettings started;

    private OfflineEngine() {
    }

    /** The engine, started with {@link EngineSettings#fromSystemProperties()} if not yet running. */
    public static synchronized Engine get() {
        return started == null ? start(EngineSettings.fromSystemProperties()) : Engine.getEngine(ENGINE_NAME);
    }

    /**
     * Starts the engine with these settings. Calling it again with the same settings is a no-op;
     * with other settings it fails, because the inter-op pool of a running engine is fixed.
     */
    public static synchronized Engine start(EngineSettings settings) {
        if (started != null) {
            if (!started.equals(settings)) {
                throw new IllegalStateException("the engine already runs with " + started + ", cannot switch to " + settings);
            }
            return Engine.getEngine(ENGINE_NAME);
        }
        System.setProperty(OFFLINE_PROPERTY, "true");
        System.setProperty(EngineSettings.THREADS_PROPERTY, Integer.toString(settings.threads()));
        System.setProperty(EngineSettings.INTEROP_THREADS_PROPERTY, Integer.toString(settings.interopThreads()));
        Engine engine = Engine.getEngine(ENGINE_NAME);
        if (JniUtils.getNumThreads() != settings.threads()) {
            JniUtils.setNumThreads(settings.threads());
        }
        started = settings;
        return engine;
    }

    /** The settings the running engine was started with, or null before {@link #start}. */
    public static synchronized EngineSettings settings() {
        return started;
    }

    /** Threads the native library actually uses now, read back from PyTorch. */
    public static int nativeThreads() {
        get();
        return JniUtils.getNumThreads();
    }

    /** Inter-op threads the native library actually uses now, read back from PyTorch. */
    public static int nativeInteropThreads() {
        get();
        return JniUtils.getNumInteropThreads();
    }
}
