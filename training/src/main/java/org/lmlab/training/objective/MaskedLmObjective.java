package org.lmlab.training.objective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lmlab.models.LanguageModel;
import org.lmlab.tokenizers.SpecialTokens.Role;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.training.data.Example;
import org.lmlab.training.seed.SeededRandom;
import org.lmlab.training.text.EncoderFraming;

/**
 * BERT's masked-language-model objective. Each example is framed as {@code [CLS] tokens [SEP]}
 * by {@link EncoderFraming} (ids from the tokenizer's special tokens), as scoring frames text; positions holding a special token are never
 * chosen; of the rest each is chosen with the configured rate (whole words together when asked),
 * and a chosen position becomes {@code [MASK]}, a random non-special token, or stays, per the
 * {@link MaskingConfig}. Labels hold the original token at chosen positions and
 * {@link HostBatch#IGNORE} elsewhere. A row in which no position was chosen gets one chosen
 * uniformly, so every row teaches something and a batch never has zero targets.
 */
public final class MaskedLmObjective implements Objective {

    /** The registered name. */
    public static final String NAME = "masked-lm";

    private final MaskingConfig masking;
    private final EncoderFraming framing;
    private final int mask;
    private final int padId;
    private final boolean[] special;
    private final boolean[] continuation;

    private MaskedLmObjective(MaskingConfig masking, EncoderFraming framing, int mask, int padId, boolean[] special,
            boolean[] continuation) {
        this.masking = masking;
        this.framing = framing;
        this.mask = mask;
        this.padId = padId;
        this.special = special;
        this.continuation = continuation;
    }

    /** The objective for this tokenizer, which must have [CLS], [SEP] and [MASK] tokens. */
    public static MaskedLmObjective create(MaskingConfig masking, Tokenizer tokenizer) {
        int vocab = tokenizer.vocabSize();
        boolean[] special = new boolean[vocab];
        tokenizer.specialTokens().asMap().values().forEach(id -> special[id] = true);
        boolean anyOrdinary = false;
        for (boolean s : special) {
            anyOrdinary |= !s;
        }
        if (!anyOrdinary) {
            throw new IllegalArgumentException(NAME + ": the vocabulary has no ordinary token to learn");
        }
        boolean[] continuation = null;
        if (masking.wholeWord()) {
            continuation = new boolean[vocab];
            for (int id = 0; id < vocab; id++) {
                continuation[id] = !special[id] && tokenizer.token(id).startsWith(masking.continuationPrefix());
            }
        }
        var roles = tokenizer.specialTokens();
        EncoderFraming framing = EncoderFraming.require(roles, NAME);
        int mask = roles.id(Role.MASK).orElseThrow(() -> new IllegalArgumentException(NAME
                + " needs a tokenizer with a mask token; this one has " + roles.asMap().keySet()));
        return new MaskedLmObjective(masking, framing, mask, Padding.padId(tokenizer), special, continuation);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void checkCompatible(LanguageModel model) {
        if (!model.predictsMaskedTokens()) {
            throw new IllegalArgumentException("objective " + NAME + " needs a bidirectional model with a token head "
                    + "(an encoder with an mlm head); model '" + model.config().name() + "' is "
                    + (model.isCausal() ? "causal" : "an encoder whose head outputs " + model.output()));
        }
    }

    @Override
    public int exampleTokens(int context) {
        if (context < 3) {
            throw new IllegalArgumentException(NAME + ": context must be at least 3 ([CLS], a token, [SEP]), got " + context);
        }
        return context - EncoderFraming.ADDED_TOKENS;
    }

    @Override
    public HostBatch prepare(List<Example> examples, SeededRandom random) {
        List<int[]> inputs = new ArrayList<>(examples.size());
        List<int[]> labels = new ArrayList<>(examples.size());
        for (Example example : examples) {
            int[] framed = framing.frame(example.tokens());
            int[] label = new int[framed.length];
            Arrays.fill(label, HostBatch.IGNORE);
            int[] input = framed.clone();
            List<int[]> words = words(framed);
            boolean chosenAny = false;
            for (int[] word : words) {
                if (random.nextDouble() < masking.rate()) {
                    corrupt(word, framed, input, label, random);
                    chosenAny = true;
                }
            }
            if (!chosenAny && !words.isEmpty()) {
                corrupt(words.get(random.nextInt(words.size())), framed, input, label, random);
            }
            inputs.add(input);
            labels.add(label);
        }
        return Padding.rows(inputs, labels, padId);
    }

    /** Maskable units as [start, end) position pairs: single tokens, or whole words with whole-word masking. */
    private List<int[]> words(int[] framed) {
        List<int[]> words = new ArrayList<>();
        for (int p = 0; p < framed.length; p++) {
            int id = framed[p];
            if (id < 0 || id >= special.length) {
                throw new IllegalArgumentException(NAME + ": token id " + id + " is outside the tokenizer's vocabulary of " + special.length);
            }
            if (special[id]) {
                continue;
            }
            boolean joinsPrevious = continuation != null && continuation[id] && !words.isEmpty() && words.get(words.size() - 1)[1] == p;
            if (joinsPrevious) {
                words.get(words.size() - 1)[1] = p + 1;
            } else {
                words.add(new int[] {p, p + 1});
            }
        }
        return words;
    }

    private void corrupt(int[] word, int[] framed, int[] input, int[] label, SeededRandom random) {
        for (int p = word[0]; p < word[1]; p++) {
            label[p] = framed[p];
            double draw = random.nextDouble();
            if (draw < masking.maskFraction()) {
                input[p] = mask;
            } else if (draw < masking.maskFraction() + masking.randomFraction()) {
                input[p] = randomOrdinaryToken(random);
            }
        }
    }

    private int randomOrdinaryToken(SeededRandom random) {
        while (true) {
            int id = random.nextInt(special.length);
            if (!special[id]) {
                return id;
            }
        }
    }
}
