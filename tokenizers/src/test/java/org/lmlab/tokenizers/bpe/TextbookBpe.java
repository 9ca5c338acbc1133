package org.lmlab.tokenizers.bpe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's original {@code encoder.py} merge loop, written the slow obvious way over token
 * strings: find the lowest-ranked adjacent pair, merge every occurrence left to right, repeat.
 * Tests compare the fast merger with it.
 */
final class TextbookBpe {

    private final Map<String, Integer> ranks = new HashMap<>();
    private final Map<String, Integer> ids = new HashMap<>();

    TextbookBpe(BpeModel model) {
        for (int rank = 0; rank < model.mergeCount(); rank++) {
            int[] merge = model.merge(rank);
            ranks.put(model.token(merge[0]) + " " + model.token(merge[1]), rank);
        }
        for (int id = 0; id < model.size(); id++) {
            ids.put(model.token(id), id);
        }
    }

    /** The ids of one pre-tokenised piece given as its UTF-8 bytes. */
    int[] encodePiece(byte[] bytes) {
        List<String> word = new ArrayList<>();
        for (byte b : bytes) {
            word.add(String.valueOf(ByteLevelAlphabet.charOf(b & 0xFF)));
        }
        while (word.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            String first = null;
            String second = null;
            for (int i = 0; i + 1 < word.size(); i++) {
                Integer rank = ranks.get(word.get(i) + " " + word.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    first = word.get(i);
                    second = word.get(i + 1);
                }
            }
            if (first == null) {
                break;
            }
            List<String> merged = new ArrayList<>();
            for (int i = 0; i < word.size(); i++) {
                if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
        }
        return word.stream().mapToInt(ids::get).toArray();
    }
}
