package org.lmlab.tokenizers.bpe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.lmlab.tokenizers.text.IntList;
import org.lmlab.tokenizers.text.SpecialTokenSplitter;
import org.lmlab.tokenizers.text.Utf8;

/**
 * Learns a byte-level BPE vocabulary from a corpus, the book's "BPE from scratch" done the
 * way GPT-2's vocabulary was made: split the text into GPT-2 pieces, start from the 256 byte
 * tokens, and repeatedly merge the most frequent adjacent pair (ties: the pair of smaller
 * ids) until the vocabulary has the requested size. Pair counts are kept incrementally and
 * only the pieces that contain the merged pair are revisited, so 1,000 merges over tiny
 * Shakespeare take about a second. Special tokens are added after the merges and never
 * learned from: the corpus is split around them first.
 */
public final class BpeTrainer {

    /** What to learn. */
    public record Settings(int vocabSize, List<String> specialTokens) {
        public Settings {
            specialTokens = List.copyOf(specialTokens);
            if (vocabSize < 256 + specialTokens.size()) {
                throw new IllegalArgumentException("vocabulary size must be at least 256 + " + specialTokens.size()
                        + " special tokens, got " + vocabSize);
            }
        }
    }

    private final Settings settings;

    /** A trainer with these settings. */
    public BpeTrainer(Settings settings) {
        this.settings = settings;
    }

