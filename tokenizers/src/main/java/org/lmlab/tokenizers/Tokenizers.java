package org.lmlab.tokenizers;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lmlab.tokenizers.bpe.BpeFiles;

/**
 * The tokenizer registry: builds a tokenizer by type name through the factories bound in
 * {@link TokenizersModule}, and resolves what a user typed ({@code --tokenizer NAME|PATH}).
 * An unknown name fails with the list of known ones.
 */
public final class Tokenizers {

    /** The type a directory with {@code encoder.json} and {@code vocab.bpe} resolves to. */
    public static final String BPE_DIRECTORY_TYPE = "bpe";
    /** The type a {@code *.json} file resolves to. */
    public static final String JSON_FILE_TYPE = "hf-json";

    private final Map<String, TokenizerFactory> factories;

    @Inject
    public Tokenizers(Map<String, TokenizerFactory> factories) {
        this.factories = Collections.unmodifiableMap(new TreeMap<>(factories));
    }

    /**
     * The registry with every tokenizer kind of this module ({@link TokenizersModule}'s list),
     * made without an injector: a command that needs only tokenizers starts without Guice's set-up.
     */
    public static Tokenizers standard() {
        Map<String, TokenizerFactory> factories = new LinkedHashMap<>();
        TokenizersModule.builtIn().forEach((name, factory) -> factories.put(name, factory.get()));
        return new Tokenizers(factories);
    }

    /** Known type names, sorted. */
    public SortedSet<String> names() {
        return new TreeSet<>(factories.keySet());
    }

    /** Each known type name with its one-line description. */
    public Map<String, String> descriptions() {
        Map<String, String> descriptions = new TreeMap<>();
        factories.forEach((name, factory) -> descriptions.put(name, factory.description()));
        return descriptions;
    }

    /** Builds the tokenizer a spec names. */
    public Tokenizer create(TokenizerSpec spec) throws IOException {
        TokenizerFactory factory = factories.get(spec.type());
        if (factory == null) {
            throw new IllegalArgumentException("unknown tokenizer '" + spec.type() + "'; known: " + String.join(", ", names()));
        }
        return factory.create(spec);
    }

    /**
     * A tokenizer from a name or a path (see {@link #spec(String)}).
     */
    public Tokenizer resolve(String nameOrPath) throws IOException {
        return create(spec(nameOrPath));
    }

    /**
     * What a user typed ({@code --tokenizer}) as a spec, without building it: a registered name
     * builds that kind; {@code TYPE:PATH} a kind that reads a file or directory (e.g.
     * {@code char:data/the-verdict.txt}, {@code regex-word:FILE}, {@code bpe:DIR},
     * {@code hf-json:FILE}); a directory with {@code encoder.json} and {@code vocab.bpe} is a
     * {@code bpe} vocabulary; a {@code *.json} file is a Hugging Face {@code tokenizer.json}. A
     * path that does not exist is a {@link NoSuchFileException}; anything else is an error that
     * lists the names.
     */
    public TokenizerSpec spec(String nameOrPath) throws IOException {
        if (factories.containsKey(nameOrPath)) {
            return TokenizerSpec.named(nameOrPath);
        }
        int colon = nameOrPath.indexOf(':');
        if (colon > 1 && factories.containsKey(nameOrPath.substring(0, colon))) {
            Path path = Path.of(nameOrPath.substring(colon + 1));
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString(), null, "no such file or directory for tokenizer "
                        + nameOrPath.substring(0, colon));
            }
            return TokenizerSpec.of(nameOrPath.substring(0, colon), path);
        }
        Path path = Path.of(nameOrPath);
        if (Files.isDirectory(path)) {
            if (!BpeFiles.isBpeDirectory(path)) {
                throw new IllegalArgumentException("directory " + path + " has no " + BpeFiles.ENCODER + " and "
                        + BpeFiles.MERGES + ", so it is not a BPE vocabulary");
            }
            return TokenizerSpec.of(BPE_DIRECTORY_TYPE, path);
        }
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".json")) {
            return TokenizerSpec.of(JSON_FILE_TYPE, path);
        }
        if (!Files.exists(path) && (nameOrPath.endsWith(".json") || nameOrPath.contains("/")
                || nameOrPath.contains(java.io.File.separator))) {
            throw new NoSuchFileException(nameOrPath, null, "no such tokenizer file or directory");
        }
        throw new IllegalArgumentException("unknown tokenizer '" + nameOrPath + "': not a name (" + String.join(", ", names())
                + "), TYPE:PATH for a kind that reads a file, a BPE directory (" + BpeFiles.ENCODER + " + " + BpeFiles.MERGES
                + ") or a tokenizer.json file");
    }
}
