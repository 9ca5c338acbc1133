package org.lmlab.training.data;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A token file mapped into memory: little-endian int32 ids, nothing else, so the operating
 * system pages it in on demand and a corpus larger than the heap costs no Java memory. Opening
 * checks the length and that every id is below the vocabulary size, so a damaged file fails
 * here with its name rather than as an index error inside the model.
 */
public final class TokenFile implements TokenSequence {

    /** Bytes per token id. */
    public static final int BYTES_PER_TOKEN = Integer.BYTES;

    private final Path path;
    private final IntBuffer ids;

    private TokenFile(Path path, IntBuffer ids) {
        this.path = path;
        this.ids = ids;
    }

    /**
     * Maps a token file that should hold {@code expectedTokens} ids, each below {@code vocabSize}.
     *
     * @throws TokenFileException naming the file if its size or an id is wrong
     */
    public static TokenFile open(Path path, long expectedTokens, int vocabSize) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long bytes = channel.size();
            if (bytes != expectedTokens * BYTES_PER_TOKEN) {
                throw new TokenFileException(path + ": " + bytes + " bytes, expected " + expectedTokens
                        + " tokens of " + BYTES_PER_TOKEN + " bytes (" + expectedTokens * BYTES_PER_TOKEN + ")");
            }
            if (expectedTokens > Integer.MAX_VALUE / BYTES_PER_TOKEN) {
                throw new TokenFileException(path + ": " + expectedTokens + " tokens; at most "
                        + Integer.MAX_VALUE / BYTES_PER_TOKEN + " fit in one mapping");
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes);
            IntBuffer ids = mapped.order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            for (int i = 0; i < ids.limit(); i++) {
                int id = ids.get(i);
                if (id < 0 || id >= vocabSize) {
                    throw new TokenFileException(path + ": token " + i + " is id " + id
                            + ", outside the vocabulary of " + vocabSize);
                }
            }
            return new TokenFile(path, ids);
        }
    }

    /** The mapped file. */
    public Path path() {
        return path;
    }

    @Override
    public int length() {
        return ids.limit();
    }

    @Override
    public int get(int index) {
        return ids.get(index);
    }

    @Override
    public int[] slice(int from, int to) {
        if (from < 0 || to > length() || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + length() + " tokens in " + path);
        }
        int[] copy = new int[to - from];
        ids.get(from, copy);
        return copy;
    }

    @Override
    public String toString() {
        return "TokenFile[" + path + ", " + length() + " tokens]";
    }
}
