package org.lmlab.tokenizers.bpe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.tokenizers.text.TokenIds;

/**
 * A byte-level BPE vocabulary: every id's text and bytes, the 256 single-byte tokens, the
 * merges in rank order and the special tokens. Ids that are neither a byte nor the result of
 * a merge (GPT-2's {@code <|endoftext|>}) are special tokens: their text is matched literally,
 * and only when the caller allows it.
 */
public final class BpeModel {

    private final byte[][] tokenBytes;
    private final boolean[] special;
    private final int[] byteIds;
    private final int[][] merges;
    private final Map<String, Integer> specials;
    private final BpeMerger merger;
    /** Each id's vocabulary text; made on first use when the model was built from bytes (start-up needs only the bytes). */
    private volatile String[] tokens;

    private BpeModel(String[] tokens, byte[][] tokenBytes, boolean[] special, int[] byteIds, int[][] merges,
            Map<String, Integer> specials) {
        this.tokens = tokens;
        this.tokenBytes = tokenBytes;
        this.special = special;
        this.byteIds = byteIds;
        this.merges = merges;
        this.specials = Collections.unmodifiableMap(specials);
        PairRankTable ranks = new PairRankTable(merges.length);
        int[] results = new int[merges.length];
        for (int rank = 0; rank < merges.length; rank++) {
            if (!ranks.put(merges[rank][0], merges[rank][1], rank)) {
                throw new IllegalArgumentException("merge " + (rank + 1) + " (" + token(merges[rank][0]) + " "
                        + token(merges[rank][1]) + ") appears twice");
            }
            results[rank] = merges[rank][2];
        }
        this.merger = new BpeMerger(ranks, results);
    }

    /**
     * A model from its vocabulary and merges.
     *
     * @param tokensById the vocabulary text of each id, 0..n-1; byte tokens in the
     *                   {@link ByteLevelAlphabet}, special tokens as their literal text
     * @param merges     in rank order, each {@code {left id, right id, result id}} where the
     *                   result's text is the left's followed by the right's
     * @throws IllegalArgumentException if a byte has no token, a merge is inconsistent, or a
     *                                  non-special token is not alphabet text
     */
    public static BpeModel of(List<String> tokensById, List<int[]> merges) {
        String[] tokens = tokensById.toArray(new String[0]);
        int n = tokens.length;
        boolean[] made = new boolean[n];
        int[][] mergeArray = new int[merges.size()][];
        for (int rank = 0; rank < merges.size(); rank++) {
            int[] merge = merges.get(rank);
            for (int id : merge) {
                if (id < 0 || id >= n) {
                    throw new IllegalArgumentException("merge " + (rank + 1) + " refers to id " + id + " outside 0.." + (n - 1));
                }
            }
            if (!tokens[merge[2]].equals(tokens[merge[0]] + tokens[merge[1]])) {
                throw new IllegalArgumentException("merge " + (rank + 1) + " joins \"" + tokens[merge[0]] + "\" and \""
                        + tokens[merge[1]] + "\" but names \"" + tokens[merge[2]] + "\" as the result");
            }
            made[merge[2]] = true;
            mergeArray[rank] = merge.clone();
        }
        int[] byteIds = new int[256];
        Arrays.fill(byteIds, -1);
        for (int id = 0; id < n; id++) {
            String token = tokens[id];
            if (token.length() == 1 && ByteLevelAlphabet.byteOf(token.charAt(0)) >= 0) {
                byteIds[ByteLevelAlphabet.byteOf(token.charAt(0))] = id;
                made[id] = true;
            }
        }
        for (int b = 0; b < 256; b++) {
            if (byteIds[b] < 0) {
                throw new IllegalArgumentException("no token for byte " + b + " (\"" + ByteLevelAlphabet.charOf(b) + "\")");
            }
        }
        byte[][] bytes = new byte[n][];
        boolean[] special = new boolean[n];
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (int id = 0; id < n; id++) {
            if (made[id]) {
                bytes[id] = ByteLevelAlphabet.toBytes(tokens[id]);
                if (bytes[id] == null) {
                    throw new IllegalArgumentException("token " + id + " \"" + tokens[id] + "\" is not byte-level text");
                }
            } else {
                special[id] = true;
                specials.put(tokens[id], id);
                bytes[id] = tokens[id].getBytes(StandardCharsets.UTF_8);
            }
        }
        return new BpeModel(tokens, bytes, special, byteIds, mergeArray, specials);
    }

