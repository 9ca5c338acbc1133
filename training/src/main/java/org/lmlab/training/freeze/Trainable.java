package org.lmlab.training.freeze;

import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.lmlab.layers.core.NamedBlock;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.weights.ModelWeights;
import org.lmlab.training.optim.Gradients;

/**
 * The parameters of one model that train, by name, each once, in declaration order (as
 * {@link ModelWeights#distinct} names them); the others are frozen. The trainer gives only
 * these to the optimizer and the gradient clipping, and {@link #apply()} makes autograd follow
 * the selection, so frozen parameters get no gradient at all.
 *
 * <p>A parameter that appears under several names (a shared matrix) is one parameter: it
 * trains if any of its names is selected, because freezing it under one name while another
 * part of the model trains it is not possible, and it is listed under its first name.
 */
public final class Trainable {

    private final NamedBlock model;
    private final Map<String, Parameter> trainable;
    private final Map<String, Parameter> frozen;

    private Trainable(NamedBlock model, Map<String, Parameter> trainable, Map<String, Parameter> frozen) {
        this.model = model;
        this.trainable = Collections.unmodifiableMap(trainable);
        this.frozen = Collections.unmodifiableMap(frozen);
    }

    /** Every parameter of the model trains. */
    public static Trainable all(NamedBlock model) {
        return selected(model, name -> true);
    }

    /**
     * The parameters a policy selects.
     *
     * @throws IllegalArgumentException if the policy refuses the model or selects nothing
     */
    public static Trainable of(LanguageModel model, FreezePolicy policy) {
        return selected(model, policy.trainable(model));
    }

    /**
     * The parameters with at least one selected name.
     *
     * @throws IllegalArgumentException if no parameter is selected
     */
    public static Trainable selected(NamedBlock model, Predicate<String> names) {
        Map<Parameter, Boolean> chosen = new IdentityHashMap<>();
        model.namedParameters().forEach((name, parameter) -> {
            if (names.test(name)) {
                chosen.put(parameter, Boolean.TRUE);
            }
        });
        Map<String, Parameter> trainable = new LinkedHashMap<>();
        Map<String, Parameter> frozen = new LinkedHashMap<>();
        ModelWeights.distinct(model).forEach((name, parameter) ->
                (chosen.containsKey(parameter) ? trainable : frozen).put(name, parameter));
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("selects none of the " + frozen.size() + " parameters of the model to train");
        }
        return new Trainable(model, trainable, frozen);
    }

    /** The model the selection was made from. */
    public NamedBlock model() {
        return model;
    }

    /** The trainable parameters by name, in declaration order. */
    public Map<String, Parameter> parameters() {
        return trainable;
    }

    /** The trainable parameters' names, in declaration order. */
    public Set<String> names() {
        return trainable.keySet();
    }

    /** The frozen parameters by name, in declaration order. */
    public Map<String, Parameter> frozen() {
        return frozen;
    }

    /** True if nothing is frozen. */
    public boolean isEverything() {
        return frozen.isEmpty();
    }

    /** Number of trainable values. */
    public long valueCount() {
        return trainable.values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    /**
     * Makes autograd follow the selection: trainable parameters require gradients, frozen ones
     * do not (DJL's {@link Parameter#freeze}, which sets {@code requires_grad} on the PyTorch
     * tensor), and any gradient a frozen one still holds from earlier training is zeroed. The
     * model stays so until the next call on a selection of it.
     */
    public void apply() {
        trainable.values().forEach(parameter -> parameter.freeze(false));
        frozen.values().forEach(parameter -> parameter.freeze(true));
        Gradients.zero(frozen.values().stream().filter(Parameter::isInitialized).toList());
    }
}
