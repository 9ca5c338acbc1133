package org.lmlab.finetune.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.Models;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.stack.SequenceSummary;
import org.lmlab.tokenizers.SpecialTokens.Role;
import org.lmlab.training.data.Example;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.seed.SeededRandom;

/** The classification collate on hand-made batches: padding ids, the padding mask, truncation, framing, labels. */
class ClassificationCollateTest {

    private static final SeededRandom RANDOM = new SeededRandom(1);

    private static Example example(int label, int... tokens) {
        return new Example(tokens, new int[] {label});
    }

    @Test
    void aDecoderBatchIsPaddedWithTheEndOfTextTokenWhenThereIsNoPadToken() {
        ClassificationObjective objective = new ClassificationObjective(new ClassificationConfig("classification", "plain", 0),
                new ToyTokenizer(Map.of(Role.END_OF_TEXT, 3)));
        HostBatch batch = objective.prepare(List.of(example(1, 5, 6, 7), example(0, 8), example(1, 9, 10)), RANDOM);
        assertEquals(3, batch.rows());
        assertEquals(3, batch.length());
        assertArrayEquals(new long[] {5, 6, 7, 8, 3, 3, 9, 10, 3}, batch.tokens());
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 1, 1, 0}, batch.padding());
        assertArrayEquals(new long[] {1, 0, 1}, batch.labels());
        assertArrayEquals(new long[] {3}, batch.labelShape());
        assertEquals(3, batch.targetCount());
    }

    @Test
    void thePadTokenWinsOverEndOfTextAndFullRowsNeedNoMask() {
        ToyTokenizer tokenizer = new ToyTokenizer(Map.of(Role.END_OF_TEXT, 3, Role.PAD, 0));
        assertEquals(0, ClassificationObjective.padId(tokenizer));
        assertEquals(0, ClassificationObjective.padId(new ToyTokenizer(Map.of())));
        ClassificationObjective objective = new ClassificationObjective(new ClassificationConfig("classification", "plain", 0), tokenizer);
        HostBatch ragged = objective.prepare(List.of(example(0, 5), example(1, 6, 7)), RANDOM);
        assertArrayEquals(new long[] {5, 0, 6, 7}, ragged.tokens());
        HostBatch full = objective.prepare(List.of(example(0, 5, 6), example(1, 7, 8)), RANDOM);
        assertNull(full.padding());
        assertArrayEquals(new long[] {5, 6, 7, 8}, full.tokens());
    }

    @Test
    void truncationKeepsTheStartAndAnEncoderKeepsItsClsAndSep() {
        ToyTokenizer bert = new ToyTokenizer(Map.of(Role.PAD, 0, Role.CLS, 1, Role.SEP, 2));
        ClassificationObjective framed = new ClassificationObjective(new ClassificationConfig("classification", "cls-sep", 4), bert);
        HostBatch batch = framed.prepare(List.of(example(0, 5, 6, 7, 8), example(1, 9)), RANDOM);
        assertArrayEquals(new long[] {1, 5, 6, 2, 1, 9, 2, 0}, batch.tokens());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 0}, batch.padding());
        assertEquals(4, framed.exampleTokens(16));
        ClassificationObjective plain = new ClassificationObjective(new ClassificationConfig("classification", "plain", 2), bert);
        assertArrayEquals(new int[] {5, 6}, plain.modelIds(new int[] {5, 6, 7}));
        assertArrayEquals(new int[] {5}, plain.modelIds(new int[] {5}));
    }

    @Test
    void theSummaryOfAPaddedDecoderBatchIsEachRowsLastRealToken() {
        ClassificationObjective objective = new ClassificationObjective(new ClassificationConfig("classification", "plain", 0),
                new ToyTokenizer(Map.of(Role.END_OF_TEXT, 3)));
        HostBatch batch = objective.prepare(List.of(example(1, 5, 6, 7), example(0, 8), example(1, 9, 10)), RANDOM);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            // hidden[b, t, :] = (10 b + t, -(10 b + t)): the summary tells which position was read.
            float[] values = new float[3 * 3 * 2];
            for (int b = 0; b < 3; b++) {
                for (int t = 0; t < 3; t++) {
                    values[(b * 3 + t) * 2] = 10 * b + t;
                    values[(b * 3 + t) * 2 + 1] = -(10 * b + t);
                }
            }
            NDArray hidden = manager.create(values, new Shape(3, 3, 2));
            NDArray padding = manager.create(batch.padding(), new Shape(3, 3));
            assertArrayEquals(new float[] {2, -2, 10, -10, 21, -21}, SequenceSummary.LAST_TOKEN.select(hidden, padding).toFloatArray());
        }
    }

    @Test
    void badExamplesAndUnsuitableModelsAreRefusedClearly() {
        ClassificationObjective objective = new ClassificationObjective(new ClassificationConfig("classification", "plain", 0),
                new ToyTokenizer(Map.of(Role.END_OF_TEXT, 3)));
        IllegalArgumentException noLabel = assertThrows(IllegalArgumentException.class,
                () -> objective.prepare(List.of(Example.of(5, 6)), RANDOM));
        assertEquals("classification: an example needs exactly one class id (0 or more) as its target, got []", noLabel.getMessage());

        Models models = Models.standard();
        IllegalArgumentException lmHead = assertThrows(IllegalArgumentException.class,
                () -> objective.checkCompatible(models.build(Presets.gpt2("g", 16, 1, 2, 8, true, true, 0f))));
        assertEquals("objective classification needs a model with a classification head (the edit replace-head with head"
                + " {type: classification, classes: N}); model 'g' outputs vocabulary_logits", lmHead.getMessage());

        ClassificationObjective plainForBert = new ClassificationObjective(new ClassificationConfig("classification", "plain", 0),
                new ToyTokenizer(Map.of(Role.PAD, 0, Role.CLS, 1, Role.SEP, 2)));
        IllegalArgumentException framing = assertThrows(IllegalArgumentException.class, () -> plainForBert.checkCompatible(
                models.build(Presets.bert("b", 16, 1, 2, 8, 0f).withHead(HeadConfig.classification(2)))));
        assertEquals("objective.framing: model 'b' is an encoder and reads its text framed cls-sep (as every lmlab command"
                + " frames it), got plain", framing.getMessage());

        ClassificationObjective long16 = new ClassificationObjective(new ClassificationConfig("classification", "plain", 16),
                new ToyTokenizer(Map.of(Role.END_OF_TEXT, 3)));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> long16.checkCompatible(
                models.build(Presets.gpt2("g", 16, 1, 2, 8, true, true, 0f).withHead(HeadConfig.classification(2)))));
        assertEquals("objective.max_length: 16 is longer than model 'g''s 8 positions", tooLong.getMessage());

        IllegalArgumentException noRoom = assertThrows(IllegalArgumentException.class,
                () -> new ClassificationConfig("classification", "cls-sep", 2));
        assertEquals("objective.max_length: must be 0 (no truncation) or room for a token besides [CLS] and [SEP] (3 or more),"
                + " got 2", noRoom.getMessage());
    }
}
