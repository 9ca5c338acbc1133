package org.lmlab.models.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a load accepts of a {@link LoadReport}. {@link #STRICT} accepts only an exact match and
 * fails with the message loading has always given (the first mis-shaped tensor, else the
 * missing tensors, else the unexpected ones); resuming a run uses it. A lenient policy accepts
 * missing parameters and unexpected tensors under given name prefixes: a fine-tune that drops a
 * pretraining head and starts a new one allows both under {@code head.} ({@link #newHead()}).
 *
 * <p>A mis-shaped tensor (say a classifier with another number of classes) is accepted when its
 * name is allowed both as missing and as unexpected: the tensor is dropped and the parameter
 * starts from its random initialisation, as a missing one does.
 *
 * @param missingPrefixes    a parameter under one of these prefixes may be absent ({@code ""}: any)
 * @param unexpectedPrefixes a tensor under one of these prefixes may have no parameter
 */
public record LoadPolicy(List<String> missingPrefixes, List<String> unexpectedPrefixes) {

    /** Only an exact match: every parameter present with its shape, no other tensor. */
    public static final LoadPolicy STRICT = new LoadPolicy(List.of(), List.of());

    public LoadPolicy {
        missingPrefixes = List.copyOf(missingPrefixes);
        unexpectedPrefixes = List.copyOf(unexpectedPrefixes);
    }

    /** Strict, but a head may be replaced: missing and unexpected tensors allowed under {@code head.}. */
    public static LoadPolicy newHead() {
        return STRICT.allowMissing("head.").allowUnexpected("head.");
    }

    /** This policy, also accepting missing parameters whose names start with {@code prefix}. */
    public LoadPolicy allowMissing(String prefix) {
        List<String> prefixes = new ArrayList<>(missingPrefixes);
        prefixes.add(prefix);
        return new LoadPolicy(prefixes, unexpectedPrefixes);
    }

    /** This policy, also accepting unexpected tensors whose names start with {@code prefix}. */
    public LoadPolicy allowUnexpected(String prefix) {
        List<String> prefixes = new ArrayList<>(unexpectedPrefixes);
        prefixes.add(prefix);
        return new LoadPolicy(missingPrefixes, prefixes);
    }

    /** True if the parameter of this name may be missing. */
    public boolean allowsMissing(String name) {
        return missingPrefixes.stream().anyMatch(name::startsWith);
    }

    /** True if a tensor of this name may have no parameter. */
    public boolean allowsUnexpected(String name) {
        return unexpectedPrefixes.stream().anyMatch(name::startsWith);
    }

    /** True if the parameter of this name may have a tensor of another shape (dropped, initialised afresh). */
    public boolean allowsMismatch(String name) {
        return allowsMissing(name) && allowsUnexpected(name);
    }

    /**
     * Accepts the report or fails naming what this policy refuses.
     *
     * @throws IllegalArgumentException naming the first refused mis-shaped tensor, else the
     *                                  refused missing tensors, else the refused unexpected ones
     */
    public void check(LoadReport report) {
        String source = report.source();
        for (LoadReport.ShapeMismatch mismatch : report.mismatched()) {
            if (!allowsMismatch(mismatch.name())) {
                throw new IllegalArgumentException(source + ": tensor '" + mismatch.name() + "' has shape "
                        + shape(mismatch.tensorShape()) + ", the model needs " + shape(mismatch.parameterShape()));
            }
        }
        List<String> missing = report.missing().stream().filter(name -> !allowsMissing(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": missing tensor" + (missing.size() > 1 ? "s " : " ")
                    + firstFive(missing));
        }
        List<String> unexpected = report.unexpected().stream().filter(name -> !allowsUnexpected(name)).toList();
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException(source + ": unexpected tensor" + (unexpected.size() > 1 ? "s " : " ")
                    + firstFive(unexpected) + "; the model has no such parameter");
        }
    }

    /** The first five names joined, and how many more there are. */
    static String firstFive(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(5, names.size())))
                + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }

    private static String shape(List<Long> dimensions) {
        return Arrays.toString(dimensions.stream().mapToLong(Long::longValue).toArray());
    }
}
