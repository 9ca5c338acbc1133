package org.lmlab.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.layers.core.HostCopy;
import org.lmlab.models.safetensors.HostTensor;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), as PyTorch's {@code AdamW} computes
 * it, except that only parameters with two or more dimensions (matrices and embeddings) decay,
 * never biases or norm scales. For each parameter with a gradient g at update t:
 * <pre>
 *   p *= 1 - lr * weightDecay                      (matrices only)
 *   m  = beta1 * m + (1 - beta1) * g
 *   v  = beta2 * v + (1 - beta2) * g * g
 *   p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)
 * </pre>
 * Parameters that received no gradient are skipped entirely, as PyTorch does. Updates run
 * outside any gradient collector, in place; the moments live in the optimizer's own manager
 * and are exported as {@code m.<name>} and {@code v.<name>} for checkpoints.
 */
public final class AdamW implements AutoCloseable {

    private final AdamWConfig config;
    private final Map<String, Parameter> parameters;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long updates;

    /**
     * An optimizer over these parameters (by name, each once), with zeroed moments in a new
     * sub-manager of {@code parent}.
     */
    public AdamW(Map<String, Parameter> parameters, AdamWConfig config, NDManager parent) {
        this.config = config;
        this.parameters = new LinkedHashMap<>(parameters);
        this.manager = parent.newSubManager();
        parameters.forEach((name, parameter) -> {
            NDArray weights = parameter.getArray();
            firstMoments.put(name, manager.zeros(weights.getShape(), weights.getDataType()));
            secondMoments.put(name, manager.zeros(weights.getShape(), weights.getDataType()));
        });
    }

    /** Number of updates applied so far (t of the bias correction). */
    public long updates() {
        return updates;
    }

    public AdamWConfig config() {
        return config;
    }

    /** True if this parameter is decayed: two or more dimensions. */
    public static boolean decays(Parameter parameter) {
        return parameter.getArray().getShape().dimension() >= 2;
    }

