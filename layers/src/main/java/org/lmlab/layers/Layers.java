package org.lmlab.layers;

import com.google.inject.Guice;
import jakarta.inject.Inject;
import java.util.Map;
import org.lmlab.layers.attention.AttentionType;
import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.block.TransformerBlock;
import org.lmlab.layers.core.BuildContext;
import org.lmlab.layers.core.Registry;
import org.lmlab.layers.feedforward.FeedForwardFactory;
import org.lmlab.layers.norm.Norm;
import org.lmlab.layers.norm.NormConfig;
import org.lmlab.layers.norm.NormFactory;
import org.lmlab.layers.position.PositionalConfig;
import org.lmlab.layers.position.PositionalFactory;
import org.lmlab.layers.position.PositionalScheme;

/**
 * The four layer seams (attention, positions, norms, feed-forward), each a registry filled
 * by Guice, and the assembly of a transformer block from them. A new variant is one class
 * plus one {@code MapBinder} binding in any Guice module.
 */
public final class Layers {

    private final Registry<AttentionType<?>> attention;
    private final Registry<PositionalFactory> positions;
    private final Registry<NormFactory> norms;
    private final Registry<FeedForwardFactory> feedForwards;

    @Inject
    public Layers(
            Map<String, AttentionType<?>> attention,
            Map<String, PositionalFactory> positions,
            Map<String, NormFactory> norms,
            Map<String, FeedForwardFactory> feedForwards) {
        this.attention = new Registry<>("attention.type", attention);
        this.positions = new Registry<>("positions.type", positions);
        this.norms = new Registry<>("norm.type", norms);
        this.feedForwards = new Registry<>("feed_forward.type", feedForwards);
    }

    /** The built-in layers only, without a surrounding injector (tests, small tools). */
    public static Layers standard() {
        return Guice.createInjector(new LayersModule()).getInstance(Layers.class);
    }

    /** A transformer block with parts of the configured types; the context names the block's index. */
    public TransformerBlock block(BlockConfig config, BuildContext context) {
        return new TransformerBlock(config,
                norm(config.norm(), context.width()),
                attention.get(config.attention().type()).create(config.attention(), context),
                norm(config.norm(), context.width()),
                feedForwards.get(config.feedForward().type()).create(config.feedForward(), context));
    }

    /** A norm of the configured type. */
    public Norm norm(NormConfig config, int width) {
        return norms.get(config.type()).create(config, width);
    }

    /** A positional scheme of the configured type. */
    public PositionalScheme positions(PositionalConfig config, BuildContext context, int heads) {
        return positions.get(config.type()).create(config, context, heads);
    }

    public Registry<AttentionType<?>> attentionTypes() {
        return attention;
    }

    public Registry<PositionalFactory> positionalTypes() {
        return positions;
    }

    public Registry<NormFactory> normTypes() {
        return norms;
    }

    public Registry<FeedForwardFactory> feedForwardTypes() {
        return feedForwards;
    }
}