    /**
     * A model from what each id stands for, as {@link BpeBinary} stores it: the bytes of each
     * id (a special token's: its literal text in UTF-8), which ids are special, and the merges.
     * It is checked as {@link #of} checks the text form, on bytes (no text is made until asked
     * for), and the model is the one {@link #of} gives for the same vocabulary.
     *
     * @throws IllegalArgumentException under the conditions of {@link #of}, or if the special
     *                                  flags are not exactly the ids that are neither a byte nor a merge result
     */
    static BpeModel ofBytes(byte[][] tokenBytes, boolean[] special, int[][] merges) {
        int n = tokenBytes.length;
        if (special.length != n) {
            throw new IllegalArgumentException(special.length + " special flags for " + n + " tokens");
        }
        boolean[] made = new boolean[n];
        int[] byteIds = new int[256];
        Arrays.fill(byteIds, -1);
        for (int id = 0; id < n; id++) {
            if (!special[id] && tokenBytes[id].length == 1) {
                byteIds[tokenBytes[id][0] & 0xFF] = id;
                made[id] = true;
            }
        }
        for (int rank = 0; rank < merges.length; rank++) {
            int[] merge = merges[rank];
            for (int id : merge) {
                if (id < 0 || id >= n) {
                    throw new IllegalArgumentException("merge " + (rank + 1) + " refers to id " + id + " outside 0.." + (n - 1));
                }
            }
            byte[] left = tokenBytes[merge[0]];
            byte[] right = tokenBytes[merge[1]];
            byte[] result = tokenBytes[merge[2]];
            if (special[merge[0]] || special[merge[1]] || result.length != left.length + right.length
                    || !Arrays.equals(result, 0, left.length, left, 0, left.length)
                    || !Arrays.equals(result, left.length, result.length, right, 0, right.length)) {
                throw new IllegalArgumentException("merge " + (rank + 1) + " joins \"" + text(tokenBytes, special, merge[0])
                        + "\" and \"" + text(tokenBytes, special, merge[1]) + "\" but names \""
                        + text(tokenBytes, special, merge[2]) + "\" as the result");
            }
            made[merge[2]] = true;
        }
        for (int b = 0; b < 256; b++) {
            if (byteIds[b] < 0) {
                throw new IllegalArgumentException("no token for byte " + b + " (\"" + ByteLevelAlphabet.charOf(b) + "\")");
            }
        }
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (int id = 0; id < n; id++) {
            if (made[id] == special[id]) {
                throw new IllegalArgumentException("token " + id + " \"" + text(tokenBytes, special, id) + "\" is "
                        + (special[id] ? "marked special but is a byte or a merge result" : "neither a byte nor a merge result"));
            }
            if (special[id]) {
                specials.put(text(tokenBytes, special, id), id);
            }
        }
        return new BpeModel(null, tokenBytes, special, byteIds, merges, specials);
    }

    private static String text(byte[][] tokenBytes, boolean[] special, int id) {
        return special[id] ? new String(tokenBytes[id], StandardCharsets.UTF_8) : ByteLevelAlphabet.toText(tokenBytes[id]);
    }

    /** Number of ids. */
    public int size() {
        return tokenBytes.length;
    }

    /** The vocabulary text of an id (e.g. {@code "Ġthe"}). */
    public String token(int id) {
        return texts()[checked(id)];
    }

    /** Whether an id is a special token (neither a byte nor a merge result). */
    boolean isSpecial(int id) {
        return special[checked(id)];
    }

    private String[] texts() {
        String[] texts = tokens;
        if (texts == null) {
            texts = new String[tokenBytes.length];
            for (int id = 0; id < texts.length; id++) {
                texts[id] = text(tokenBytes, special, id);
            }
            tokens = texts;
        }
        return texts;
    }

    /** The bytes an id stands for (a copy). */
    public byte[] bytes(int id) {
        return tokenBytes[checked(id)].clone();
    }

    /** Number of merges. */
    public int mergeCount() {
        return merges.length;
    }

    /** The merge of a rank as {@code {left id, right id, result id}}. */
    public int[] merge(int rank) {
        return merges[rank].clone();
    }

    /** Special-token literals and their ids, in id order. */
    public Map<String, Integer> specials() {
        return specials;
    }

    /** The id of the single-byte token for an unsigned byte. */
    int byteId(int unsignedByte) {
        return byteIds[unsignedByte];
    }

    /** Raw access for the decoder; callers must not modify the array. */
    byte[] bytesUnsafe(int id) {
        return tokenBytes[checked(id)];
    }

    /**
     * Encodes one piece's bytes: maps them to byte tokens, applies the merges and writes the
     * ids to {@code ids}, which must hold {@code length} values; returns the number of ids.
     */
    int encodeBytes(byte[] pieceBytes, int length, int[] ids) {
        for (int i = 0; i < length; i++) {
            ids[i] = byteIds[pieceBytes[i] & 0xFF];
        }
        return merger.merge(ids, length);
    }

    private int checked(int id) {
        return TokenIds.checked(id, tokenBytes.length);
    }
}
