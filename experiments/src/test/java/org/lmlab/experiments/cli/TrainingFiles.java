package org.lmlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmlab.training.data.TokenCache;

/**
 * What a command-line training test trains, laid out in its temporary directory: the micro GPT
 * ({@link MicroGpt}) and a copy of the-verdict, with the token cache pointed inside the same
 * directory so tests never touch the user's cache.
 */
record TrainingFiles(Path model, Path corpus) {

    /** Lays the files out in {@code temp} and points the token cache at {@code temp/cache}; undo with {@link #forget}. */
    static TrainingFiles in(Path temp, float dropout) throws IOException {
        System.setProperty(TokenCache.DIRECTORY_PROPERTY, temp.resolve("cache").toString());
        Path corpus = temp.resolve("verdict.txt");
        Files.copy(Path.of(System.getProperty("lmlab.root"), "data", "the-verdict.txt"), corpus);
        return new TrainingFiles(MicroGpt.save(temp.resolve("micro-gpt"), dropout), corpus);
    }

    /** Points the token cache back at its default. */
    static void forget() {
        System.clearProperty(TokenCache.DIRECTORY_PROPERTY);
    }
}
