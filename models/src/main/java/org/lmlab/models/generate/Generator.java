package org.lmlab.models.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.lmlab.layers.attention.KvCache;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;

/**
 * Autoregressive text generation with a decoder: feeds the prompt, samples a token, appends it,
 * repeats. With the KV cache each step runs the model on one new token; without it, on the
 * whole (context-cropped) sequence. Both give the same tokens.
 */
public final class Generator {

    private final LanguageModel model;
    private final NDManager manager;

    public Generator(LanguageModel model, NDManager manager) {
        if (!model.predictsNextToken()) {
            throw new IllegalArgumentException("generation needs a decoder with a next-token head; model '"
                    + model.config().name() + "' is a " + model.config().stack() + " with a "
                    + model.config().head().type() + " head");
        }
        this.model = model;
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
        if (vocabulary < 1) {
            throw new IllegalArgumentException("vocabulary: must be positive, got " + vocabulary);
        }
        if (prompt.length == 0) {
            throw new IllegalArgumentException("prompt: needs at least one token");
        }
        TokenSampler sampler = new TokenSampler(config);
        // Grown as tokens come, so memory follows what is generated, not what was asked for.
        int[] sequence = Arrays.copyOf(prompt, prompt.length + Math.min(config.maxNewTokens(), 1024));
        int length = prompt.length;
        try (KvCache cache = useCache ? model.newCache(manager) : null) {
            KvCache current = cache;
            for (int step = 0; step < config.maxNewTokens(); step++) {
                float[] logits = useCache ? cachedStep(sequence, length, current) : uncachedStep(sequence, length);
                int token = sampler.next(logits.length > vocabulary ? Arrays.copyOf(logits, vocabulary) : logits);
                if (token == config.stopToken()) {
                    break;
                }
                if (length == sequence.length) {
                    sequence = Arrays.copyOf(sequence, (int) Math.min(Integer.MAX_VALUE - 8,
                            Math.max(sequence.length * 2L, sequence.length + 1L)));
                }
                sequence[length++] = token;
            }
        }
        return Arrays.copyOfRange(sequence, prompt.length, length);
    }

    private float[] uncachedStep(int[] sequence, int length) {
        int start = Math.max(0, length - model.config().contextLength());
        try (NDManager step = manager.newSubManager()) {
            NDArray logits = model.forward(ModelInput.of(ids(step, sequence, start, length)), false);
            return lastRow(logits);
        }
    }

    /**
     * Runs only the tokens the cache has not seen. When the sequence outgrows the context, the
     * cache is refilled with the last context-length tokens, exactly what the uncached path sees.
     */
    private float[] cachedStep(int[] sequence, int length, KvCache cache) {
        int context = model.config().contextLength();
        int from = cache.length();
        if (length > context) {
            cache.clear();
            from = length - context;
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray logits = model.forward(ModelInput.of(ids(step, sequence, from, length)), cache);
            return lastRow(logits);
        }
    }

    private static NDArray ids(NDManager manager, int[] sequence, int from, int to) {
        long[] values = new long[to - from];
        for (int i = from; i < to; i++) {
            values[i - from] = sequence[i];
        }
        return manager.create(values, new Shape(1, values.length));
    }

    private static float[] lastRow(NDArray logits) {
        long length = logits.getShape().get(1);
        return logits.get(new NDIndex("0, {}, :", length - 1)).toFloatArray();
    }
}
