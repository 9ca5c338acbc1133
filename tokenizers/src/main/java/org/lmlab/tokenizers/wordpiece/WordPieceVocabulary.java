package org.lmlab.tokenizers.wordpiece;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lmlab.tokenizers.TokenizerFileException;
import org.lmlab.tokenizers.text.TextFiles;

/**
 * Reads WordPiece vocabularies in BERT's {@code vocab.txt} layout (one token per line, the
 * line number minus one is the id) and holds the bundled bert-base-uncased vocabulary
 * (30,522 tokens from {@code data/bert}), loaded once and shared.
 */
public final class WordPieceVocabulary {

    private static final String BERT_BASE_UNCASED = "/org/lmlab/tokenizers/bert/vocab-bert-base-uncased.txt";

    private WordPieceVocabulary() {
    }

    /** The shared bert-base-uncased tokenizer. */
    public static WordPieceTokenizer bertBaseUncased() {
        return Holder.BERT;
    }

    /** The tokens of a {@code vocab.txt} file, in id order. */
    public static List<String> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** The tokens of a {@code vocab.txt} stream, in id order; {@code name} is used in error messages. */
    public static List<String> read(InputStream in, String name) throws IOException {
        String[] lines = TextFiles.decode(in.readAllBytes(), name).split("\n", -1);
        int count = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        List<String> tokens = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < count; index++) {
            String token = lines[index].endsWith("\r") ? lines[index].substring(0, lines[index].length() - 1) : lines[index];
            if (token.isEmpty()) {
                throw new TokenizerFileException(name, index + 1, "empty token");
            }
            if (!seen.add(token)) {
                throw new TokenizerFileException(name, index + 1, "token \"" + token + "\" appears twice");
            }
            tokens.add(token);
        }
        if (tokens.isEmpty()) {
            throw new TokenizerFileException(name, "the vocabulary is empty");
        }
        return tokens;
    }

    private static WordPieceTokenizer loadBert() {
        try (InputStream in = WordPieceVocabulary.class.getResourceAsStream(BERT_BASE_UNCASED)) {
            if (in == null) {
                throw new IOException("missing class-path resource " + BERT_BASE_UNCASED + ": the tokenizers jar is incomplete");
            }
            return WordPieceTokenizer.uncased(read(in, "classpath:" + BERT_BASE_UNCASED));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled BERT vocabulary cannot be read: " + e.getMessage(), e);
        }
    }

    private static final class Holder {
        static final WordPieceTokenizer BERT = loadBert();
    }
}
