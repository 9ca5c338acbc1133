package org.lmlab.tokenizers.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lmlab.tokenizers.bpe.BpeModel;
import org.lmlab.tokenizers.bpe.BpeTrainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Time to learn 1,000 byte-level BPE merges from tiny Shakespeare (the issue asks for seconds, not minutes). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BpeTrainBenchmark {

    private String shakespeare;

    @Setup
    public void load() throws IOException {
        shakespeare = Files.readString(Path.of(System.getProperty("lmlab.root", "."), "data", "tinyshakespeare.txt"));
    }

    @Benchmark
    public BpeModel trainOneThousandMerges() {
        return new BpeTrainer(new BpeTrainer.Settings(256 + 1000 + 1, List.of("<|endoftext|>"))).train(shakespeare);
    }
}
