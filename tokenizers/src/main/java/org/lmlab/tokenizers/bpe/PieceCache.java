package org.lmlab.tokenizers.bpe;

import java.util.HashMap;

/**
 * Remembers the ids of recently seen pieces. Natural text repeats a few thousand pieces
 * ({@code " the"}, {@code ","}, {@code "\n"}) most of the time, so after warm-up most pieces
 * skip UTF-8 conversion and merging. One cache per thread (it is not thread-safe); when it
 * is full it starts again, which keeps memory bounded on any input.
 */
final class PieceCache {

    /** Pieces longer than this many UTF-16 units are not cached (they rarely repeat). */
    static final int MAX_PIECE_LENGTH = 32;

    private static final int MAX_ENTRIES = 65_536;

    private final HashMap<String, int[]> entries = new HashMap<>(MAX_ENTRIES * 2);

    int[] get(String piece) {
        return entries.get(piece);
    }

    void put(String piece, int[] ids) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(piece, ids);
    }
}
