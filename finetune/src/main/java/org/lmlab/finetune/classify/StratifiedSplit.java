package org.lmlab.finetune.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lmlab.training.seed.SeededRandom;
import org.lmlab.training.seed.SplitMix64;

/**
 * The seeded undersampling and stratified split of {@link SplitConfig}, the same on every JVM
 * ({@link SeededRandom}, no {@code java.util.Random}).
 *
 * <p>Sizes follow the book's {@code random_split}: of N items, {@code floor(N * train)} train,
 * {@code floor(N * validation)} validate, the rest test (1,494 messages: 1,045 / 149 / 300).
 * Stratification is systematic: each label's items, shuffled, get the keys
 * {@code (i + 0.5) / n_label}; all items sorted by key (then label) interleave the labels in
 * their proportions, and the splits are cut from that order, so every split's label counts are
 * as close to the whole's proportions as whole numbers allow (747 + 747 give 523 + 522,
 * 74 + 75 and 150 + 150). Each split is then shuffled.
 */
public final class StratifiedSplit {

    private static final long UNDERSAMPLE_STREAM = 1;
    private static final long STRATIFY_STREAM = 2;
    private static final long SHUFFLE_STREAM = 3;

    private StratifiedSplit() {
    }

    /** Three splits of these items, whose labels are {@code labels}. */
    public static List<List<LabelledItem>> split(List<LabelledItem> items, Labels labels, SplitConfig config) {
        List<List<LabelledItem>> byLabel = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            byLabel.add(new ArrayList<>());
        }
        items.forEach(item -> byLabel.get(labels.id(item.label())).add(item));
        if (config.undersample()) {
            int rarest = byLabel.stream().mapToInt(List::size).min().orElseThrow();
            for (int c = 0; c < byLabel.size(); c++) {
                List<LabelledItem> kept = shuffled(byLabel.get(c), SplitMix64.derive(config.seed(), UNDERSAMPLE_STREAM * 1000 + c))
                        .subList(0, rarest);
                List<LabelledItem> inFileOrder = new ArrayList<>(kept);
                inFileOrder.sort(Comparator.comparingInt(LabelledItem::id));
                byLabel.set(c, inFileOrder);
            }
        }
        record Keyed(double key, int label, LabelledItem item) {
        }
        List<Keyed> keyed = new ArrayList<>();
        for (int c = 0; c < byLabel.size(); c++) {
            List<LabelledItem> group = shuffled(byLabel.get(c), SplitMix64.derive(config.seed(), STRATIFY_STREAM * 1000 + c));
            for (int i = 0; i < group.size(); i++) {
                keyed.add(new Keyed((i + 0.5) / group.size(), c, group.get(i)));
            }
        }
        keyed.sort(Comparator.comparingDouble(Keyed::key).thenComparingInt(Keyed::label));
        int total = keyed.size();
        int trainEnd = (int) Math.floor(total * config.trainFraction() + 1e-9);
        int validationEnd = Math.min(total, trainEnd + (int) Math.floor(total * config.validationFraction() + 1e-9));
        List<LabelledItem> ordered = keyed.stream().map(Keyed::item).toList();
        List<List<LabelledItem>> splits = new ArrayList<>();
        int[][] bounds = {{0, trainEnd}, {trainEnd, validationEnd}, {validationEnd, total}};
        for (int s = 0; s < bounds.length; s++) {
            splits.add(List.copyOf(shuffled(ordered.subList(bounds[s][0], bounds[s][1]),
                    SplitMix64.derive(config.seed(), SHUFFLE_STREAM * 1000 + s))));
        }
        return splits;
    }

    private static List<LabelledItem> shuffled(List<LabelledItem> items, long seed) {
        int[] order = new SeededRandom(seed).permutation(items.size());
        List<LabelledItem> result = new ArrayList<>(items.size());
        for (int index : order) {
            result.add(items.get(index));
        }
        return result;
    }
}
