package org.lmlab.models.config;

import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.core.BuildContext;
import org.lmlab.layers.core.InitConfig;
import org.lmlab.layers.position.PositionalConfig;

/**
 * A whole language model: {@code stack} is {@code decoder} (causal, GPT) or {@code encoder}
 * (bidirectional, BERT); {@code layers} blocks of {@code width}; token embeddings for
 * {@code vocabSize} ids, {@code typeVocabSize} segment embeddings (BERT's token types, 0 for
 * none), a positional scheme whose {@code maxPositions} is the context length; a norm after
 * the embeddings (BERT) and/or after the last block (GPT), of the blocks' norm type; a pooler (BERT's dense + tanh on the
 * summary token, used by classification); the head; dropout on the embeddings; the init scheme.
 */
public record ModelConfig(
        String name,
        String stack,
        int vocabSize,
        int width,
        int layers,
        int typeVocabSize,
        PositionalConfig positions,
        BlockConfig block,
        boolean embeddingNorm,
        boolean finalNorm,
        boolean pooler,
        float embeddingDropout,
        HeadConfig head,
        InitConfig init) {

    public ModelConfig {
        require(name != null && !name.isBlank(), "name: required");
        require(stack != null && !stack.isBlank(), "stack: required (decoder or encoder)");
        require(vocabSize > 0, "vocab_size: must be positive, got " + vocabSize);
        require(width > 0, "width: must be positive, got " + width);
        require(layers > 0, "layers: must be positive, got " + layers);
        require(typeVocabSize >= 0, "type_vocab_size: must not be negative, got " + typeVocabSize);
        require(positions != null && block != null && head != null && init != null,
                "positions, block, head and init are required");
        require(width % block.attention().heads() == 0,
                "attention.heads: must divide width (" + width + "), got " + block.attention().heads());
        require(embeddingDropout >= 0 && embeddingDropout < 1, "dropout: must be in [0, 1), got " + embeddingDropout);
    }

    /** What the layer factories need: width, depth and init scheme. */
    public BuildContext buildContext() {
        return new BuildContext(width, layers, init);
    }

    /** The longest sequence the model accepts. */
    public int contextLength() {
        return positions.maxPositions();
    }

    /** The same model under another name. */
    public ModelConfig withName(String newName) {
        return new ModelConfig(newName, stack, vocabSize, width, layers, typeVocabSize, positions, block,
                embeddingNorm, finalNorm, pooler, embeddingDropout, head, init);
    }

    /** The same model starting from another init scheme. */
    public ModelConfig withInit(InitConfig newInit) {
        return new ModelConfig(name, stack, vocabSize, width, layers, typeVocabSize, positions, block,
                embeddingNorm, finalNorm, pooler, embeddingDropout, head, newInit);
    }

    /** The same body with another head (fine-tuning swaps the pretraining head for a classifier). */
    public ModelConfig withHead(HeadConfig newHead) {
        return new ModelConfig(name, stack, vocabSize, width, layers, typeVocabSize, positions, block,
                embeddingNorm, finalNorm, pooler, embeddingDropout, newHead, init);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
