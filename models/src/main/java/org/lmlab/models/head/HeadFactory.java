package org.lmlab.models.head;

import org.lmlab.layers.Layers;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.embedding.Embeddings;

/** Makes a head of one registered type; tied heads reuse the model's token embedding. */
@FunctionalInterface
public interface HeadFactory {

    Head create(ModelConfig model, Embeddings embeddings, Layers layers);
}
