package org.lmlab.tokenizers.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Loads a per-code-point byte table from a class-path resource of runs: each line holds the
 * first code point of a run (hex) and the value that holds up to the next line's code point;
 * {@code #} lines are comments. Unicode property tables ship this way so that tokenizers do
 * not depend on the running JDK's Unicode version.
 */
public final class CodePointTable {

    private CodePointTable() {
    }

    /** The table of {@code resource}, resolved relative to {@code owner}'s package; a value for every code point. */
    public static byte[] load(Class<?> owner, String resource) {
        return load(owner, resource, null);
    }

    /**
     * The table of {@code resource} with each run's value {@code v} replaced by {@code mapping[v]}
     * ({@code null}: kept). Mapping the runs, not the 1.1 million code points, keeps a derived
     * table's start-up cost that of reading the resource.
     */
    public static byte[] load(Class<?> owner, String resource, byte[] mapping) {
        byte[] values = new byte[Character.MAX_CODE_POINT + 1];
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource + ": the tokenizers jar is incomplete");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int start = -1;
            byte value = 0;
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(" ");
                int next = fields.length == 2 ? Integer.parseInt(fields[0], 16) : -1;
                if (next <= start || next > Character.MAX_CODE_POINT || (start < 0 && next != 0)) {
                    throw new IllegalStateException(resource + ":" + lineNumber + ": malformed run \"" + line + "\"");
                }
                if (start >= 0) {
                    Arrays.fill(values, start, next, value);
                }
                start = next;
                value = Byte.parseByte(fields[1]);
                if (mapping != null) {
                    if (value < 0 || value >= mapping.length) {
                        throw new IllegalStateException(resource + ":" + lineNumber + ": value " + value + " outside 0.." + (mapping.length - 1));
                    }
                    value = mapping[value];
                }
            }
            if (start < 0) {
                throw new IllegalStateException(resource + ": no runs");
            }
            Arrays.fill(values, start, values.length, value);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
