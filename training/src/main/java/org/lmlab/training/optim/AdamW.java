package org.lmlab.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
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

    private static final NDIndex ALL = new NDIndex("...");

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
     * <p>The update is memory-bound, so it allocates nothing: it works in place on the moments,
     * the weights and the gradient itself, which serves as scratch space and holds the applied
     * step afterwards. Callers zero the gradients after this call, as they must anyway. The
     * arithmetic is PyTorch's, rearranged: with {@code c = sqrt(1 - beta2^t)},
     * {@code lr / (1 - beta1^t) * m / (sqrt(v) / c + eps)} equals
     * {@code (lr * c / (1 - beta1^t)) * m / (sqrt(v) + eps * c)}.
     */
    public void step(double lr, double gradientScale) {
        long t = updates + 1;
        double correction1 = 1 - Math.pow(config.beta1(), t);
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(config.beta2(), t));
        double firstScale = (1 - config.beta1()) * gradientScale;
        try (NDManager scalars = manager.newSubManager(); NDScope scope = new NDScope()) {
            NDArray beta1 = scalars.create((float) config.beta1());
            NDArray beta2 = scalars.create((float) config.beta2());
            NDArray toFirst = scalars.create((float) firstScale);
            NDArray toSecond = scalars.create((float) ((1 - config.beta2()) / ((1 - config.beta1()) * (1 - config.beta1()))));
            NDArray half = scalars.create(0.5f);
            NDArray minusOne = scalars.create(-1f);
            NDArray epsilon = scalars.create((float) (config.epsilon() * sqrtCorrection2));
            NDArray stepSize = scalars.create((float) (lr * sqrtCorrection2 / correction1));
            NDArray decayFactor = scalars.create((float) (1 - lr * config.weightDecay()));
            for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                NDArray g = Gradients.of(entry.getValue());
                if (g == null) {
                    continue;
                }
                NDArray weights = entry.getValue().getArray();
                NDArray m = firstMoments.get(entry.getKey());
                NDArray v = secondMoments.get(entry.getKey());
                g.muli(toFirst);                                    // (1 - beta1) s g
                m.muli(beta1).addi(g);
                g.muli(g).muli(toSecond);                           // (1 - beta2) s^2 g^2
                v.muli(beta2).addi(g);
                g.set(ALL, v);                                      // a one-pass copy of v
                g.powi(half).addi(epsilon);                         // sqrt(v) + eps c
                g.powi(minusOne).muli(m).muli(stepSize);            // the step
                if (config.weightDecay() != 0 && decays(entry.getValue())) {
                    weights.muli(decayFactor);
                }
                weights.subi(g);
            }
        }
        updates = t;
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
