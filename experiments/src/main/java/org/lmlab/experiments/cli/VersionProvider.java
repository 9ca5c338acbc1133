package org.lmlab.experiments.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reports lmlab's version and the DJL and PyTorch versions it was built against, without starting the engine. */
final class VersionProvider implements IVersionProvider {

    private static final String RESOURCE = "/org/lmlab/experiments/version.properties";

    @Override
    public String[] getVersion() {
        Properties properties = load();
        return new String[] {
            "lmlab " + properties.getProperty("version"),
            "DJL " + properties.getProperty("djl") + ", PyTorch " + properties.getProperty("pytorch")
                    + ", Java " + System.getProperty("java.version")
        };
    }

    private static Properties load() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + RESOURCE + ": the build is incomplete");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
