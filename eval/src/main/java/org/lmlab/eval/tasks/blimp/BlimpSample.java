package org.lmlab.eval.tasks.blimp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.training.seed.SeededRandom;

/**
 * The seeded sample of BLiMP pairs a run scores: per paradigm, the first {@code perParadigm}
 * pairs of a {@link SeededRandom} permutation drawn from the seed and the paradigm's name (so
 * paradigms get different draws), kept in file order. The draw depends only on the seed, the
 * paradigm and its pair count, so every model is scored on the same pairs.
 */
public final class BlimpSample {

    private BlimpSample() {
    }

    /** The sampled pairs, paradigm by paradigm in the order they first appear; {@code perParadigm} 0 keeps all. */
    public static List<BlimpPair> of(List<BlimpPair> pairs, int perParadigm, long seed) {
        Map<String, List<BlimpPair>> byParadigm = new LinkedHashMap<>();
        for (BlimpPair pair : pairs) {
            byParadigm.computeIfAbsent(pair.paradigm(), p -> new ArrayList<>()).add(pair);
        }
        List<BlimpPair> sample = new ArrayList<>();
        byParadigm.forEach((paradigm, members) -> {
            if (perParadigm == 0 || perParadigm >= members.size()) {
                sample.addAll(members);
                return;
            }
            int[] order = new SeededRandom(streamSeed(seed, paradigm)).permutation(members.size());
            int[] kept = Arrays.copyOf(order, perParadigm);
            Arrays.sort(kept);
            for (int index : kept) {
                sample.add(members.get(index));
            }
        });
        return sample;
    }

    /** The seed of one paradigm's draw (String.hashCode is fixed by the language, so this is the same on every JVM). */
    static long streamSeed(long seed, String paradigm) {
        return seed * 0x9E3779B97F4A7C15L + paradigm.hashCode();
    }
}
