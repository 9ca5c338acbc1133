package org.lmlab.models.reference;

import org.lmlab.models.hf.BertHfConfig;
import org.lmlab.models.safetensors.Dtype;

/**
 * What {@link HfCheckpointFixtures#writeBert} writes: sizes, seed and the layout variations
 * found in real BERT checkpoints.
 *
 * @param seed               seeds {@link java.util.Random}; same seed, same bytes
 * @param vocabSize          {@code vocab_size}
 * @param positions          {@code max_position_embeddings}
 * @param width              {@code hidden_size}
 * @param layers             {@code num_hidden_layers}
 * @param heads              {@code num_attention_heads}
 * @param intermediate       {@code intermediate_size}
 * @param typeVocabSize      {@code type_vocab_size}
 * @param legacyNormNames    LayerNorm parameters named {@code gamma}/{@code beta} (TF-converted checkpoints)
 * @param explicitDecoder    store the tied {@code cls.predictions.decoder.weight}/{@code .bias} copies
 * @param pooler             include {@code bert.pooler.dense}
 * @param dtype              F32, F16 or BF16 storage
 */
public record BertFixture(long seed, int vocabSize, int positions, int width, int layers, int heads, int intermediate,
        int typeVocabSize, boolean legacyNormNames, boolean explicitDecoder, boolean pooler, Dtype dtype) {

    /** Vocabulary 97, 32 positions, width 16, 2 layers, 4 heads, intermediate 64, 2 types, with pooler, F32. */
    public static BertFixture small(long seed) {
        return new BertFixture(seed, 97, 32, 16, 2, 4, 64, 2, false, false, true, Dtype.F32);
    }

    /** The config.json this fixture writes. */
    public BertHfConfig config() {
        return BertHfConfig.of(vocabSize, width, layers, heads, intermediate, positions).withTypeVocabSize(typeVocabSize);
    }

    public BertFixture withLegacyNormNames(boolean legacy) {
        return new BertFixture(seed, vocabSize, positions, width, layers, heads, intermediate, typeVocabSize, legacy,
                explicitDecoder, pooler, dtype);
    }

    public BertFixture withExplicitDecoder(boolean explicit) {
        return new BertFixture(seed, vocabSize, positions, width, layers, heads, intermediate, typeVocabSize, legacyNormNames,
                explicit, pooler, dtype);
    }

    public BertFixture withPooler(boolean withPooler) {
        return new BertFixture(seed, vocabSize, positions, width, layers, heads, intermediate, typeVocabSize, legacyNormNames,
                explicitDecoder, withPooler, dtype);
    }

    public BertFixture withDtype(Dtype storage) {
        return new BertFixture(seed, vocabSize, positions, width, layers, heads, intermediate, typeVocabSize, legacyNormNames,
                explicitDecoder, pooler, storage);
    }

    public BertFixture withSeed(long newSeed) {
        return new BertFixture(newSeed, vocabSize, positions, width, layers, heads, intermediate, typeVocabSize, legacyNormNames,
                explicitDecoder, pooler, dtype);
    }
}
