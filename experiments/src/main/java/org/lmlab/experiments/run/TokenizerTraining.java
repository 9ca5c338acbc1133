package org.lmlab.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.tokenizers.bpe.BpeFiles;
import org.lmlab.tokenizers.bpe.BpeModel;
import org.lmlab.tokenizers.bpe.BpeTrainer;
import org.lmlab.tokenizers.text.TextFiles;

/**
 * The tokenizer stage of an experiment that trains its own: a byte-level BPE of the asked size
 * learned from a corpus with the project's {@link BpeTrainer}, written as a {@code bpe}
 * directory ({@code encoder.json}, {@code vocab.bpe}) that every model of the run then names as
 * {@code bpe:FOLDER}.
 */
public final class TokenizerTraining {

    private TokenizerTraining() {
    }

    /** Learns the vocabulary from {@code corpus} into {@code folder}. */
    public static void train(Path corpus, int vocabSize, List<String> specialTokens, Path folder, StageProgress progress)
            throws IOException {
        String text = TextFiles.readUtf8(corpus);
        if (text.isBlank()) {
            throw new IllegalArgumentException(corpus + ": empty corpus, nothing to learn a tokenizer from");
        }
        progress.update(0, "learning " + vocabSize + " tokens from " + corpus.getFileName());
        BpeModel model = new BpeTrainer(new BpeTrainer.Settings(vocabSize, specialTokens)).train(text);
        Files.createDirectories(folder);
        BpeFiles.write(model, folder);
    }

    /** The name a run's models use for a tokenizer trained into {@code folder}. */
    public static String nameOf(Path folder) {
        return Tokenizers.BPE_DIRECTORY_TYPE + ":" + folder.toAbsolutePath().normalize();
    }
}
