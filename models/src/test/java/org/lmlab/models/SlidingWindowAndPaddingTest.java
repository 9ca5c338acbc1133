package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.block.NormPlacement;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;

/** A window hides exactly the tokens beyond it; padding hides exactly the padded positions. */
class SlidingWindowAndPaddingTest {

    private static final int[] TEXT = {5, 17, 42, 8, 33, 1, 60, 12, 7, 29};

    @Test
    void oneLayerWithWindowThreeSeesOnlyTheLastThreeTokens() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            ModelConfig config = TestModels.config("decoder", TestModels.attention("sliding-window", 4, 4, 3), "rope",
                    NormPlacement.PRE, HeadConfig.languageModel(true), 1);
            LanguageModel model = TestModels.initialized(config, manager, 41);
            int last = TEXT.length - 1;
            int[] outside = TEXT.clone();
            outside[last - 3] = 59;
            int[] inside = TEXT.clone();
            inside[last - 2] = 59;
            float[] original = lastPosition(model, manager, TEXT);
            assertArrayEquals(original, lastPosition(model, manager, outside), 0f);
            assertFalse(Arrays.equals(original, lastPosition(model, manager, inside)));
        }
    }

    @Test
    void rightPaddingLeavesTheRealPositionsOfAnEncoderUnchanged() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.encoder(TestModels.attention("multi-head", 4, 4, 0), "learned"), manager, 42);
            int real = 6;
            float[] unpadded = TestModels.logits(model, manager, Arrays.copyOf(TEXT, real));
            long[] ids = new long[TEXT.length];
            float[] mask = new float[TEXT.length];
            for (int i = 0; i < TEXT.length; i++) {
                ids[i] = i < real ? TEXT[i] : 0;
                mask[i] = i < real ? 1 : 0;
            }
            NDArray logits = model.forward(new ModelInput(manager.create(ids, new Shape(1, ids.length)),
                    manager.create(mask, new Shape(1, mask.length)), null), false);
            assertArrayEquals(unpadded, logits.get(new NDIndex(":, :{}, :", real)).toFloatArray(), 2e-5f);
        }
    }

    private static float[] lastPosition(LanguageModel model, NDManager manager, int[] ids) {
        NDArray logits = model.forward(ModelInput.of(TestModels.tokens(manager, ids)), false);
        return logits.get(new NDIndex(":, -1, :")).toFloatArray();
    }
}
