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
 * Loading first matches tensors to parameters ({@link #match}: a {@link LoadReport} of loaded,
 * missing, unexpected and mis-shaped names), then lets a {@link LoadPolicy} accept or refuse
 * the match, before changing any weight: {@link LoadPolicy#STRICT} needs every parameter with
 * its exact shape and nothing else, and names the offender otherwise.
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
     * in place (optimizers and tied heads keep holding the same arrays). Strict: resuming a run
     * needs every tensor and nothing else.
     *
     * @param source where the tensors come from, named in error messages (a file, a checkpoint)
     * @throws IllegalArgumentException naming the missing, extra or mis-shaped tensor
     */
    public static void load(NamedBlock block, Map<String, HostTensor> tensors, String source) {
        LoadReport report = match(block, tensors, source);
        LoadPolicy.STRICT.check(report);
        Map<String, Parameter> parameters = distinct(block);
        report.loaded().forEach(name -> HostCopy.into(parameters.get(name).getArray(), tensors.get(name).data()));
    }

    /**
     * Allocates every parameter of a new (uninitialized) block directly with the values of the
     * tensor of the same name, without a random initialization first. Strict.
     *
     * @throws IllegalArgumentException naming the missing, extra or mis-shaped tensor
     */
    public static void initializeFrom(NamedBlock block, Map<String, HostTensor> tensors, String source, NDManager manager) {
        initializeFrom(block, tensors, source, manager, LoadPolicy.STRICT);
    }

    /**
     * Allocates the parameters of a new (uninitialized) block from the tensors the policy
     * accepts: a parameter with a tensor of its name and shape starts with its values, a missing
     * or mis-shaped one (if the policy allows it) gets its normal random initialization, drawn
     * from the engine's random generator in declaration order, so seeding the engine first
     * ({@code Engine.setRandomSeed}) makes it repeatable. Unexpected tensors are ignored if
     * allowed. Nothing is allocated if the policy refuses the match.
     *
     * @return what was loaded, missing, unexpected and mis-shaped
     * @throws IllegalArgumentException if the policy refuses the match, naming what it refuses
     */
    public static LoadReport initializeFrom(NamedBlock block, Map<String, HostTensor> tensors, String source,
            NDManager manager, LoadPolicy policy) {
        LoadReport report = match(block, tensors, source);
        policy.check(report);
        Map<String, Parameter> parameters = distinct(block);
        report.loaded().forEach(name -> {
            float[] values = tensors.get(name).data();
            parameters.get(name).setInitializer((m, shape, type) -> m.create(values, shape));
        });
        block.initialize(manager);
        return report;
    }

    /**
     * Matches tensors to the block's distinct parameters by name and shape, changing nothing.
     * A tied matrix is matched under its first name only.
     */
    public static LoadReport match(NamedBlock block, Map<String, HostTensor> tensors, String source) {
        Map<String, Parameter> parameters = distinct(block);
        List<String> loaded = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<LoadReport.ShapeMismatch> mismatched = new ArrayList<>();
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            HostTensor tensor = tensors.get(entry.getKey());
            long[] expected = entry.getValue().getShape().getShape();
            if (tensor == null) {
                missing.add(entry.getKey());
            } else if (!Arrays.equals(expected, tensor.shape())) {
                mismatched.add(new LoadReport.ShapeMismatch(entry.getKey(), boxed(tensor.shape()), boxed(expected)));
            } else {
                loaded.add(entry.getKey());
            }
        }
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        unexpected.removeAll(parameters.keySet());
        return new LoadReport(source, loaded, missing, List.copyOf(unexpected), mismatched);
    }

    private static List<Long> boxed(long[] shape) {
        return Arrays.stream(shape).boxed().toList();
    }
}
