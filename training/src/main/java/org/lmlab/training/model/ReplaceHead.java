package org.lmlab.training.model;

import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.weights.LoadPolicy;

/**
 * {@code replace-head}: the model gets another head ({@code head}, a classifier, say); the
 * source's head tensors are dropped and the new head starts from its initialisation.
 */
public final class ReplaceHead implements ModelEdit {

    /** The registered name. */
    public static final String NAME = "replace-head";

    /** The edit's config: the new head. */
    public record Config(String type, HeadConfig head) implements ModelEditConfig {

        public Config {
            if (head == null) {
                throw new IllegalArgumentException("edits.head: required (the new head)");
            }
        }
    }

    private final HeadConfig head;

    public ReplaceHead(Config config) {
        this.head = config.head();
    }

    @Override
    public ModelConfig config(ModelConfig config) {
        return config.withHead(head);
    }

    @Override
    public LoadPolicy loading(LoadPolicy policy) {
        return policy.allowMissing("head.").allowUnexpected("head.");
    }
}
