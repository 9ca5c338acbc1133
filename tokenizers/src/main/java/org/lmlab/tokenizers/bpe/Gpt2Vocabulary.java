package org.lmlab.tokenizers.bpe;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * OpenAI's GPT-2 vocabulary (50,257 tokens, 50,000 merges, {@code <|endoftext|>} = 50256),
 * bundled in this module's jar from {@code data/gpt2}, loaded once and shared: the model is
 * immutable and the tokenizer thread-safe.
 */
public final class Gpt2Vocabulary {

    private static final String ENCODER = "/org/lmlab/tokenizers/gpt2/encoder.json";
    private static final String MERGES = "/org/lmlab/tokenizers/gpt2/vocab.bpe";

    private Gpt2Vocabulary() {
    }

    /** The shared GPT-2 tokenizer. */
    public static ByteLevelBpeTokenizer tokenizer() {
        return Holder.TOKENIZER;
    }

    private static ByteLevelBpeTokenizer load() {
        try (InputStream encoder = resource(ENCODER); InputStream merges = resource(MERGES)) {
            return new ByteLevelBpeTokenizer(BpeFiles.read(encoder, "classpath:" + ENCODER, merges, "classpath:" + MERGES));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled GPT-2 vocabulary cannot be read: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Gpt2Vocabulary.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing class-path resource " + name + ": the tokenizers jar is incomplete");
        }
        return new BufferedInputStream(in);
    }

    private static final class Holder {
        static final ByteLevelBpeTokenizer TOKENIZER = load();
    }
}
