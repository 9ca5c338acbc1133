package org.lmlab.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;
import org.lmlab.models.Models;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.head.HeadOutput;
import org.lmlab.models.hf.BertHfConfig;
import org.lmlab.models.hf.HfConfigs;
import org.lmlab.models.reference.BertFixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.reference.ReferenceBert;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsFile;
import org.lmlab.models.safetensors.SafetensorsWriter;
import org.lmlab.models.weights.ModelWeights;

/**
 * Hugging Face {@code BertModel} checkpoints (no {@code cls.*} head) load as encoders with head
 * {@code none}, output the reference's hidden states, and save back as the same BertModel.
 */
class HeadlessBertTest {

    private static final ModelDirectory DIRECTORY = ModelDirectory.standard();
    private static final int[] FRAMED = {1, 14, 15, 92, 65, 35, 89, 2};

    /**
     * BertFixture.small by hand: vocabulary 97, 32 positions, width 16, 2 token types, 2 layers
     * of intermediate 64, a pooler, no head.
     */
    private static final long SMALL_BERT_MODEL_PARAMETERS =
            97 * 16 + 32 * 16 + 2 * 16 + 2 * 16          // word, position, token-type embeddings, LayerNorm
            + 2 * (3 * (16 * 16 + 16)                    // query, key, value
                    + (16 * 16 + 16) + 2 * 16            // attention output dense, LayerNorm
                    + (16 * 64 + 64) + (64 * 16 + 16)    // intermediate, output dense
                    + 2 * 16)                            // output LayerNorm
            + (16 * 16 + 16);                            // pooler

