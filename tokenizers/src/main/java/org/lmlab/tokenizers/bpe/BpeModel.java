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

    private final String[] tokens;
    private final byte[][] tokenBytes;
    private final int[] byteIds;
    private final int[][] merges;
    private final Map<String, Integer> specials;
    private final BpeMerger merger;

    private BpeModel(String[] tokens, byte[][] tokenBytes, int[] byteIds, int[][] merges, Map<String, Integer> specials) {
        this.tokens = tokens;
        this.tokenBytes = tokenBytes;
        this.byteIds = byteIds;
        this.merges = merges;
        this.specials = Collections.unmodifiableMap(specials);
        PairRankTable ranks = new PairRankTable(merges.length);
        int[] results = new int[merges.length];
        for (int rank = 0; rank < merges.length; rank++) {
            if (!ranks.put(merges[rank][0], merges[rank][1], rank)) {
                throw new IllegalArgumentException("merge " + (rank + 1) + " (" + tokens[merges[rank][0]] + " "
                        + tokens[merges[rank][1]] + ") appears twice");
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
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (int id = 0; id < n; id++) {
            if (made[id]) {
                bytes[id] = ByteLevelAlphabet.toBytes(tokens[id]);
                if (bytes[id] == null) {
                    throw new IllegalArgumentException("token " + id + " \"" + tokens[id] + "\" is not byte-level text");
                }
            } else {
                specials.put(tokens[id], id);
                bytes[id] = tokens[id].getBytes(StandardCharsets.UTF_8);
            }
        }
        return new BpeModel(tokens, bytes, byteIds, mergeArray, specials);
    }

    /** Number of ids. */
    public int size() {
        return tokens.length;
    }

    /** The vocabulary text of an id (e.g. {@code "Ġthe"}). */
    public String token(int id) {
        return tokens[checked(id)];
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
        return TokenIds.checked(id, tokens.length);
    }
}
