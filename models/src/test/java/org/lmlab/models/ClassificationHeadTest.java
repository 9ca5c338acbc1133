package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** A classifier reads the last real token of a decoder and the first token of an encoder, whatever the padding. */
class ClassificationHeadTest {

    private static final int[] SHORT = {7, 19, 3, 44};
    private static final int[] LONG = {9, 2, 51, 30, 12, 8};

    @Test
    void decoderClassifiesFromTheLastRealToken() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            ModelConfig config = TestModels.config("decoder", TestModels.attention("multi-head", 4, 4, 0), "learned",
                    NormPlacement.PRE, HeadConfig.classification(3), 2);
            LanguageModel model = TestModels.initialized(config, manager, 51);
            float[] alone = model.forward(ModelInput.of(TestModels.tokens(manager, SHORT)), false).toFloatArray();
            float[] batched = paddedBatch(model, manager).get(new NDIndex("0, :")).toFloatArray();
            assertEquals(3, alone.length);
            assertArrayEquals(alone, batched, 2e-5f);
            // The last real token is what it reads: changing it changes the prediction.
            int[] changed = SHORT.clone();
            changed[3] = 45;
            assertFalse(Arrays.equals(alone, model.forward(ModelInput.of(TestModels.tokens(manager, changed)), false).toFloatArray()));
        }
    }

    @Test
    void encoderClassifiesFromThePooledFirstToken() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            ModelConfig config = TestModels.config("encoder", TestModels.attention("multi-head", 4, 4, 0), "learned",
                    NormPlacement.POST, HeadConfig.classification(2), 2);
            LanguageModel model = TestModels.initialized(config, manager, 52);
            float[] alone = model.forward(ModelInput.of(TestModels.tokens(manager, SHORT)), false).toFloatArray();
            assertArrayEquals(alone, paddedBatch(model, manager).get(new NDIndex("0, :")).toFloatArray(), 2e-5f);
        }
    }

    /** SHORT padded to the length of LONG, batched with LONG. */
    private static NDArray paddedBatch(LanguageModel model, NDManager manager) {
        long[] ids = new long[2 * LONG.length];
        float[] mask = new float[2 * LONG.length];
        for (int i = 0; i < LONG.length; i++) {
            ids[i] = i < SHORT.length ? SHORT[i] : 0;
            mask[i] = i < SHORT.length ? 1 : 0;
            ids[LONG.length + i] = LONG[i];
            mask[LONG.length + i] = 1;
        }
        return model.forward(new ModelInput(manager.create(ids, new Shape(2, LONG.length)),
                manager.create(mask, new Shape(2, LONG.length)), null), false);
    }
}
