package org.lmlab.tokenizers.bpe;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * OpenAI's GPT-2 vocabulary (50,257 tokens, 50,000 merges, {@code <|endoftext|>} = 50256),
 * bundled in this module's jar from {@code data/gpt2} with the build's binary form of it,
 * loaded once and shared: the model is immutable and the tokenizer thread-safe.
 */
public final class Gpt2Vocabulary {

    private static final String ENCODER = "/org/lmlab/tokenizers/gpt2/encoder.json";
    private static final String MERGES = "/org/lmlab/tokenizers/gpt2/vocab.bpe";
    /** The same vocabulary in {@link BpeBinary} form, written by the build; it loads several times faster. */
    private static final String BINARY = "/org/lmlab/tokenizers/gpt2/gpt2.bpebin";

    private Gpt2Vocabulary() {
    }

    /** The shared GPT-2 tokenizer. */
    public static ByteLevelBpeTokenizer tokenizer() {
        return Holder.TOKENIZER;
    }

    private static ByteLevelBpeTokenizer load() {
        InputStream binary = Gpt2Vocabulary.class.getResourceAsStream(BINARY);
        if (binary != null) {
            try (binary) {
                return new ByteLevelBpeTokenizer(BpeBinary.read(binary, "classpath:" + BINARY));
            } catch (IOException e) {
                throw new UncheckedIOException("the bundled GPT-2 vocabulary cannot be read: " + e.getMessage(), e);
            }
        }
        return loadText();
    }

    /** The vocabulary from its published text files (what the binary form is made from). */
    static ByteLevelBpeTokenizer loadText() {
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
