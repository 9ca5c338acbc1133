package org.lmlab.experiments.cli;

import java.util.Arrays;

/**
 * The machine's memory-copy rate, the reference the benchmarks put a memory-bound rate beside
 * (the optimizer's update, cached decoding): bytes read plus written per second of copying
 * floats between two Java arrays, the median of 7 copies after 2 warm-ups.
 */
final class CopyRate {

    private CopyRate() {
    }

    /** Bytes per second of copying {@code values} floats. */
    static double bytesPerSecond(int values) {
        float[] from = new float[values];
        float[] to = new float[values];
        Arrays.fill(from, 1f);
        double[] seconds = new double[7];
        for (int i = 0; i < 2 + seconds.length; i++) {
            long started = System.nanoTime();
            System.arraycopy(from, 0, to, 0, values);
            if (i >= 2) {
                seconds[i - 2] = (System.nanoTime() - started) / 1e9;
            }
        }
        Arrays.sort(seconds);
        return 2.0 * Float.BYTES * values / seconds[seconds.length / 2];
    }
}
