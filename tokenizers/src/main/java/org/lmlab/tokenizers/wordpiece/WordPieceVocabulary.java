package org.lmlab.tokenizers.wordpiece;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.tokenizers.TokenizerFileException;

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
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        List<String> tokens = new ArrayList<>(32_000);
        java.util.Set<String> seen = new java.util.HashSet<>();
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    throw new TokenizerFileException(name, tokens.size() + 1, "empty token");
                }
                if (!seen.add(line)) {
                    throw new TokenizerFileException(name, tokens.size() + 1, "token \"" + line + "\" appears twice");
                }
                tokens.add(line);
            }
        } catch (CharacterCodingException e) {
            throw new TokenizerFileException(name, tokens.size() + 1, "not valid UTF-8");
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
