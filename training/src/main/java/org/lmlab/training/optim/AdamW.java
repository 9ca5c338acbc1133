package org.lmlab.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     */
    public void step(double lr, double gradientScale) {
        long t = updates + 1;
        double correction1 = 1 - Math.pow(config.beta1(), t);
        double correction2 = 1 - Math.pow(config.beta2(), t);
        try (NDManager scalars = manager.newSubManager(); NDScope scope = new NDScope()) {
            NDArray beta1 = scalars.create((float) config.beta1());
            NDArray oneMinusBeta1 = scalars.create((float) (1 - config.beta1()));
            NDArray beta2 = scalars.create((float) config.beta2());
            NDArray oneMinusBeta2 = scalars.create((float) (1 - config.beta2()));
            NDArray sqrtCorrection2 = scalars.create((float) Math.sqrt(correction2));
            NDArray epsilon = scalars.create((float) config.epsilon());
            NDArray stepSize = scalars.create((float) (lr / correction1));
            NDArray decayFactor = scalars.create((float) (1 - lr * config.weightDecay()));
            NDArray scale = scalars.create((float) gradientScale);
            for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                NDArray gradient = Gradients.of(entry.getValue());
                if (gradient == null) {
                    continue;
                }
                if (gradientScale != 1.0) {
                    gradient = gradient.mul(scale);
                }
                NDArray weights = entry.getValue().getArray();
                NDArray m = firstMoments.get(entry.getKey());
                NDArray v = secondMoments.get(entry.getKey());
                m.muli(beta1).addi(gradient.mul(oneMinusBeta1));
                v.muli(beta2).addi(gradient.square().muli(oneMinusBeta2));
                if (config.weightDecay() != 0 && decays(entry.getValue())) {
                    weights.muli(decayFactor);
                }
                NDArray denominator = v.sqrt().divi(sqrtCorrection2).addi(epsilon);
                weights.subi(m.div(denominator).muli(stepSize));
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
        firstMoments.forEach((name, m) -> m.set(tensors.get("m." + name).data()));
        secondMoments.forEach((name, v) -> v.set(tensors.get("v." + name).data()));
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
