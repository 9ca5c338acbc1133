package org.lmlab.models;

import com.google.inject.Guice;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lmlab.layers.Layers;
import org.lmlab.layers.block.TransformerBlock;
import org.lmlab.layers.core.BuildContext;
import org.lmlab.layers.core.Registry;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.embedding.EmbeddingTable;
import org.lmlab.models.embedding.Embeddings;
import org.lmlab.models.head.HeadFactory;
import org.lmlab.models.head.Pooler;
import org.lmlab.models.stack.StackFactory;

/**
 * Builds a {@link LanguageModel} from its config through the registered layers, stacks and
 * heads. The model is returned uninitialized: call {@code initialize(manager)} after seeding
 * the engine, or load weights into it.
 */
public final class Models {

    private final Layers layers;
    private final Registry<StackFactory> stacks;
    private final Registry<HeadFactory> heads;

    @Inject
    public Models(Layers layers, Map<String, StackFactory> stacks, Map<String, HeadFactory> heads) {
        this.layers = layers;
        this.stacks = new Registry<>("stack", stacks);
        this.heads = new Registry<>("head.type", heads);
    }

    /** The built-in components only, without a surrounding injector (tests, small tools). */
    public static Models standard() {
        return Guice.createInjector(new ModelsModule()).getInstance(Models.class);
    }

    /** A new, uninitialized model. */
    public LanguageModel build(ModelConfig config) {
        BuildContext context = config.buildContext();
        Embeddings embeddings = new Embeddings(
                new EmbeddingTable(config.vocabSize(), config.width(), config.init().embedding()),
                layers.positions(config.positions(), context, config.block().attention().heads()),
                config.typeVocabSize() > 0 ? new EmbeddingTable(config.typeVocabSize(), config.width(), config.init().embedding()) : null,
                config.embeddingNorm() ? layers.norm(config.block().norm(), config.width()) : null,
                config.embeddingDropout());
        List<TransformerBlock> blocks = new ArrayList<>(config.layers());
        for (int i = 0; i < config.layers(); i++) {
            blocks.add(layers.block(config.block(), context.forLayer(i)));
        }
        return new LanguageModel(config,
                embeddings,
                stacks.get(config.stack()).create(blocks),
                config.finalNorm() ? layers.norm(config.block().norm(), config.width()) : null,
                config.pooler() ? new Pooler(context) : null,
                heads.get(config.head().type()).create(config, embeddings, layers));
    }

    public Layers layers() {
        return layers;
    }

    public Registry<StackFactory> stackTypes() {
        return stacks;
    }

    public Registry<HeadFactory> headTypes() {
        return heads;
    }
}
