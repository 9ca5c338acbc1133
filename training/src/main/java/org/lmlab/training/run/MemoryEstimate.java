package org.lmlab.training.run;

import java.util.Locale;
import java.util.OptionalLong;
import org.lmlab.models.config.ModelConfig;

/**
 * What training a model is expected to take in native and Java memory, all float32, so that a
 * run that cannot fit is refused before it writes anything instead of being killed by the
 * operating system hours later. The parts, for {@code P} parameters of which {@code N} train, a
 * micro-batch of {@code B} examples of {@code T} tokens, {@code L} layers of width {@code d}
 * with {@code H} heads, and an output of {@code V} values per position:
 * <ul>
 *   <li>weights {@code 4P} bytes; gradients {@code 4N}; optimizer (AdamW's two moments) {@code 8N};</li>
 *   <li>activations kept for the backward pass
 *       {@code 4 B T (L (}{@value #PER_WIDTH}{@code  d + }{@value #PER_SCORE}{@code  H T) + }{@value #PER_OUTPUT}{@code  V)}:
 *       about {@value #PER_WIDTH} values of width per token and layer (norms, Q/K/V, residuals,
 *       the feed-forward's 4d and the element-wise steps of its GELU, each kept for backward),
 *       {@value #PER_SCORE} per attention score (scores, mask, softmax, dropout), and
 *       {@value #PER_OUTPUT} per logit (what the loss's chunks and the head's gradients hold at the peak, measured);</li>
 *   <li>the checkpoint's host copy of weights and moments in the Java heap, {@code 4(P + 2N)};</li>
 *   <li>the runtime (JVM, PyTorch's library, the data), {@value #RUNTIME_MB} MB.</li>
 * </ul>
 * The factors were calibrated against the peak resident memory of {@code lmlab bench train}
 * and {@code lmlab train} on gpt-tiny and gpt-small (see {@code docs/benchmarks.md}, "Memory"):
 * the estimate was 5% to 40% above the measured peak, never below.
 *
 * @param model      the model's name, for messages
 * @param batch      examples per micro-batch
 * @param context    tokens per example
 * @param weights    bytes of the weights
 * @param gradients  bytes of the trainable parameters' gradients
 * @param optimizer  bytes of the optimizer's moments
 * @param activations bytes of the activations one micro-batch keeps for backward
 * @param checkpoint bytes of the host copy a checkpoint makes
 * @param runtime    bytes the process takes before any of these
 */
public record MemoryEstimate(String model, int batch, int context, long weights, long gradients, long optimizer,
        long activations, long checkpoint, long runtime) {

    /** Activation values per token, layer and unit of width. */
    public static final int PER_WIDTH = 56;

    /** Activation values per token, layer, head and attended position. */
    public static final int PER_SCORE = 5;

    /**
     * Values per token and output (logit) at the peak. The chunked vocabulary loss keeps no
     * [tokens, vocab] tensor, but the measured growth with the batch still holds about 1.2
     * vocabularies per token on gpt-tiny (2 layers of 128, where nothing else is that large), so 2.
     */
    public static final int PER_OUTPUT = 2;

    /** The JVM, PyTorch's native library and the data before the model exists, in MB. */
    public static final int RUNTIME_MB = 450;

    private static final long FLOAT = Float.BYTES;
    private static final double GB = 1e9;

    /**
     * The estimate for training {@code parameters} values of which {@code trainable} train, at
     * this micro-batch and context.
     */
    public static MemoryEstimate of(ModelConfig config, long parameters, long trainable, int batch, int context) {
        long tokens = (long) batch * context;
        long perToken = (long) config.layers() * ((long) PER_WIDTH * config.width()
                + (long) PER_SCORE * config.block().attention().heads() * context)
                + (long) PER_OUTPUT * outputWidth(config);
        return new MemoryEstimate(config.name(), batch, context, FLOAT * parameters, FLOAT * trainable, 2 * FLOAT * trainable,
                FLOAT * tokens * perToken, FLOAT * (parameters + 2 * trainable), (long) RUNTIME_MB << 20);
    }

    /** Values per position the head outputs: the vocabulary's logits, the classes, or the hidden state. */
    static long outputWidth(ModelConfig config) {
        return switch (config.head().type()) {
            case "classification" -> config.head().classes();
            case "none" -> config.width();
            default -> config.vocabSize();
        };
    }

    /** All the parts together, in bytes. */
    public long total() {
        return weights + gradients + optimizer + activations + checkpoint + runtime;
    }

    /** One line for the progress output: the total and its parts. */
    public String summary() {
        return String.format(Locale.ROOT, "estimated %s for training %s at batch %d x context %d (%s)", gigabytes(total()),
                model, batch, context, parts());
    }

    /** The parts, as the summary and the refusal list them. */
    public String parts() {
        return String.format(Locale.ROOT, "weights %s, gradients %s, optimizer %s, activations %s, checkpoint copy %s, runtime %s",
                gigabytes(weights), gigabytes(gradients), gigabytes(optimizer), gigabytes(activations), gigabytes(checkpoint),
                gigabytes(runtime));
    }

    /**
     * Refuses a run that needs more than {@code available} bytes (nothing is checked when the
     * available memory is unknown).
     *
     * @throws IllegalArgumentException naming the estimate, its parts, what is available and what to lower
     */
    public void requireFits(OptionalLong available) {
        if (available.isPresent() && total() > available.getAsLong()) {
            throw new IllegalArgumentException(summary() + "; " + gigabytes(available.getAsLong())
                    + " available: lower --batch or --context");
        }
    }

    /** Bytes as decimal gigabytes with one decimal ({@code 0.5 GB}), two below 1 GB. */
    static String gigabytes(long bytes) {
        double value = bytes / GB;
        return String.format(Locale.ROOT, value < 1 ? "%.2f GB" : "%.1f GB", value);
    }
}
