package org.lmlab.finetune.instruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.models.Models;
import org.lmlab.models.preset.Presets;
import org.lmlab.training.data.Example;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.seed.SeededRandom;

/**
 * The {@code instruction} objective's batching on hand-made batches. The first case is the
 * book's own check of {@code custom_collate_fn} (chapter 7): examples [0,1,2,3,4], [5,6] and
 * [7,8,9] with end of text 50256 give inputs [[0,1,2,3,4],[5,6,E,E,E],[7,8,9,E,E]] and targets
 * [[1,2,3,4,E],[6,E,-100,-100,-100],[8,9,E,-100,-100]].
 */
class InstructionObjectiveTest {

    private static final int E = 50256;
    private static final int I = HostBatch.IGNORE;
    private static final SeededRandom UNUSED = new SeededRandom(0);

    @Test
    void theBooksCollateExamplePadsShiftsAndKeepsTheFirstEndOfText() {
        InstructionObjective objective = new InstructionObjective(E, false, 1024);
        HostBatch batch = objective.prepare(List.of(Example.of(0, 1, 2, 3, 4), Example.of(5, 6), Example.of(7, 8, 9)), UNUSED);
        assertEquals(3, batch.rows());
        assertEquals(5, batch.length());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, E, E, E, 7, 8, 9, E, E}, batch.tokens());
        assertArrayEquals(new long[] {1, 2, 3, 4, E, 6, E, I, I, I, 8, 9, E, I, I}, batch.labels());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0}, batch.padding());
        assertEquals(5 + 2 + 3, batch.targetCount());
    }

    @Test
    void equalLengthsNeedNoPaddingMaskAndEveryRowEndsWithEndOfText() {
        HostBatch batch = new InstructionObjective(E, false, 1024).prepare(List.of(Example.of(1, 2, 3), Example.of(4, 5, 6)), UNUSED);
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, batch.tokens());
        assertArrayEquals(new long[] {2, 3, E, 5, 6, E}, batch.labels());
        assertNull(batch.padding());
    }

    @Test
    void maskPromptIgnoresTargetsThatArePromptTokensOnly() {
        // Prompt [1, 2] + response [3, 4, 5]; prompt [6, 7, 8] + response [9].
        Example first = new Example(new int[] {1, 2, 3, 4, 5}, new int[] {I, I, 3, 4, 5});
        Example second = new Example(new int[] {6, 7, 8, 9}, new int[] {I, I, I, 9});
        HostBatch unmasked = new InstructionObjective(E, false, 1024).prepare(List.of(first, second), UNUSED);
        assertArrayEquals(new long[] {2, 3, 4, 5, E, 7, 8, 9, E, I}, unmasked.labels());
        HostBatch masked = new InstructionObjective(E, true, 1024).prepare(List.of(first, second), UNUSED);
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, E}, masked.tokens());
        // Position 0 predicts the prompt's 2 (hidden); position 1 predicts the response's first token 3 (kept).
        assertArrayEquals(new long[] {I, 3, 4, 5, E, I, I, 9, E, I}, masked.labels());
        assertEquals(4 + 2, masked.targetCount());
    }

    @Test
    void maxLengthCutsInputsAndTargetsAfterShifting() {
        Example first = new Example(new int[] {1, 2, 3, 4, 5}, new int[] {I, I, 3, 4, 5});
        HostBatch cut = new InstructionObjective(E, true, 3).prepare(List.of(first, Example.of(6, 7)), UNUSED);
        assertEquals(3, cut.length());
        assertArrayEquals(new long[] {1, 2, 3, 6, 7, E}, cut.tokens());
        assertArrayEquals(new long[] {I, 3, 4, 7, E, I}, cut.labels());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0}, cut.padding());
        // A cut longer than every example changes nothing.
        assertEquals(new InstructionObjective(E, true, 1024).prepare(List.of(first), UNUSED),
                new InstructionObjective(E, true, 5).prepare(List.of(first), UNUSED));
    }

    @Test
    void aMaxLengthBeyondTheModelsContextIsRefused() {
        var model = Models.standard().build(Presets.get("gpt-tiny"));
        new InstructionObjective(E, false, 128).checkCompatible(model);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> new InstructionObjective(E, false, 129).checkCompatible(model));
        assertEquals("objective.max_length: 129 is longer than model 'gpt-tiny''s context of 128 positions", tooLong.getMessage());
        IllegalArgumentException encoder = assertThrows(IllegalArgumentException.class,
                () -> new InstructionObjective(E, false, 16).checkCompatible(Models.standard().build(Presets.get("bert-tiny"))));
        assertEquals("objective instruction needs a model that predicts the next token (a decoder with a token head); "
                + "model 'bert-tiny' does not", encoder.getMessage());
    }
}
