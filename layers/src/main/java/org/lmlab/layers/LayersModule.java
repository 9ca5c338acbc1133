package org.lmlab.layers;

import com.google.inject.multibindings.MapBinder;
import org.lmlab.layers.core.InstallOnceModule;
import org.lmlab.layers.attention.AttentionFactory;
import org.lmlab.layers.attention.AttentionVariants;
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
        MapBinder<String, AttentionFactory> attention = MapBinder.newMapBinder(binder(), String.class, AttentionFactory.class);
        attention.addBinding("multi-head").toInstance(AttentionVariants::multiHead);
        attention.addBinding("grouped-query").toInstance(AttentionVariants::groupedQuery);
        attention.addBinding("multi-query").toInstance(AttentionVariants::multiQuery);
        attention.addBinding("sliding-window").toInstance(AttentionVariants::slidingWindow);

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