    @Test
    void aBertModelCheckpointLoadsWithHeadNoneAndExactlyItsParameters(@TempDir Path directory) throws IOException {
        List<HostTensor> written = HfCheckpointFixtures.writeBertModel(directory, BertFixture.small(401));
        assertEquals(8960, SMALL_BERT_MODEL_PARAMETERS);
        assertEquals(SMALL_BERT_MODEL_PARAMETERS, written.stream().mapToLong(t -> t.data().length).sum());
        ModelConfig config = DIRECTORY.readConfig(directory);
        assertEquals(HeadConfig.none(), config.head());
        assertTrue(config.pooler());
        assertEquals(SMALL_BERT_MODEL_PARAMETERS, Models.standard().build(config).parameterCount());
        ReferenceBert reference = ReferenceBert.load(directory);
        assertFalse(reference.hasMlmHead());
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = DIRECTORY.load(directory, manager);
            assertEquals(HeadOutput.HIDDEN_STATES, model.output());
            assertFalse(model.predictsMaskedTokens());
            assertEquals(SMALL_BERT_MODEL_PARAMETERS, model.parameterCount());
            ModelInput input = ModelInput.of(HfInteropTest.tokens(manager, FRAMED));
            NDArray output = model.forward(input, false);
            assertEquals(new Shape(1, FRAMED.length, 16), output.getShape());
            assertEquals(output.getShape(), model.getOutputShapes(new Shape[] {new Shape(1, FRAMED.length)})[0]);
            assertArrayEquals(model.hidden(input, false).toFloatArray(), output.toFloatArray(), 0f);
            assertHiddenClose(reference.hiddenStates(FRAMED, null, null), output.toFloatArray(), 1e-5);
        }
    }

    @Test
    void aMaskedLmFileWithoutClsTensorsAlsoLoadsHeadless(@TempDir Path root) throws IOException {
        Path headless = Files.createDirectories(root.resolve("bert-model"));
        Path stripped = Files.createDirectories(root.resolve("stripped"));
        HfCheckpointFixtures.writeBertModel(headless, BertFixture.small(402));
        // "bert." prefixes and architectures BertForMaskedLM, but no cls.* tensors.
        List<HostTensor> kept = HfCheckpointFixtures.writeBert(stripped, BertFixture.small(402)).stream()
                .filter(tensor -> !tensor.name().startsWith("cls.")).toList();
        SafetensorsWriter.write(stripped.resolve("model.safetensors"), kept, Map.of("format", "pt"));
        assertEquals(List.of("BertForMaskedLM"), HfConfigs.read(stripped.resolve("config.json")).architectures());
        assertEquals(HeadConfig.none(), DIRECTORY.readConfig(stripped).head());
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            ModelInput input = ModelInput.of(HfInteropTest.tokens(manager, FRAMED));
            float[] fromStripped = DIRECTORY.load(stripped, manager).forward(input, false).toFloatArray();
            float[] fromBertModel = DIRECTORY.load(headless, manager).forward(input, false).toFloatArray();
            assertArrayEquals(fromBertModel, fromStripped, 0f);
        }
    }

    @Test
    void aBertModelFileCarryingAHeadNamesTheTensorsItWillNotLoad(@TempDir Path directory) throws IOException {
        List<HostTensor> tensors = new ArrayList<>(HfCheckpointFixtures.writeBert(directory, BertFixture.small(403)));
        HfConfigs.write(directory.resolve("config.json"), BertFixture.small(403).config().withArchitectures(List.of("BertModel")));
        SafetensorsWriter.write(directory.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> load(directory));
        assertTrue(error.getMessage().contains("unexpected tensors cls.predictions.bias, cls.predictions.transform.LayerNorm.bias"),
                error.getMessage());
    }

    @Test
    void missingTensorsAreNamedAsHuggingFaceStoresThem(@TempDir Path root) throws IOException {
        Path noBias = Files.createDirectories(root.resolve("no-bias"));
        List<HostTensor> tensors = HfCheckpointFixtures.writeBert(noBias, BertFixture.small(404));
        SafetensorsWriter.write(noBias.resolve("model.safetensors"),
                tensors.stream().filter(t -> !t.name().equals("cls.predictions.bias")).toList(), Map.of());
        IllegalArgumentException head = assertThrows(IllegalArgumentException.class, () -> load(noBias));
        assertTrue(head.getMessage().endsWith("missing tensor 'cls.predictions.bias'"), head.getMessage());
        assertFalse(head.getMessage().contains("bert.cls"), head.getMessage());

        Path noDense = Files.createDirectories(root.resolve("no-dense"));
        tensors = HfCheckpointFixtures.writeBertModel(noDense, BertFixture.small(404));
        SafetensorsWriter.write(noDense.resolve("model.safetensors"),
                tensors.stream().filter(t -> !t.name().equals("encoder.layer.1.output.dense.bias")).toList(), Map.of());
        IllegalArgumentException encoder = assertThrows(IllegalArgumentException.class, () -> load(noDense));
        assertTrue(encoder.getMessage().endsWith(
                "missing tensor 'encoder.layer.1.output.dense.bias' (or 'bert.encoder.layer.1.output.dense.bias')"),
                encoder.getMessage());
    }

    @Test
    void aHeadlessBertSavesAsTheSameBertModelBitForBit(@TempDir Path root) throws IOException {
        Path original = Files.createDirectories(root.resolve("original"));
        Path saved = root.resolve("saved");
        Path savedAgain = root.resolve("saved-again");
        List<HostTensor> written = HfCheckpointFixtures.writeBertModel(original, BertFixture.small(405).withPooler(false));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = DIRECTORY.load(original, manager);
            assertFalse(model.config().pooler());
            assertEquals(ModelDirectory.Layout.HUGGING_FACE, DIRECTORY.save(model, saved));
            BertHfConfig config = HfConfigs.read(saved.resolve("config.json"), BertHfConfig.class);
            assertEquals(List.of("BertModel"), config.architectures());
            assertEquals(HfConfigs.read(original.resolve("config.json")), config);
            try (SafetensorsFile file = SafetensorsFile.open(saved.resolve("model.safetensors"))) {
                Map<String, HostTensor> expected = new TreeMap<>();
                written.forEach(tensor -> expected.put(tensor.name(), tensor));
                Map<String, HostTensor> actual = new TreeMap<>();
                for (String name : file.names()) {
                    actual.put(name, file.tensor(name));
                }
                assertEquals(expected, actual);
            }
            LanguageModel reloaded = DIRECTORY.load(saved, manager);
            assertEquals(model.config().withName("saved"), reloaded.config());
            List<HostTensor> before = ModelWeights.export(model);
            List<HostTensor> after = ModelWeights.export(reloaded);
            assertEquals(before.stream().map(HostTensor::name).toList(), after.stream().map(HostTensor::name).toList());
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i).data(), after.get(i).data(), 0f, before.get(i).name());
            }
            DIRECTORY.save(reloaded, savedAgain);
            assertArrayEquals(Files.readAllBytes(saved.resolve("model.safetensors")),
                    Files.readAllBytes(savedAgain.resolve("model.safetensors")));
            ModelInput input = ModelInput.of(HfInteropTest.tokens(manager, FRAMED));
            assertHiddenClose(ReferenceBert.load(saved).hiddenStates(FRAMED, null, null),
                    reloaded.forward(input, false).toFloatArray(), 1e-5);
        }
    }

    /** Hidden states [T][W] against a flat [1, T, W] array; they must vary for the comparison to mean anything. */
    static void assertHiddenClose(double[][] expected, float[] actual, double tolerance) {
        int width = expected[0].length;
        assertEquals(expected.length * width, actual.length);
        double spread = 0;
        for (int t = 0; t < expected.length; t++) {
            for (int d = 0; d < width; d++) {
                assertEquals(expected[t][d], actual[t * width + d], tolerance, "position " + t + ", dimension " + d);
                spread = Math.max(spread, Math.abs(expected[t][d] - expected[0][d]));
            }
        }
        assertTrue(spread > 0.5, "hidden states must differ across positions: " + spread);
    }

    private static void load(Path directory) throws IOException {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            DIRECTORY.load(directory, manager);
        }
    }
}
