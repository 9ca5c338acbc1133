package org.lmlab.finetune.instruct;

import java.util.ArrayList;
import java.util.List;
import org.lmlab.training.seed.SeededRandom;

/**
 * The book's chapter-7 split of instruction records, after a seeded shuffle: the first 85% train,
 * the next 10% test, the remaining 5% validation (floors of 85% and 10%, as the book's
 * {@code int(len(data) * 0.85)}; 1,100 records give 935 / 110 / 55).
 */
public record InstructionSplit(List<InstructionRecord> train, List<InstructionRecord> validation, List<InstructionRecord> test) {

    public InstructionSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /** The split of {@code records} shuffled by a generator seeded with {@code seed}. */
    public static InstructionSplit of(List<InstructionRecord> records, long seed) {
        int n = records.size();
        int trainSize = (int) (n * 85L / 100);
        int testSize = (int) (n * 10L / 100);
        int[] order = new SeededRandom(seed).permutation(n);
        List<InstructionRecord> shuffled = new ArrayList<>(n);
        for (int index : order) {
            shuffled.add(records.get(index));
        }
        return new InstructionSplit(shuffled.subList(0, trainSize), shuffled.subList(trainSize + testSize, n),
                shuffled.subList(trainSize, trainSize + testSize));
    }
}
