package org.lmlab.experiments.file;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Injector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.experiments.Injection;
import org.lmlab.layers.config.ConfigOverrides.Assignment;

/** One injector (the built-ins plus the test task {@code lines}) and a folder of small experiment files. */
final class ExperimentFixture {

    static final Injector INJECTOR = Injection.create(List.of(new LinesTask.Module()));

    /** The special tokens both a GPT and a BERT need. */
    static final String SPECIALS = "[\"<|endoftext|>\", \"[PAD]\", \"[UNK]\", \"[CLS]\", \"[SEP]\", \"[MASK]\"]";

    /** A valid two-model file over corpus.txt beside it. */
    static final String BASE = """
            name: tiny
            tokenizer:
              train: {vocab_size: 300, data: corpus.txt, special_tokens: %s}
            models:
              gpt: {preset: gpt-tiny, objective: causal-lm}
              bert: {preset: bert-tiny, objective: masked-lm}
            pretrain:
              data: {type: corpus, path: corpus.txt}
              context: 32
              train: {batch_size: 4, steps: 10, epochs: 0}
            """.formatted(SPECIALS);

    private final Path folder;

    ExperimentFixture(Path folder) throws IOException {
        this.folder = folder;
        Files.writeString(folder.resolve("corpus.txt"), "the cat sat on the mat. the dog sat on the log.\n".repeat(20));
        Files.writeString(folder.resolve("empty.txt"), "");
    }

    Path folder() {
        return folder;
    }

    /** Writes a file into the folder. */
    Path write(String name, String yaml) throws IOException {
        return Files.writeString(folder.resolve(name), yaml);
    }

    ExperimentResolver resolver() {
        return INJECTOR.getInstance(ExperimentResolver.class);
    }

    Sweeps sweeps() {
        return INJECTOR.getInstance(Sweeps.class);
    }

    Experiment resolve(Path file, String... sets) throws IOException {
        return resolver().load(file, java.util.Arrays.stream(sets).map(Assignment::parse).toList());
    }

    /** The error lines resolving {@code yaml} (written as {@code name}) gives. */
    List<String> errors(String name, String yaml) throws IOException {
        Path file = write(name, yaml);
        return assertThrows(ExperimentFileException.class, () -> resolve(file)).errors();
    }
}
