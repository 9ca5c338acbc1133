package org.lmlab.models;

import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import org.lmlab.layers.LayersModule;
import org.lmlab.layers.core.InstallOnceModule;
import org.lmlab.models.head.ClassificationHead;
import org.lmlab.models.head.HeadFactory;
import org.lmlab.models.head.LmHead;
import org.lmlab.models.head.MlmHead;
import org.lmlab.models.head.NoHead;
import org.lmlab.models.hf.BertArchitecture;
import org.lmlab.models.hf.Gpt2Architecture;
import org.lmlab.models.hf.HfArchitecture;
import org.lmlab.models.stack.SequenceSummary;
import org.lmlab.models.stack.StackFactory;
import org.lmlab.models.stack.TransformerStack;

/** Registers the built-in stacks, heads and Hugging Face families (and the layers they are made of). */
public final class ModelsModule extends InstallOnceModule {

    @Override
    protected void configure() {
        install(new LayersModule());

        MapBinder<String, StackFactory> stacks = MapBinder.newMapBinder(binder(), String.class, StackFactory.class);
        stacks.addBinding("decoder").toInstance(blocks -> new TransformerStack(blocks, true, SequenceSummary.LAST_TOKEN));
        stacks.addBinding("encoder").toInstance(blocks -> new TransformerStack(blocks, false, SequenceSummary.FIRST_TOKEN));

        MapBinder<String, HeadFactory> heads = MapBinder.newMapBinder(binder(), String.class, HeadFactory.class);
        heads.addBinding("lm").toInstance((model, embeddings, layers) -> new LmHead(model, embeddings.tokens()));
        heads.addBinding("mlm").toInstance((model, embeddings, layers) -> new MlmHead(model, embeddings.tokens(), layers));
        MapBinder<String, HfArchitecture<?>> architectures = MapBinder.newMapBinder(binder(),
                new TypeLiteral<String>() { }, new TypeLiteral<HfArchitecture<?>>() { });
        architectures.addBinding("gpt2").toInstance(new Gpt2Architecture());
        architectures.addBinding("bert").toInstance(new BertArchitecture());

        heads.addBinding("classification").toInstance((model, embeddings, layers) -> new ClassificationHead(model));
        heads.addBinding(NoHead.TYPE).toInstance((model, embeddings, layers) -> new NoHead(model));
    }
}
