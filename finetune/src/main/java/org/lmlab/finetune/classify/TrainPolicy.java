package org.lmlab.finetune.classify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lmlab.layers.config.ConfigMapper;
import org.lmlab.training.freeze.FreezePolicy;
import org.lmlab.training.model.Freeze;
import org.lmlab.training.model.ModelEditConfig;

/**
 * What trains in a fine-tune, by name ({@code --train}), as the model edits that do it:
 * {@code head} (the head alone), {@code last-block} (the last block, final norm, pooler and
 * head: the book's chapter 6), {@code last-N} (the last N blocks and what follows), {@code all},
 * each a {@code freeze} edit; and {@code lora}, the edit {@code {type: lora, rank, alpha,
 * targets: []}} (every linear layer) built by name through the {@link ConfigMapper}, so it
 * works wherever a module registers {@code lora} and fails with the known names elsewhere.
 */
public final class TrainPolicy {

    /** The policy names, for help and messages. */
    public static final String NAMES = "head, last-block, last-N (the last N blocks), all, lora";

    private static final Pattern LAST_N = Pattern.compile("last-(\\d+)");

    private TrainPolicy() {
    }

    /**
     * The edits that make {@code policy} train what it says.
     *
     * @param loraRank  the adapters' rank, for {@code lora}
     * @param loraAlpha their scaling numerator (the update is scaled by alpha / rank), for {@code lora}
     */
    public static List<ModelEditConfig> edits(String policy, int loraRank, double loraAlpha, ConfigMapper mapper) {
        String name = policy == null ? "" : policy.strip();
        switch (name) {
            case FreezePolicy.HEAD, FreezePolicy.LAST_BLOCK, FreezePolicy.ALL -> {
                return List.of(new Freeze.Config(Freeze.NAME, name, 0));
            }
            case "lora" -> {
                ObjectNode tree = JsonNodeFactory.instance.objectNode();
                tree.put("type", "lora");
                tree.put("rank", loraRank);
                tree.put("alpha", loraAlpha);
                tree.putArray("targets");
                return List.of(mapper.bind(tree, ModelEditConfig.class, "--train lora"));
            }
            default -> {
                Matcher last = LAST_N.matcher(name);
                if (last.matches()) {
                    int blocks;
                    try {
                        blocks = Integer.parseInt(last.group(1));
                    } catch (NumberFormatException tooLarge) {
                        blocks = Integer.MAX_VALUE;
                    }
                    if (blocks < 1) {
                        throw new IllegalArgumentException("--train: " + name + " trains no block; use last-1 or more, or head");
                    }
                    return List.of(new Freeze.Config(Freeze.NAME, FreezePolicy.LAST_BLOCKS, blocks));
                }
                throw new IllegalArgumentException("--train: unknown policy '" + policy + "'; known: " + NAMES);
            }
        }
    }
}
