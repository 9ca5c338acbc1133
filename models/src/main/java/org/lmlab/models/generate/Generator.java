package org.lmlab.models.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.lmlab.layers.attention.KvCache;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;
import org.lmlab.models.head.VocabularyHead;

/**
 * Autoregressive text generation with a decoder: feeds the prompt, samples a token, appends it,
 * repeats. With the KV cache each step runs the model on one new token; without it, on the
 * whole (context-cropped) sequence. Both give the same tokens. Only the last position is turned
 * into vocabulary logits. {@link #generate(List, SamplingConfig, int, int)} decodes many prompts
 * together ({@link BatchDecoder}) and gives, prompt by prompt, the tokens this one-at-a-time
 * path gives.
 */
public final class Generator {

    /**
     * Prompts decoded together by default: a decoding step reads every weight once whatever the
     * batch, so 16 rows cost little more than one while the weights dominate (gpt2-124m here: see
     * docs/benchmarks.md, Generation); beyond that the cached keys and values start to dominate.
     */
    public static final int DEFAULT_BATCH = 16;

    private final LanguageModel model;
    private final VocabularyHead head;
    private final NDManager manager;
    private long regenerated;

    public Generator(LanguageModel model, NDManager manager) {
        if (!model.predictsNextToken()) {
            throw new IllegalArgumentException("generation needs a decoder with a next-token head; model '"
                    + model.config().name() + "' is a " + model.config().stack() + " with a "
                    + model.config().head().type() + " head");
        }
        this.model = model;
        this.head = model.vocabularyHead();
        this.manager = manager;
    }

    /** The new tokens after {@code prompt} (the stop token itself is not included). */
    public int[] generate(int[] prompt, SamplingConfig config, boolean useCache) {
        return generate(prompt, config, useCache, Integer.MAX_VALUE);
    }

    /**
     * As {@link #generate(int[], SamplingConfig, boolean)}, choosing only among the first
     * {@code vocabulary} ids: a model whose embedding table is larger than its tokenizer (GPT-2's
     * 50,257 rows read with a 64-character tokenizer) must never produce an id the tokenizer
     * cannot decode.
     */
    public int[] generate(int[] prompt, SamplingConfig config, boolean useCache, int vocabulary) {
        checkVocabulary(vocabulary);
        if (prompt.length == 0) {
            throw new IllegalArgumentException("prompt: needs at least one token");
        }
        return finish(new Sequence(prompt, config), useCache, vocabulary);
    }

    /**
     * The new tokens after each prompt, in order, with the KV cache, decoding up to
     * {@code batchSize} prompts together: prompt by prompt exactly what
     * {@link #generate(int[], SamplingConfig, boolean, int)} with the cache gives, sampled
     * prompts included (each prompt has its own sampler seeded with {@code config.seed()}, as a
     * one-at-a-time call would, so equal prompts give equal samples).
     */
    public List<int[]> generate(List<int[]> prompts, SamplingConfig config, int vocabulary, int batchSize) {
        checkVocabulary(vocabulary);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size: must be positive, got " + batchSize);
        }
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).length == 0) {
                throw new IllegalArgumentException("prompts[" + i + "]: needs at least one token");
            }
        }
        BatchDecoder decoder = new BatchDecoder(model, manager, this);
        List<int[]> results = decoder.generate(prompts, config, vocabulary, batchSize);
        regenerated += decoder.regenerated();
        return results;
    }

    /**
     * How many rows of this generator's batched calls were decoded alone from their prompt because
     * a batched choice was too close to call (see {@link BatchDecoder}); a diagnostic: near zero
     * unless the model's logits tie.
     */
    public long regeneratedRows() {
        return regenerated;
    }

    /** Decodes {@code sequence} alone until it is done, from wherever it stands, with a fresh cache. */
    int[] finish(Sequence sequence, boolean useCache, int vocabulary) {
        try (KvCache cache = useCache ? model.newCache(manager) : null) {
            while (!sequence.done()) {
                float[] logits = useCache ? cachedStep(sequence, cache) : uncachedStep(sequence);
                sequence.accept(sequence.sampler().next(crop(logits, vocabulary)));
            }
        }
        return sequence.generated();
    }

    private float[] uncachedStep(Sequence sequence) {
        int length = sequence.length();
        int start = Math.max(0, length - model.config().contextLength());
        try (NDManager step = manager.newSubManager()) {
            return lastLogits(model.hidden(ModelInput.of(ids(step, sequence, start, length)), false));
        }
    }

    /**
     * Runs only the tokens the cache has not seen. When the sequence outgrows the context, the
     * cache is refilled with the last context-length tokens, exactly what the uncached path sees.
     */
    private float[] cachedStep(Sequence sequence, KvCache cache) {
        int length = sequence.length();
        int context = model.config().contextLength();
        int from = cache.length();
        if (length > context) {
            cache.clear();
            from = length - context;
        }
        try (NDManager step = manager.newSubManager()) {
            return lastLogits(model.hidden(ModelInput.of(ids(step, sequence, from, length)), cache));
        }
    }

    /** Vocabulary logits of the last position only, from hidden states [1, T, width]. */
    private float[] lastLogits(NDArray hidden) {
        long length = hidden.getShape().get(1);
        return head.logits(head.features(hidden.get(new NDIndex(":, {}, :", length - 1)))).toFloatArray();
    }

    static float[] crop(float[] logits, int vocabulary) {
        return logits.length > vocabulary ? Arrays.copyOf(logits, vocabulary) : logits;
    }

    private static void checkVocabulary(int vocabulary) {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("vocabulary: must be positive, got " + vocabulary);
        }
    }

    private static NDArray ids(NDManager manager, Sequence sequence, int from, int to) {
        return manager.create(sequence.ids(from, to), new Shape(1, to - from));
    }
}