    /**
     * Applies one update at learning rate {@code lr} from the current gradients, each
     * multiplied by {@code gradientScale} (the clipping factor; 1 for none).
     *
     * <p>The update is memory-bound, so it is one fused pass: a Java loop reads each element
     * of the gradient, both moments and the weight once and writes the moments and the weight
     * once, through zero-copy views of the tensors' own memory ({@code toByteBuffer(true)} on
     * a contiguous CPU tensor wraps its data pointer), split into chunks over the intra-op
     * threads. The arithmetic is PyTorch's, rearranged as before and rounded after every
     * operation exactly as the tensor ops it replaces were: with {@code c = sqrt(1 - beta2^t)},
     * {@code lr / (1 - beta1^t) * m / (sqrt(v) / c + eps)} equals
     * {@code (lr * c / (1 - beta1^t)) * m / (sqrt(v) + eps * c)}. Every element is computed
     * alone, so the result does not depend on the chunking or the thread count.
     */
    public void step(double lr, double gradientScale) {
        long t = updates + 1;
        double correction1 = 1 - Math.pow(config.beta1(), t);
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(config.beta2(), t));
        Coefficients c = new Coefficients(
                (float) config.beta1(),
                (float) config.beta2(),
                (float) ((1 - config.beta1()) * gradientScale),
                (float) ((1 - config.beta2()) / ((1 - config.beta1()) * (1 - config.beta1()))),
                (float) (config.epsilon() * sqrtCorrection2),
                (float) (lr * sqrtCorrection2 / correction1),
                (float) (1 - lr * config.weightDecay()));
        List<Chunk> chunks = new ArrayList<>();
        try (NDScope scope = new NDScope()) {
            for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                NDArray g = Gradients.of(entry.getValue());
                if (g == null) {
                    continue;
                }
                Tensors tensors = new Tensors(floats(entry.getValue().getArray()), floats(g),
                        floats(firstMoments.get(entry.getKey())), floats(secondMoments.get(entry.getKey())),
                        config.weightDecay() != 0 && decays(entry.getValue()));
                int size = tensors.weights().capacity();
                for (int from = 0; from < size; from += CHUNK) {
                    chunks.add(new Chunk(tensors, from, Math.min(size, from + CHUNK)));
                }
            }
            if (chunks.size() > 1 && threads > 1) {
                POOL.submit(() -> chunks.parallelStream().forEach(chunk -> chunk.update(c))).join();
            } else {
                chunks.forEach(chunk -> chunk.update(c));
            }
        }
        updates = t;
    }

    /** Elements a task updates at once: large enough to amortise the scheduling, small enough to balance. */
    private static final int CHUNK = 1 << 16;

    /** The pool of the fused update, as wide as the engine's intra-op threads. */
    private static final java.util.concurrent.ForkJoinPool POOL = new java.util.concurrent.ForkJoinPool(
            Math.max(1, org.lmlab.layers.engine.EngineSettings.fromSystemProperties().threads()));

    private final int threads = POOL.getParallelism();

    private static FloatBuffer floats(NDArray array) {
        return array.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** The update's constants, as the float32 scalars the tensor version multiplied by. */
    private record Coefficients(float beta1, float beta2, float toFirst, float toSecond, float epsilon, float stepSize,
            float decayFactor) {
    }

    /** One parameter's weights, gradient and moments, viewed in place. */
    private record Tensors(FloatBuffer weights, FloatBuffer gradient, FloatBuffer first, FloatBuffer second, boolean decays) {
    }

    /** Elements [from, to) of one parameter. */
    private record Chunk(Tensors t, int from, int to) {

        void update(Coefficients c) {
            FloatBuffer w = t.weights();
            FloatBuffer g = t.gradient();
            FloatBuffer m = t.first();
            FloatBuffer v = t.second();
            for (int i = from; i < to; i++) {
                float scaled = g.get(i) * c.toFirst();                     // (1 - beta1) s g
                float first = m.get(i) * c.beta1() + scaled;
                float second = v.get(i) * c.beta2() + scaled * scaled * c.toSecond();   // + (1 - beta2) s^2 g^2
                float denominator = (float) Math.sqrt(second) + c.epsilon();          // sqrt(v) + eps c
                float step = 1f / denominator * first * c.stepSize();
                float weight = t.decays() ? w.get(i) * c.decayFactor() : w.get(i);
                m.put(i, first);
                v.put(i, second);
                w.put(i, weight - step);
            }
        }
    }

    /** The moments as host tensors named {@code m.<parameter>} and {@code v.<parameter>}. */
    public List<HostTensor> exportState() {
        List<HostTensor> tensors = new ArrayList<>();
        firstMoments.forEach((name, m) -> tensors.add(new HostTensor("m." + name, m.getShape().getShape(), m.toFloatArray())));
        secondMoments.forEach((name, v) -> tensors.add(new HostTensor("v." + name, v.getShape().getShape(), v.toFloatArray())));
        return tensors;
    }

    /**
     * Restores moments and the update count saved by {@link #exportState()}.
     *
     * @param source named in errors (the checkpoint file)
     * @throws IllegalArgumentException naming a missing, extra or mis-shaped tensor
     */
    public void loadState(Map<String, HostTensor> tensors, long updateCount, String source) {
        if (updateCount < 0) {
            throw new IllegalArgumentException(source + ": optimizer update count must not be negative, got " + updateCount);
        }
        check(firstMoments, "m.", tensors, source);
        check(secondMoments, "v.", tensors, source);
        List<String> unexpected = tensors.keySet().stream()
                .filter(name -> !(name.startsWith("m.") && firstMoments.containsKey(name.substring(2)))
                        && !(name.startsWith("v.") && secondMoments.containsKey(name.substring(2))))
                .sorted().limit(5).toList();
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException(source + ": unexpected optimizer tensors " + unexpected
                    + "; the model has no such parameters");
        }
        firstMoments.forEach((name, m) -> HostCopy.into(m, tensors.get("m." + name).data()));
        secondMoments.forEach((name, v) -> HostCopy.into(v, tensors.get("v." + name).data()));
        updates = updateCount;
    }

    private static void check(Map<String, NDArray> moments, String prefix, Map<String, HostTensor> tensors, String source) {
        moments.forEach((name, array) -> {
            HostTensor tensor = tensors.get(prefix + name);
            if (tensor == null) {
                throw new IllegalArgumentException(source + ": missing optimizer tensor '" + prefix + name + "'");
            }
            if (!Arrays.equals(tensor.shape(), array.getShape().getShape())) {
                throw new IllegalArgumentException(source + ": optimizer tensor '" + prefix + name + "' has shape "
                        + Arrays.toString(tensor.shape()) + ", expected " + array.getShape());
            }
        });
    }

    @Override
    public void close() {
        manager.close();
    }
}
