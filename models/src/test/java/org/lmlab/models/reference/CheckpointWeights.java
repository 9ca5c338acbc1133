package org.lmlab.models.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.lmlab.models.safetensors.SafetensorsFile;

/**
 * The tensors of a checkpoint as float64 vectors and matrices, looked up by Hugging Face name
 * with their shape checked. It remembers which names were used, so a reference can refuse a
 * checkpoint that carries weights it does not understand instead of silently ignoring them.
 */
final class CheckpointWeights implements AutoCloseable {

    private final SafetensorsFile file;
    private final Set<String> used = new HashSet<>();

    private CheckpointWeights(SafetensorsFile file) {
        this.file = file;
    }

    static CheckpointWeights open(Path safetensors) throws IOException {
        return new CheckpointWeights(SafetensorsFile.open(safetensors));
    }

    boolean has(String name) {
        return file.contains(name);
    }

    /** Marks a tensor as deliberately not read (a buffer, or a copy of a tied weight). */
    void skip(String name) {
        used.add(name);
    }

    double[] vector(String name, int length) throws IOException {
        return toDouble(read(name, new long[] {length}));
    }

    double[][] matrix(String name, int rows, int columns) throws IOException {
        double[] flat = toDouble(read(name, new long[] {rows, columns}));
        double[][] matrix = new double[rows][];
        for (int row = 0; row < rows; row++) {
            matrix[row] = Arrays.copyOfRange(flat, row * columns, (row + 1) * columns);
        }
        return matrix;
    }

    /** Fails naming every tensor that was neither read nor skipped nor matched by {@code ignorable}. */
    void requireAllUsed(Predicate<String> ignorable) {
        List<String> unused = file.names().stream().filter(name -> !used.contains(name) && !ignorable.test(name)).toList();
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(file.path() + ": tensors the reference model does not use: " + unused);
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private float[] read(String name, long[] expectedShape) throws IOException {
        long[] shape = file.info(name).shape();
        if (!Arrays.equals(shape, expectedShape)) {
            throw new IllegalArgumentException(file.path() + ": tensor '" + name + "' has shape " + Arrays.toString(shape)
                    + ", expected " + Arrays.toString(expectedShape));
        }
        used.add(name);
        return file.floats(name);
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
