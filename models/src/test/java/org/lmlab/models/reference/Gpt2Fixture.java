package org.lmlab.models.reference;

import org.lmlab.models.hf.Gpt2HfConfig;
import org.lmlab.models.safetensors.Dtype;

/**
 * What {@link HfCheckpointFixtures#writeGpt2} writes: sizes, seed and the layout variations
 * found in real GPT-2 checkpoints.
 *
 * @param seed              seeds {@link java.util.Random}; same seed, same bytes
 * @param vocabSize         {@code vocab_size}
 * @param positions         {@code n_positions}
 * @param width             {@code n_embd}
 * @param layers            {@code n_layer}
 * @param heads             {@code n_head}
 * @param inner             {@code n_inner}
 * @param transformerPrefix whether names start with {@code transformer.} (as GPT2LMHeadModel saves them)
 * @param lmHead            how the output head is stored
 * @param attentionBuffers  whether to add the old {@code attn.bias} / {@code attn.masked_bias} buffers
 * @param dtype             F32, F16 or BF16 storage
 */
public record Gpt2Fixture(long seed, int vocabSize, int positions, int width, int layers, int heads, int inner,
        boolean transformerPrefix, LmHead lmHead, boolean attentionBuffers, Dtype dtype) {

    /** How the GPT-2 output head appears in the checkpoint. */
    public enum LmHead {
        /** Tied to wte and not stored (what Hugging Face saves today). */
        TIED_OMITTED,
        /** Tied to wte and stored as an identical {@code lm_head.weight} copy (older checkpoints). */
        TIED_EXPLICIT,
        /** A separate random {@code lm_head.weight}, with {@code tie_word_embeddings: false}. */
        UNTIED
    }

    /** Vocabulary 97, 32 positions, width 16, 2 layers, 4 heads, inner 64, no prefix, tied, F32. */
    public static Gpt2Fixture small(long seed) {
        return new Gpt2Fixture(seed, 97, 32, 16, 2, 4, 64, false, LmHead.TIED_OMITTED, false, Dtype.F32);
    }

    /** The config.json this fixture writes. */
    public Gpt2HfConfig config() {
        return Gpt2HfConfig.of(vocabSize, positions, width, layers, heads).withNInner(inner)
                .withTieWordEmbeddings(lmHead != LmHead.UNTIED);
    }

    public Gpt2Fixture withTransformerPrefix(boolean prefix) {
        return new Gpt2Fixture(seed, vocabSize, positions, width, layers, heads, inner, prefix, lmHead, attentionBuffers, dtype);
    }

    public Gpt2Fixture withLmHead(LmHead head) {
        return new Gpt2Fixture(seed, vocabSize, positions, width, layers, heads, inner, transformerPrefix, head, attentionBuffers, dtype);
    }

    public Gpt2Fixture withAttentionBuffers(boolean buffers) {
        return new Gpt2Fixture(seed, vocabSize, positions, width, layers, heads, inner, transformerPrefix, lmHead, buffers, dtype);
    }

    public Gpt2Fixture withDtype(Dtype storage) {
        return new Gpt2Fixture(seed, vocabSize, positions, width, layers, heads, inner, transformerPrefix, lmHead, attentionBuffers, storage);
    }

    public Gpt2Fixture withSeed(long newSeed) {
        return new Gpt2Fixture(newSeed, vocabSize, positions, width, layers, heads, inner, transformerPrefix, lmHead, attentionBuffers, dtype);
    }
}
