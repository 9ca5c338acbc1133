package org.lmlab.training.objective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.data.Example;
import org.lmlab.training.seed.SeededRandom;

/**
 * Next-token prediction (GPT): an example of n tokens gives inputs {@code tokens[0, n-1)} and
 * labels {@code tokens[1, n)}, the book's input/target pair shifted by one. Windows over a
 * corpus are context + 1 tokens long with a stride of the context, so consecutive windows
 * share one token and every corpus token (but the first) is predicted once per epoch.
 */
public final class CausalLmObjective implements Objective {

    /** The registered name. */
    public static final String NAME = "causal-lm";

    private final int padId;

    /** A causal objective padding ragged batches with {@code padId}. */
    public CausalLmObjective(int padId) {
        this.padId = padId;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void checkCompatible(LanguageModel model) {
        if (!model.predictsNextToken()) {
            throw new IllegalArgumentException("objective " + NAME + " needs a model that predicts the next token "
                    + "(a decoder with a token head); model '" + model.config().name() + "' does not");
        }
    }

    @Override
    public int exampleTokens(int context) {
        return context + 1;
    }

    @Override
    public HostBatch prepare(List<Example> examples, SeededRandom random) {
        List<int[]> inputs = new ArrayList<>(examples.size());
        List<int[]> labels = new ArrayList<>(examples.size());
        for (Example example : examples) {
            int[] tokens = example.tokens();
            if (tokens.length < 2) {
                throw new IllegalArgumentException(NAME + ": an example needs at least 2 tokens to predict one, got " + tokens.length);
            }
            inputs.add(Arrays.copyOfRange(tokens, 0, tokens.length - 1));
            int[] shifted = new int[tokens.length - 1];
            System.arraycopy(tokens, 1, shifted, 0, shifted.length);
            labels.add(shifted);
        }
        return Padding.rows(inputs, labels, padId);
    }
}
