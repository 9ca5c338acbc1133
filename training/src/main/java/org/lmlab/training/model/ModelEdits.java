package org.lmlab.training.model;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.lmlab.layers.core.Registry;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.weights.LoadPolicy;
import org.lmlab.training.freeze.Trainable;
import org.lmlab.training.seed.SeededRandom;
import org.lmlab.training.seed.SplitMix64;

/** The model-edit seam: every registered {@link ModelEditType} by name, and a run's edits applied in order. */
public final class ModelEdits {

    /** Stream constant of the edits' generators ("EDIT"); fixed forever. */
    private static final long EDITS = 0x45444954L;

    private final Registry<ModelEditType<?>> types;

    @Inject
    public ModelEdits(Map<String, ModelEditType<?>> types) {
        this.types = new Registry<>("edits.type", types);
    }

    /** The model config after every edit, in order. */
    public ModelConfig config(ModelConfig source, List<ModelEditConfig> edits) {
        ModelConfig config = source;
        for (ModelEditConfig edit : edits) {
            config = create(edit).config(config);
        }
        return config;
    }

    /** What loading the source's weights accepts after every edit (strict without edits). */
    public LoadPolicy loading(List<ModelEditConfig> edits) {
        LoadPolicy policy = LoadPolicy.STRICT;
        for (ModelEditConfig edit : edits) {
            policy = create(edit).loading(policy);
        }
        return policy;
    }

    /**
     * Lets every edit, in order, change the built model ({@link ModelEdit#modify}); edit
     * {@code i} draws from a generator derived from {@code seed} and {@code i}.
     */
    public void modify(LanguageModel model, List<ModelEditConfig> edits, long seed) {
        for (int i = 0; i < edits.size(); i++) {
            create(edits.get(i)).modify(model, new SeededRandom(SplitMix64.derive(SplitMix64.derive(seed, EDITS), i)));
        }
    }

    /** Lets every edit, last first, turn the trained model back into a plain one before it is saved. */
    public void finish(LanguageModel model, List<ModelEditConfig> edits) {
        for (int i = edits.size() - 1; i >= 0; i--) {
            create(edits.get(i)).finish(model);
        }
    }

    /** The parameters that train after every edit (all without edits). */
    public Trainable trainable(LanguageModel model, List<ModelEditConfig> edits) {
        Predicate<String> names = name -> true;
        for (ModelEditConfig edit : edits) {
            names = create(edit).trainable(model, names);
        }
        return Trainable.selected(model, names);
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return types.names();
    }

    private ModelEdit create(ModelEditConfig config) {
        return types.get(config.type()).create(config);
    }
}
