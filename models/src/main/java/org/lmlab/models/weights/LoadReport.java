package org.lmlab.models.weights;

import java.util.ArrayList;
import java.util.List;

/**
 * How a set of named tensors matched a model's parameters, under lmlab's dotted names: which
 * parameters were found with their exact shape ({@code loaded}), which the tensors lack
 * ({@code missing}), which tensors the model has no parameter for ({@code unexpected}), and
 * which were found with another shape ({@code mismatched}). A {@link LoadPolicy} decides what
 * is acceptable; the report itself changes nothing.
 *
 * @param source     where the tensors come from (a file, a checkpoint), named in messages
 * @param loaded     parameters set from a tensor, in the model's declaration order
 * @param missing    parameters with no tensor of their name, in declaration order
 * @param unexpected tensors no parameter is named after, sorted
 * @param mismatched parameters whose tensor has another shape, in declaration order
 */
public record LoadReport(String source, List<String> loaded, List<String> missing, List<String> unexpected,
        List<ShapeMismatch> mismatched) {

    /** A tensor whose name matches a parameter but whose shape does not. */
    public record ShapeMismatch(String name, List<Long> tensorShape, List<Long> parameterShape) {

        public ShapeMismatch {
            tensorShape = List.copyOf(tensorShape);
            parameterShape = List.copyOf(parameterShape);
        }
    }

    public LoadReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        mismatched = List.copyOf(mismatched);
    }

    /** True if every parameter was loaded and every tensor used: what a strict load needs. */
    public boolean isExact() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    /**
     * The parameters an accepted load leaves at their random initialisation: the missing ones
     * and the mis-shaped ones (whose tensors are dropped), in declaration order.
     */
    public List<String> initialized() {
        List<String> names = new ArrayList<>(missing);
        mismatched.forEach(mismatch -> names.add(mismatch.name()));
        return List.copyOf(names);
    }

    /** One line for a log: counts and the first names of each kind. */
    public String summary() {
        StringBuilder line = new StringBuilder(source).append(": loaded ").append(loaded.size())
                .append(loaded.size() == 1 ? " tensor" : " tensors");
        append(line, "missing", missing);
        append(line, "unexpected", unexpected);
        append(line, "mis-shaped", mismatched.stream().map(ShapeMismatch::name).toList());
        return line.toString();
    }

    private static void append(StringBuilder line, String kind, List<String> names) {
        if (!names.isEmpty()) {
            line.append("; ").append(names.size()).append(' ').append(kind).append(" (").append(LoadPolicy.firstFive(names)).append(')');
        }
    }
}