    /**
     * The learned model. It has {@code vocabSize} ids unless the corpus runs out of pairs
     * first, in which case it has every merge the corpus allows.
     */
    public BpeModel train(String corpus) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("cannot learn BPE merges from an empty corpus");
        }
        List<String> tokens = new ArrayList<>(settings.vocabSize());
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < 256; i++) {
            String text = String.valueOf(ByteLevelAlphabet.charOf(alphabetOrderByte(i)));
            ids.put(text, tokens.size());
            tokens.add(text);
        }
        Words words = countPieces(Utf8.withoutLoneSurrogates(corpus));
        List<int[]> merges = new ArrayList<>();
        int target = settings.vocabSize() - settings.specialTokens().size();
        PairCounts pairs = new PairCounts(words);
        while (tokens.size() < target) {
            long best = pairs.popMostFrequent();
            if (best < 0) {
                break;
            }
            int left = (int) (best >>> 32);
            int right = (int) best;
            String text = tokens.get(left) + tokens.get(right);
            Integer result = ids.get(text);
            if (result == null) {
                result = tokens.size();
                ids.put(text, result);
                tokens.add(text);
            }
            merges.add(new int[] {left, right, result});
            pairs.merge(left, right, result);
        }
        for (String special : settings.specialTokens()) {
            if (ids.putIfAbsent(special, tokens.size()) != null) {
                throw new IllegalArgumentException("special token \"" + special + "\" is also a learned token");
            }
            tokens.add(special);
        }
        return BpeModel.of(tokens, merges);
    }

    /**
     * The byte of the i-th character of the alphabet in GPT-2's id order: printable bytes
     * first ({@code !} is id 0), then the shifted ones, so a trained vocabulary numbers its
     * byte tokens as GPT-2's does.
     */
    private static int alphabetOrderByte(int i) {
        return BYTE_ORDER[i];
    }

    private static final int[] BYTE_ORDER = byteOrder();

    private static int[] byteOrder() {
        int[] order = new int[256];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (ByteLevelAlphabet.charOf(b) == b) {
                order[n++] = b;
            }
        }
        for (int b = 0; b < 256; b++) {
            if (ByteLevelAlphabet.charOf(b) != b) {
                order[n++] = b;
            }
        }
        return order;
    }

    private Words countPieces(String corpus) {
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (String special : settings.specialTokens()) {
            specials.put(special, -1);
        }
        Map<String, int[]> counts = new HashMap<>();
        new SpecialTokenSplitter(specials).split(corpus, new SpecialTokenSplitter.Sink() {
            @Override
            public void text(int start, int end) {
                Gpt2PreTokenizer.split(corpus, start, end,
                        (s, e) -> counts.computeIfAbsent(corpus.substring(s, e), k -> new int[1])[0]++);
            }

            @Override
            public void special(int id) {
                // special tokens are not learned from
            }
        });
        int[] byteToId = new int[256];
        for (int i = 0; i < 256; i++) {
            byteToId[alphabetOrderByte(i)] = i;
        }
        Words words = new Words(counts.size());
        for (Map.Entry<String, int[]> entry : counts.entrySet()) {
            byte[] bytes = Utf8.encode(entry.getKey());
            int[] symbols = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                symbols[i] = byteToId[bytes[i] & 0xFF];
            }
            words.add(symbols, entry.getValue()[0]);
        }
        return words;
    }

    /** The distinct pieces of the corpus as symbol arrays, with their frequencies. */
    private static final class Words {
        final List<int[]> symbols;
        final IntList frequencies;

        Words(int capacity) {
            symbols = new ArrayList<>(capacity);
            frequencies = new IntList(capacity);
        }

        void add(int[] pieceSymbols, int frequency) {
            symbols.add(pieceSymbols);
            frequencies.add(frequency);
        }
    }

    /** Frequencies of adjacent pairs, the pieces each occurs in, and a max-queue over them. */
    private static final class PairCounts {
        private final Words words;
        private final Map<Long, long[]> counts = new HashMap<>();
        private final Map<Long, IntList> occurrences = new HashMap<>();
        private final PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0]
                ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        private final int[] visited;
        private int round;

        PairCounts(Words words) {
            this.words = words;
            this.visited = new int[words.symbols.size()];
            for (int w = 0; w < words.symbols.size(); w++) {
                addPairs(w, +1);
            }
            counts.forEach((pair, count) -> queue.add(new long[] {count[0], pair}));
        }

        /** The most frequent pair (packed left << 32 | right), or -1 if none is left. */
        long popMostFrequent() {
            while (!queue.isEmpty()) {
                long[] top = queue.poll();
                long[] current = counts.get(top[1]);
                long count = current == null ? 0 : current[0];
                if (count <= 0) {
                    continue;
                }
                if (count != top[0]) {
                    queue.add(new long[] {count, top[1]});
                    continue;
                }
                return top[1];
            }
            return -1;
        }

        /** Replaces every occurrence of (left, right) by {@code result}, updating counts. */
        void merge(int left, int right, int result) {
            long pair = pack(left, right);
            IntList where = occurrences.remove(pair);
            round++;
            Set<Long> touched = new HashSet<>();
            for (int k = 0; k < where.size(); k++) {
                int w = where.get(k);
                if (visited[w] == round) {
                    continue;
                }
                visited[w] = round;
                int[] before = words.symbols.get(w);
                int[] after = mergeWord(before, left, right, result);
                if (after.length == before.length) {
                    continue;
                }
                addPairs(w, -1);
                words.symbols.set(w, after);
                for (long p : addPairs(w, +1)) {
                    touched.add(p);
                }
            }
            counts.remove(pair);
            for (long p : touched) {
                long[] count = counts.get(p);
                if (count != null && count[0] > 0) {
                    queue.add(new long[] {count[0], p});
                }
            }
        }

        private static int[] mergeWord(int[] symbols, int left, int right, int result) {
            IntList out = new IntList(symbols.length);
            for (int i = 0; i < symbols.length; i++) {
                if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                    out.add(result);
                    i++;
                } else {
                    out.add(symbols[i]);
                }
            }
            return out.size() == symbols.length ? symbols : out.toArray();
        }

        /** Adds (sign +1) or removes (-1) the pairs of word {@code w}; returns the pairs seen. */
        private long[] addPairs(int w, int sign) {
            int[] symbols = words.symbols.get(w);
            long frequency = words.frequencies.get(w);
            long[] seen = new long[Math.max(0, symbols.length - 1)];
            for (int i = 0; i + 1 < symbols.length; i++) {
                long pair = pack(symbols[i], symbols[i + 1]);
                seen[i] = pair;
                counts.computeIfAbsent(pair, p -> new long[1])[0] += sign * frequency;
                if (sign > 0) {
                    occurrences.computeIfAbsent(pair, p -> new IntList(4)).add(w);
                }
            }
            return seen;
        }

        private static long pack(int left, int right) {
            return ((long) left << 32) | right;
        }
    }
}
