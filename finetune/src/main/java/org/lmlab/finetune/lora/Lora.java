package org.lmlab.finetune.lora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.lmlab.layers.core.Dense;
import org.lmlab.layers.core.NamedBlock;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.model.ModelEdit;
import org.lmlab.training.seed.SeededRandom;

/**
 * The {@code lora} model edit (Hu et al. 2021; the book's appendix E): every targeted linear
 * layer ({@link Dense}) gets a low-rank delta {@code (alpha / rank)·B·A} with A [rank, in] drawn
 * uniformly from ±1/sqrt(rank) (what the book's {@code kaiming_uniform_(A, a=sqrt(5))} gives its
 * [in, rank] matrix) and B [out, rank] zero, so training starts exactly at the base model. Only
 * the adapters train ({@code *.lora_a}, {@code *.lora_b}); the base weights are frozen. Before
 * the model is saved the adapters are merged into the base weights ({@link Dense#mergeLowRank}),
 * so the saved directory is a plain model of the same config.
 *
 * <p>Linear layers are the {@code Dense} blocks of the model: attention's fused QKV and output
 * projections, the feed-forward layers, an untied output head, a classifier, a pooler. A tied
 * output head is the token embedding and gets no adapter.
 */
public final class Lora implements ModelEdit {

    /** The registered name. */
    public static final String NAME = "lora";

    private final LoraConfig config;

    public Lora(LoraConfig config) {
        this.config = config;
    }

    /** True for the name of an adapter parameter. */
    public static boolean isAdapter(String parameterName) {
        return parameterName.endsWith("." + Dense.LOW_RANK_A) || parameterName.endsWith("." + Dense.LOW_RANK_B);
    }

    /** Every linear layer of a model by dotted name, in declaration order. */
    public static Map<String, Dense> linearLayers(NamedBlock model) {
        Map<String, Dense> layers = new LinkedHashMap<>();
        model.namedBlocks().forEach((name, block) -> {
            if (block instanceof Dense dense) {
                layers.put(name, dense);
            }
        });
        return layers;
    }

    /**
     * The linear layers the config targets: all of them without targets, else those whose name
     * is a target or starts with a target and a dot.
     *
     * @throws IllegalArgumentException if a target names no linear layer
     */
    public Map<String, Dense> targets(LanguageModel model) {
        Map<String, Dense> all = linearLayers(model);
        if (config.targets().isEmpty()) {
            return all;
        }
        Map<String, Dense> chosen = new LinkedHashMap<>();
        for (String target : config.targets()) {
            List<String> matched = new ArrayList<>();
            all.forEach((name, dense) -> {
                if (name.equals(target) || name.startsWith(target + ".")) {
                    matched.add(name);
                    chosen.put(name, dense);
                }
            });
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("edits.targets: '" + target + "' names no linear layer of model "
                        + model.config().name() + "; its linear layers: " + summary(all.keySet()));
            }
        }
        Map<String, Dense> ordered = new LinkedHashMap<>();
        all.forEach((name, dense) -> {
            if (chosen.containsKey(name)) {
                ordered.put(name, dense);
            }
        });
        return ordered;
    }

    @Override
    public void modify(LanguageModel model, SeededRandom random) {
        int rank = config.rank();
        float bound = (float) (1 / Math.sqrt(rank));
        float scale = (float) config.scaling();
        targets(model).forEach((name, dense) -> {
            float[] a = new float[rank * dense.in()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            dense.addLowRank(rank, scale, (manager, shape, type) -> manager.create(a, shape),
                    (manager, shape, type) -> manager.zeros(shape, type));
        });
    }

    @Override
    public Predicate<String> trainable(LanguageModel model, Predicate<String> before) {
        return before.and(Lora::isAdapter);
    }

    @Override
    public void finish(LanguageModel model) {
        linearLayers(model).values().stream().filter(dense -> dense.lowRank() > 0).forEach(Dense::mergeLowRank);
    }

    private static String summary(java.util.Collection<String> names) {
        List<String> list = List.copyOf(names);
        return list.size() <= 8 ? String.join(", ", list)
                : String.join(", ", list.subList(0, 6)) + ", ... " + list.get(list.size() - 1) + " (" + list.size() + ")";
    }
}
