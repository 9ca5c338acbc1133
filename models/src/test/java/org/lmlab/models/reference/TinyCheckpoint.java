package org.lmlab.models.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lmlab.models.hf.HfConfig;
import org.lmlab.models.hf.HfConfigs;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsWriter;

/** Builds a hand-specified checkpoint (every weight typed into the test) in a directory. */
final class TinyCheckpoint {

    private final List<HostTensor> tensors = new ArrayList<>();

    /** Adds a tensor given its shape and its values row-major (they must be exact in float). */
    TinyCheckpoint put(String name, long[] shape, double... values) {
        float[] data = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (float) values[i];
            if (data[i] != values[i]) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i] + " is not exact in float");
            }
        }
        tensors.add(new HostTensor(name, shape, data));
        return this;
    }

    TinyCheckpoint vector(String name, double... values) {
        return put(name, new long[] {values.length}, values);
    }

    TinyCheckpoint matrix(String name, double[][] rows) {
        double[] flat = new double[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        return put(name, new long[] {rows.length, rows[0].length}, flat);
    }

    Path writeTo(Path directory, HfConfig config) throws IOException {
        SafetensorsWriter.write(directory.resolve(HfCheckpointFixtures.WEIGHTS_FILE), tensors, Map.of());
        HfConfigs.write(directory.resolve(HfCheckpointFixtures.CONFIG_FILE), config);
        return directory;
    }
}
