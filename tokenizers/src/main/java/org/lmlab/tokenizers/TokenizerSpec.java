package org.lmlab.tokenizers;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tokenizer to build: a registered type name ({@code gpt2}, {@code bert-base-uncased},
 * {@code bpe}, {@code regex-word}, {@code char}, {@code hf-json}) and, for the kinds that need
 * one, a path (a BPE directory, a {@code tokenizer.json}, or the text a vocabulary is built from).
 */
public record TokenizerSpec(String type, Optional<Path> path) {

    public TokenizerSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        if (type.isBlank()) {
            throw new IllegalArgumentException("tokenizer type must not be blank");
        }
    }

    /** A tokenizer that needs no path. */
    public static TokenizerSpec named(String type) {
        return new TokenizerSpec(type, Optional.empty());
    }

    /** A tokenizer built from a file or directory. */
    public static TokenizerSpec of(String type, Path path) {
        return new TokenizerSpec(type, Optional.of(path));
    }

    /** The path, or an error saying that this type needs one and what it is. */
    public Path requirePath(String whatItIs) {
        return path.orElseThrow(() -> new IllegalArgumentException("tokenizer " + type + " needs a path: " + whatItIs));
    }

    /** An error if a path was given to a type that takes none. */
    public void requireNoPath() {
        path.ifPresent(p -> {
            throw new IllegalArgumentException("tokenizer " + type + " takes no path, got " + p);
        });
    }
}
