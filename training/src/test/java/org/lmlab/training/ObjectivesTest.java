package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.training.data.Example;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.objective.MaskedLmObjective;
import org.lmlab.training.objective.MaskingConfig;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.objective.ObjectiveConfig;
import org.lmlab.training.seed.SeededRandom;

class ObjectivesTest {

    private final CharTokenizer tokenizer = new CharTokenizer();

    @Test
    void theRegistryKnowsBothPretrainingObjectivesAndNamesTheKnownOnesOnATypo() {
        Objectives objectives = Objectives.standard();
        assertEquals(Set.of("causal-lm", "masked-lm"), objectives.names());
        assertEquals("masked-lm", objectives.create(Objectives.standard().defaults("masked-lm"), tokenizer).name());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> objectives.create(new org.lmlab.training.objective.CausalLmConfig("causal"), tokenizer));
        assertEquals("objective.type: unknown type 'causal'; known: causal-lm, masked-lm", error.getMessage());
    }

    @Test
    void maskingRatesMatchBertWithinTolerance() {
        Objective masked = Objectives.standard().create(Objectives.standard().defaults("masked-lm"), tokenizer);
        SeededRandom random = new SeededRandom(2024);
        long candidates = 0;
        long chosen = 0;
        long masks = 0;
        long randoms = 0;
        long unchanged = 0;
        for (int sample = 0; sample < 400; sample++) {
            List<Example> examples = new ArrayList<>();
            for (int row = 0; row < 4; row++) {
                int[] tokens = new int[126];
                for (int i = 0; i < tokens.length; i++) {
                    // Ordinary characters with a special token ([UNK]) sprinkled in, which must never be chosen.
                    tokens[i] = i % 10 == 3 ? CharTokenizer.UNK : CharTokenizer.FIRST_CHAR + random.nextInt(26);
                }
                examples.add(Example.of(tokens));
            }
            HostBatch batch = masked.prepare(examples, random);
            assertEquals(128, batch.length());
            for (int r = 0; r < 4; r++) {
                int[] original = examples.get(r).tokens();
                for (int t = 0; t < 128; t++) {
                    int at = r * 128 + t;
                    long input = batch.tokens()[at];
                    long label = batch.labels()[at];
                    boolean framing = t == 0 || t == 127;
                    int originalId = framing ? (t == 0 ? CharTokenizer.CLS : CharTokenizer.SEP) : original[t - 1];
                    boolean special = originalId < CharTokenizer.FIRST_CHAR;
                    if (special) {
                        assertEquals(HostBatch.IGNORE, label, "a special token was chosen at row " + r + " position " + t);
                        assertEquals(originalId, input);
                        continue;
                    }
                    candidates++;
                    if (label == HostBatch.IGNORE) {
                        assertEquals(originalId, input);
                        continue;
                    }
                    chosen++;
                    assertEquals(originalId, label);
                    if (input == CharTokenizer.MASK) {
                        masks++;
                    } else if (input == originalId) {
                        unchanged++;
                    } else {
                        randoms++;
                        assertTrue(input >= CharTokenizer.FIRST_CHAR, "random replacement must not be special: " + input);
                    }
                }
            }
        }
        double rate = (double) chosen / candidates;
        assertEquals(0.15, rate, 0.005, "chosen rate");
        assertEquals(0.8, (double) masks / chosen, 0.01, "mask share");
        // A random token equals the original 1 time in 31, so the unchanged share is 0.1 + 0.1/31.
        assertEquals(0.1 * 30 / 31, (double) randoms / chosen, 0.01, "random share");
        assertEquals(0.1 + 0.1 / 31, (double) unchanged / chosen, 0.01, "unchanged share");
    }

    @Test
    void everyRowGetsAtLeastOneTargetAndTheFramingComesFromTheTokenizer() {
        Objective masked = MaskedLmObjective.create(MaskingConfig.BERT, tokenizer);
        HostBatch batch = masked.prepare(List.of(Example.of(6), Example.of(7, 8, 9)), new SeededRandom(3));
        assertEquals(5, batch.length());
        assertEquals(CharTokenizer.CLS, batch.tokens()[0]);
        assertEquals(CharTokenizer.SEP, batch.tokens()[2]);
        assertEquals(CharTokenizer.PAD, batch.tokens()[3]);
        assertEquals(CharTokenizer.SEP, batch.tokens()[9]);
        assertEquals(6, batch.labels()[1]);
        assertEquals(1f, batch.padding()[2]);
        assertEquals(0f, batch.padding()[3]);
        assertTrue(batch.targetCount() >= 2);
    }

    @Test
    void wholeWordMaskingChoosesAllPiecesOfAWordTogether() {
        // A vocabulary in which "##x" continues a word: pieces 10..14 are continuations.
        Tokenizer pieces = new CharTokenizer() {
            @Override
            public String token(int id) {
                return id >= 10 && id < 15 ? "##" + id : super.token(id);
            }
        };
        Objective masked = MaskedLmObjective.create(MaskingConfig.BERT.withWholeWord(true), pieces);
        SeededRandom random = new SeededRandom(11);
        int[] tokens = {5, 10, 11, 6, 12, 7, 8, 13, 14, 9};
        int[][] words = {{1, 4}, {4, 6}, {6, 7}, {7, 10}, {10, 11}};
        int wholeWordsChosen = 0;
        for (int sample = 0; sample < 500; sample++) {
            HostBatch batch = masked.prepare(List.of(Example.of(tokens)), random);
            for (int[] word : words) {
                boolean first = batch.labels()[word[0]] != HostBatch.IGNORE;
                for (int p = word[0]; p < word[1]; p++) {
                    assertEquals(first, batch.labels()[p] != HostBatch.IGNORE, "word " + word[0] + ".." + word[1] + " split");
                }
                wholeWordsChosen += first && word[1] - word[0] > 1 ? 1 : 0;
            }
        }
        assertTrue(wholeWordsChosen > 100, "multi-piece words were chosen " + wholeWordsChosen + " times");
    }

    @Test
    void maskedLmNeedsAMaskTokenAndSaysSo() {
        Tokenizer noMask = new CharTokenizer() {
            @Override
            public SpecialTokens specialTokens() {
                return SpecialTokens.of(java.util.Map.of(SpecialTokens.Role.END_OF_TEXT, 0));
            }
        };
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MaskedLmObjective.create(MaskingConfig.BERT, noMask));
        assertEquals("masked-lm needs a tokenizer with a cls token; this one has [END_OF_TEXT]", error.getMessage());
    }
}
