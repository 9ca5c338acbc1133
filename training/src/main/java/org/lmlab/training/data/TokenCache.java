package org.lmlab.training.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.lmlab.models.safetensors.AtomicFiles;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.training.io.TrainingJson;

/**
 * Tokenises a corpus once and keeps the ids as a memory-mapped token file, so later runs (and
 * resumed runs) read ids instead of re-tokenising. For each (corpus path, tokenizer name) pair
 * the directory holds {@code <name>-<key>.tokens} (little-endian int32) and
 * {@code <name>-<key>.json} (a {@link TokenCacheEntry}); the entry records the corpus SHA-256,
 * so an edited corpus or another tokenizer rebuilds the cache. Both files are written
 * atomically, the token file first, so a crash leaves either the old cache or none.
 *
 * <p>The default directory is {@code ~/.cache/lmlab/tokens}, overridden by the system property
 * {@value #DIRECTORY_PROPERTY}.
 */
public final class TokenCache {

    /** System property naming the cache directory. */
    public static final String DIRECTORY_PROPERTY = "lmlab.token.cache";

    private final Path directory;

    public TokenCache(Path directory) {
        this.directory = directory;
    }

    /** The cache at {@value #DIRECTORY_PROPERTY}, or {@code ~/.cache/lmlab/tokens}. */
    public static TokenCache standard() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        Path directory = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "lmlab", "tokens");
        return new TokenCache(directory);
    }

    public Path directory() {
        return directory;
    }

    /**
     * The ids of the UTF-8 corpus {@code source} under {@code tokenizer}, from the cache when it
     * is current, otherwise tokenised now and cached.
     *
     * @param tokenizerName the tokenizer's registered name: part of the cache key
     * @throws TokenFileException if the corpus is not valid UTF-8 or gives no tokens
     */
    public TokenFile tokens(Path source, String tokenizerName, Tokenizer tokenizer) throws IOException {
        Path absolute = source.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new NoSuchFileException(absolute.toString(), null, "no such corpus file");
        }
        String sha = Sha256.of(absolute);
        String stem = stem(absolute, tokenizerName);
        Path tokenPath = directory.resolve(stem + ".tokens");
        Path entryPath = directory.resolve(stem + ".json");
        TokenCacheEntry entry = readEntry(entryPath);
        if (entry != null && entry.matches(sha, tokenizerName, tokenizer.vocabSize()) && Files.isRegularFile(tokenPath)) {
            try {
                return TokenFile.open(tokenPath, entry.tokens(), tokenizer.vocabSize());
            } catch (TokenFileException damaged) {
                // A damaged cache is rebuilt below, like a stale one.
            }
        }
        return build(absolute, sha, tokenizerName, tokenizer, tokenPath, entryPath);
    }

    private TokenFile build(Path source, String sha, String tokenizerName, Tokenizer tokenizer, Path tokenPath, Path entryPath)
            throws IOException {
        int[] ids = tokenizer.encode(readUtf8(source));
        if (ids.length == 0) {
            throw new TokenFileException(source + ": the corpus gives no tokens (is it empty?)");
        }
        Files.createDirectories(directory);
        AtomicFiles.write(tokenPath, out -> {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int id : ids) {
                if (!buffer.hasRemaining()) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putInt(id);
            }
            out.write(buffer.array(), 0, buffer.position());
        });
        TokenCacheEntry entry = new TokenCacheEntry(TokenCacheEntry.FORMAT, source.toString(), sha, tokenizerName,
                tokenizer.vocabSize(), ids.length);
        TrainingJson.write(entryPath, entry);
        return TokenFile.open(tokenPath, ids.length, tokenizer.vocabSize());
    }

    /** The whole file as text, or an error naming the file and the first bad byte's offset. */
    static String readUtf8(Path source) throws IOException {
        byte[] bytes = org.lmlab.tokenizers.text.TextFiles.readBytes(source);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new TokenFileException(source + ": not valid UTF-8 near byte " + firstInvalidUtf8(bytes), e);
        }
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length;
    }

    private static TokenCacheEntry readEntry(Path entryPath) {
        if (!Files.isRegularFile(entryPath)) {
            return null;
        }
        try {
            return TrainingJson.read(entryPath, TokenCacheEntry.class);
        } catch (IOException unreadableOrMalformed) {
            return null;
        }
    }

    /** A readable, collision-safe file stem: the corpus name plus a hash of its path and the tokenizer. */
    private static String stem(Path source, String tokenizerName) {
        String name = source.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        String key = Sha256.of((source + "\u0000" + tokenizerName).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        return name + "-" + tokenizerName.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + key;
    }
}
