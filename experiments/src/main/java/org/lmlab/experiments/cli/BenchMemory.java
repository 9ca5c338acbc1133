package org.lmlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The process's peak resident memory, from Linux's {@code /proc/self/status} (VmHWM). */
final class BenchMemory {

    private BenchMemory() {
    }

    /** Peak resident set size in bytes, or empty where /proc is not available. */
    static OptionalLong peakResidentBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
