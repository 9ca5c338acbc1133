package org.lmlab.training.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import org.lmlab.layers.config.Json;
import org.lmlab.layers.engine.OfflineEngine;

/**
 * Where and with what a run was made: lmlab's version and git commit, the Java, DJL, PyTorch
 * and operating-system versions, the CPU, the thread counts, how the native library's MKL
 * picks its kernels ({@code mkl-any-cpu} when the launcher lifted its Intel-only check on an AMD
 * CPU, which changes speed and the last bits of results) and when it started. Written as
 * {@value #FILE} into every run so a report can say how to reproduce it (Tribuo's provenance
 * idea, kept to the facts that change results).
 */
public record Provenance(
        String lmlabVersion,
        GitState git,
        String java,
        String djl,
        String pytorch,
        String os,
        String cpu,
        int cores,
        int threads,
        int interopThreads,
        String nativeMath,
        List<String> command,
        String startedAt) {

    /** The file a run keeps its provenance in. */
    public static final String FILE = "provenance.json";

    private static final ObjectMapper JSON = Json.MAPPER;

    public Provenance {
        command = List.copyOf(command);
    }

    /** The facts of this process now, with the JVM's own record of its main class and arguments as the command. */
    public static Provenance capture() {
        String command = System.getProperty("sun.java.command", "");
        return capture(command.isBlank() ? List.of() : List.of(command.split(" ")));
    }

    /** The facts of this process now; {@code command} is what was run (for the report's "reproduce with" line). */
    public static Provenance capture(List<String> command) {
        Properties build = buildProperties();
        return new Provenance(
                build.getProperty("version", "unknown"),
                GitState.of(Path.of(System.getProperty("lmlab.root", "."))),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version", System.getProperty("java.version")),
                build.getProperty("djl", "unknown"),
                build.getProperty("pytorch", "unknown"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                CpuModel.name(),
                Runtime.getRuntime().availableProcessors(),
                OfflineEngine.nativeThreads(),
                OfflineEngine.nativeInteropThreads(),
                nativeMathOfLauncher(),
                command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** What the launcher says about the native math library ({@code LMLAB_NATIVE_MATH}), {@code default} otherwise. */
    private static String nativeMathOfLauncher() {
        String value = System.getenv("LMLAB_NATIVE_MATH");
        return value == null || value.isBlank() ? "default" : value;
    }

    /** Writes this record as {@value #FILE} in {@code directory}. */
    public void write(Path directory) throws IOException {
        Files.writeString(directory.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n",
                StandardCharsets.UTF_8);
    }

    /** Reads a run's {@value #FILE}. */
    public static Provenance read(Path directory) throws IOException {
        return JSON.readValue(directory.resolve(FILE).toFile(), Provenance.class);
    }

    private static Properties buildProperties() {
        String resource = "/org/lmlab/training/build.properties";
        try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
