package org.lmlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code lmlab} in a child JVM with this test JVM's class path (main and test classes, so
 * test plugins load) and the same engine settings (thread counts, offline, token cache), as the
 * launcher would start it.
 */
final class ChildLmlab {

    private ChildLmlab() {
    }

    /** A child {@code lmlab ARGS} with extra {@code -D} properties; stderr goes to {@code stderr}. */
    static Process start(Path stderr, List<String> properties, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath);
        for (String name : List.of("ai.djl.offline", "ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads",
                "lmlab.root", "lmlab.token.cache", "org.slf4j.simpleLogger.defaultLogLevel", "http.proxyHost", "http.proxyPort",
                "https.proxyHost", "https.proxyPort")) {
            String value = System.getProperty(name);
            if (value != null) {
                command.add("-D" + name + "=" + value);
            }
        }
        properties.forEach(property -> command.add("-D" + property));
        command.add(Lmlab.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return builder.start();
    }
}
