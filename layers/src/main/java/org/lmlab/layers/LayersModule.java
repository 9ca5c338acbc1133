package org.lmlab.layers;

import com.google.inject.multibindings.MapBinder;
import org.lmlab.layers.core.InstallOnceModule;
import org.lmlab.layers.attention.AttentionTypes;
import org.lmlab.layers.attention.GroupedQueryAttentionConfig;
import org.lmlab.layers.attention.MultiHeadAttentionConfig;
import org.lmlab.layers.attention.MultiQueryAttentionConfig;
import org.lmlab.layers.attention.SelfAttention;
import org.lmlab.layers.attention.SlidingWindowAttentionConfig;
import org.lmlab.layers.config.Components;
import org.lmlab.layers.feedforward.FeedForwardFactory;
import org.lmlab.layers.feedforward.Gelu;
import org.lmlab.layers.feedforward.GeluFeedForward;
import org.lmlab.layers.feedforward.SwiGluFeedForward;
import org.lmlab.layers.norm.LayerNormBlock;
import org.lmlab.layers.norm.NormFactory;
import org.lmlab.layers.norm.RmsNormBlock;
import org.lmlab.layers.position.AlibiPositions;
import org.lmlab.layers.position.LearnedPositions;
import org.lmlab.layers.position.PositionalFactory;
import org.lmlab.layers.position.RotaryPositions;
import org.lmlab.layers.position.SinusoidalPositions;

/** Registers the built-in layer variants under the names experiment files use. */
public final class LayersModule extends InstallOnceModule {

    @Override
    protected void configure() {
        Components.configTypes(binder());
        AttentionTypes.register(binder(), MultiHeadAttentionConfig.NAME, MultiHeadAttentionConfig.class, SelfAttention::new);
        AttentionTypes.register(binder(), GroupedQueryAttentionConfig.NAME, GroupedQueryAttentionConfig.class, SelfAttention::new);
        AttentionTypes.register(binder(), MultiQueryAttentionConfig.NAME, MultiQueryAttentionConfig.class, SelfAttention::new);
        AttentionTypes.register(binder(), SlidingWindowAttentionConfig.NAME, SlidingWindowAttentionConfig.class, SelfAttention::new);

        MapBinder<String, PositionalFactory> positions = MapBinder.newMapBinder(binder(), String.class, PositionalFactory.class);
        positions.addBinding("learned").toInstance((config, context, heads) -> new LearnedPositions(config, context));
        positions.addBinding("sinusoidal").toInstance((config, context, heads) -> new SinusoidalPositions(config, context));
        positions.addBinding("rope").toInstance(RotaryPositions::new);
        positions.addBinding("alibi").toInstance(AlibiPositions::new);

        MapBinder<String, NormFactory> norms = MapBinder.newMapBinder(binder(), String.class, NormFactory.class);
        norms.addBinding("layer-norm").toInstance(LayerNormBlock::new);
        norms.addBinding("rms-norm").toInstance(RmsNormBlock::new);

        MapBinder<String, FeedForwardFactory> feedForwards = MapBinder.newMapBinder(binder(), String.class, FeedForwardFactory.class);
        feedForwards.addBinding("gelu-tanh").toInstance((config, context) -> new GeluFeedForward(config, context, Gelu.TANH));
        feedForwards.addBinding("gelu-erf").toInstance((config, context) -> new GeluFeedForward(config, context, Gelu.ERF));
        feedForwards.addBinding("swiglu").toInstance(SwiGluFeedForward::new);
    }
}
