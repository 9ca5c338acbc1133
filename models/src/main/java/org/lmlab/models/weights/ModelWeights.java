package org.lmlab.models.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lmlab.layers.core.HostCopy;
import org.lmlab.layers.core.NamedBlock;
import org.lmlab.models.safetensors.HostTensor;

/**
 * Moves a model's parameters to and from host tensors under lmlab's own dotted names
 * ({@code blocks.0.attention.qkv.weight}). A tied matrix appears once, under its first name.
 * Loading checks that every parameter is provided with its exact shape and nothing else is,
 * and names the offender otherwise, before changing any weight.
 */
public final class ModelWeights {

    private ModelWeights() {
    }

    /** The distinct parameters of a block, by the first name each appears under. */
    public static Map<String, Parameter> distinct(NamedBlock block) {
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        Map<String, Parameter> result = new LinkedHashMap<>();
        block.namedParameters().forEach((name, parameter) -> {
            if (seen.put(parameter, Boolean.TRUE) == null) {
                result.put(name, parameter);
            }
        });
        return result;
    }

    /** Copies every distinct parameter to the host. */
    public static List<HostTensor> export(NamedBlock block) {
        List<HostTensor> tensors = new ArrayList<>();
        distinct(block).forEach((name, parameter) -> {
            NDArray array = parameter.getArray();
            tensors.add(new HostTensor(name, array.getShape().getShape(), array.toFloatArray()));
        });
        return tensors;
    }

    /**
     * Sets every distinct parameter of an initialized block from the tensor of the same name,
     * in place (optimizers and tied heads keep holding the same arrays).
     *
     * @param source where the tensors come from, named in error messages (a file, a checkpoint)
     * @throws IllegalArgumentException naming the missing, extra or mis-shaped tensor
     */
    public static void load(NamedBlock block, Map<String, HostTensor> tensors, String source) {
        Map<String, Parameter> parameters = checked(block, tensors, source);
        parameters.forEach((name, parameter) -> HostCopy.into(parameter.getArray(), tensors.get(name).data()));
    }

    /**
     * Allocates every parameter of a new (uninitialized) block directly with the values of the
     * tensor of the same name, without a random initialization first.
     *
     * @throws IllegalArgumentException naming the missing, extra or mis-shaped tensor
     */
    public static void initializeFrom(NamedBlock block, Map<String, HostTensor> tensors, String source, NDManager manager) {
        Map<String, Parameter> parameters = checked(block, tensors, source);
        parameters.forEach((name, parameter) -> {
            float[] values = tensors.get(name).data();
            parameter.setInitializer((m, shape, type) -> m.create(values, shape));
        });
        block.initialize(manager);
    }

    /** The block's distinct parameters, after checking that the tensors match them exactly. */
    private static Map<String, Parameter> checked(NamedBlock block, Map<String, HostTensor> tensors, String source) {
        Map<String, Parameter> parameters = distinct(block);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            HostTensor tensor = tensors.get(entry.getKey());
            if (tensor == null) {
                missing.add(entry.getKey());
                continue;
            }
            long[] expected = entry.getValue().getShape().getShape();
            if (!Arrays.equals(expected, tensor.shape())) {
                throw new IllegalArgumentException(source + ": tensor '" + entry.getKey() + "' has shape "
                        + Arrays.toString(tensor.shape()) + ", the model needs " + Arrays.toString(expected));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": missing tensor" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : ""));
        }
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        unexpected.removeAll(parameters.keySet());
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException(source + ": unexpected tensor" + (unexpected.size() > 1 ? "s " : " ")
                    + String.join(", ", unexpected.stream().limit(5).toList())
                    + (unexpected.size() > 5 ? " and " + (unexpected.size() - 5) + " more" : "")
                    + "; the model has no such parameter");
        }
        return parameters;
    }
}
