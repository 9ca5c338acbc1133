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
 * if that file cannot be read, it is unknown and nothing is refused. Tests inject a fixed amount.
 */
@FunctionalInterface
public interface AvailableMemory {

    /** Bytes available now, or empty where unknown. */
    OptionalLong bytes();

    /** The machine's, from {@code /proc/meminfo}. */
    static AvailableMemory system() {
        return () -> {
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
