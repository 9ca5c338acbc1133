package org.lmlab.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * How much memory a new run may take, which {@link TrainJob} compares with its
 * {@link MemoryEstimate} before writing anything. On Linux it is {@code MemAvailable} of
 * {@code /proc/meminfo} (what the kernel says can be allocated without swapping); elsewhere, or
 * if that file cannot be read, it is unknown and nothing is refused. Tests inject a fixed amount:
 * in-process through {@link #of}, and at the command line through the system property
 * {@value #PROPERTY} ({@code -Dlmlab.available_memory_bytes=1000000}, a test seam: it replaces
 * {@code /proc/meminfo}'s figure, so a child {@code lmlab train} can be refused on purpose).
 */
@FunctionalInterface
public interface AvailableMemory {

    /** The test seam's system property: a whole number of bytes that replaces the machine's figure. */
    String PROPERTY = "lmlab.available_memory_bytes";

    /** Bytes available now, or empty where unknown. */
    OptionalLong bytes();

    /** The machine's, from {@code /proc/meminfo}; or {@value #PROPERTY}'s bytes when that system property is set. */
    static AvailableMemory system() {
        return () -> {
            String injected = System.getProperty(PROPERTY);
            if (injected != null) {
                return OptionalLong.of(fromProperty(injected));
            }
            Path meminfo = Path.of("/proc/meminfo");
            if (!Files.isReadable(meminfo)) {
                return OptionalLong.empty();
            }
            try {
                return parse(Files.readAllLines(meminfo));
            } catch (IOException unreadable) {
                return OptionalLong.empty();
            }
        };
    }

    /** {@value #PROPERTY}'s value in bytes, or an error naming the property. */
    static long fromProperty(String value) {
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException malformed) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + ": must be a whole number of bytes, got '" + value + "'");
    }

    /** A fixed amount (tests). */
    static AvailableMemory of(long bytes) {
        return () -> OptionalLong.of(bytes);
    }

    /** {@code MemAvailable:  24185808 kB} from the lines of {@code /proc/meminfo}, in bytes; empty if absent or malformed. */
    static OptionalLong parse(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("MemAvailable:")) {
                String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? OptionalLong.of(value * 1024) : OptionalLong.of(value);
                } catch (NumberFormatException malformed) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
