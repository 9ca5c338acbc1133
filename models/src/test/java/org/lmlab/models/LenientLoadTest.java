package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.block.NormPlacement;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.LoadedModel;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.reference.BertFixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.weights.LoadPolicy;
import org.lmlab.models.weights.LoadReport;
import org.lmlab.models.weights.ModelWeights;

/**
 * Loading tensors into a model whose head differs from the checkpoint's: the report names the
 * missing new head and the unexpected old one, strict loading refuses with the usual message,
 * and a lenient load keeps every other weight exactly and starts the new head from the seed.
 */
class LenientLoadTest {

    private static final String SOURCE = "pretrained.safetensors";

    private static ModelConfig decoder(HeadConfig head) {
        return TestModels.config("decoder", AttentionConfig.multiHead(4, true, 0f), "learned", NormPlacement.PRE, head, 2);
    }

    /** The tensors of an initialized decoder with an untied language-model head (head.output.weight). */
    private static Map<String, HostTensor> pretrained(NDManager manager, HeadConfig head) {
        LanguageModel model = TestModels.initialized(decoder(head), manager, 3);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        ModelWeights.export(model).forEach(tensor -> tensors.put(tensor.name(), tensor));
        return tensors;
    }

    private static LanguageModel build(HeadConfig head) {
        return Models.standard().build(decoder(head));
    }

    @Test
    void aNewHeadIsReportedAsMissingAndTheOldOneAsUnexpected() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Map<String, HostTensor> tensors = pretrained(manager, HeadConfig.languageModel(false));
            LanguageModel classifier = build(HeadConfig.classification(3));
            LoadReport report = ModelWeights.match(classifier, tensors, SOURCE);
            assertEquals(List.of("head.classifier.weight", "head.classifier.bias"), report.missing());
            assertEquals(List.of("head.output.weight"), report.unexpected());
            assertEquals(List.of(), report.mismatched());
            List<String> body = ModelWeights.distinct(classifier).keySet().stream().filter(name -> !name.startsWith("head.")).toList();
            assertEquals(body, report.loaded());
            assertEquals(28, report.loaded().size());
            assertFalse(report.isExact());
            assertEquals(SOURCE + ": loaded 28 tensors; 2 missing (head.classifier.weight, head.classifier.bias);"
                    + " 1 unexpected (head.output.weight)", report.summary());
        }
    }

    @Test
    void strictLoadingRefusesWithTheUsualMessagesAndAllocatesNothing() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Map<String, HostTensor> tensors = pretrained(manager, HeadConfig.languageModel(false));
            LanguageModel classifier = build(HeadConfig.classification(3));
            IllegalArgumentException strict = assertThrows(IllegalArgumentException.class,
                    () -> ModelWeights.initializeFrom(classifier, tensors, SOURCE, manager));
            assertEquals(SOURCE + ": missing tensors head.classifier.weight, head.classifier.bias", strict.getMessage());
            assertTrue(classifier.namedParameters().values().stream().noneMatch(p -> p.isInitialized()));

            IllegalArgumentException halfLenient = assertThrows(IllegalArgumentException.class,
                    () -> ModelWeights.initializeFrom(classifier, tensors, SOURCE, manager, LoadPolicy.STRICT.allowMissing("head.")));
            assertEquals(SOURCE + ": unexpected tensor head.output.weight; the model has no such parameter", halfLenient.getMessage());

            IllegalArgumentException wrongPrefix = assertThrows(IllegalArgumentException.class,
                    () -> ModelWeights.initializeFrom(classifier, tensors, SOURCE, manager,
                            LoadPolicy.STRICT.allowMissing("final_norm.").allowUnexpected("head.")));
            assertEquals(SOURCE + ": missing tensors head.classifier.weight, head.classifier.bias", wrongPrefix.getMessage());
        }
    }

    @Test
    void aLenientLoadKeepsTheBodyExactlyAndStartsTheNewHeadFromTheSeed() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Map<String, HostTensor> tensors = pretrained(manager, HeadConfig.languageModel(false));
            Map<String, float[]> first = loadNewHead(tensors, manager, 7);
            Map<String, float[]> again = loadNewHead(tensors, manager, 7);
            Map<String, float[]> otherSeed = loadNewHead(tensors, manager, 8);
            assertEquals(30, first.size());
            first.forEach((name, values) -> {
                if (!name.startsWith("head.")) {
                    assertArrayEquals(tensors.get(name).data(), values, 0f, name);
                }
                assertArrayEquals(values, again.get(name), 0f, name);
            });
            float[] weight = first.get("head.classifier.weight");
            assertEquals(3 * TestModels.WIDTH, weight.length);
            assertFalse(Arrays.equals(weight, otherSeed.get("head.classifier.weight")));
            // The test models' init: N(0, 0.3) matrices, zero biases.
            assertArrayEquals(new float[3], first.get("head.classifier.bias"), 0f);
            double squares = 0;
            for (float w : weight) {
                squares += w * w;
            }
            double std = Math.sqrt(squares / weight.length);
            assertTrue(std > 0.22 && std < 0.38, "std " + std);
        }
    }

    private static Map<String, float[]> loadNewHead(Map<String, HostTensor> tensors, NDManager manager, int seed) {
        LanguageModel classifier = build(HeadConfig.classification(3));
        OfflineEngine.get().setRandomSeed(seed);
        LoadReport report = ModelWeights.initializeFrom(classifier, tensors, SOURCE, manager, LoadPolicy.newHead());
        assertEquals(List.of("head.classifier.weight", "head.classifier.bias"), report.initialized());
        float[] logits = TestModels.logits(classifier, manager, 1, 5, 9);
        assertEquals(3, logits.length);
        Map<String, float[]> values = new LinkedHashMap<>();
        ModelWeights.distinct(classifier).forEach((name, parameter) -> values.put(name, parameter.getArray().toFloatArray()));
        return values;
    }

    @Test
    void aMisShapedHeadIsAcceptedOnlyWhereItMayBeReplaced() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Map<String, HostTensor> tensors = pretrained(manager, HeadConfig.classification(3));
            LanguageModel wider = build(HeadConfig.classification(5));
            LoadReport report = ModelWeights.match(wider, tensors, SOURCE);
            assertEquals(List.of(
                    new LoadReport.ShapeMismatch("head.classifier.weight", List.of(3L, 32L), List.of(5L, 32L)),
                    new LoadReport.ShapeMismatch("head.classifier.bias", List.of(3L), List.of(5L))), report.mismatched());
            assertEquals(List.of(), report.missing());
            assertEquals(List.of(), report.unexpected());
            IllegalArgumentException strict = assertThrows(IllegalArgumentException.class,
                    () -> ModelWeights.initializeFrom(wider, tensors, SOURCE, manager));
            assertEquals(SOURCE + ": tensor 'head.classifier.weight' has shape [3, 32], the model needs [5, 32]", strict.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> ModelWeights.initializeFrom(wider, tensors, SOURCE, manager, LoadPolicy.STRICT.allowMissing("head.")));
            OfflineEngine.get().setRandomSeed(11);
            LoadReport accepted = ModelWeights.initializeFrom(wider, tensors, SOURCE, manager, LoadPolicy.newHead());
            assertEquals(List.of("head.classifier.weight", "head.classifier.bias"), accepted.initialized());
            assertEquals(5, TestModels.logits(wider, manager, 2, 4).length);
        }
    }

    @Test
    void aDirectoryLoadsIntoAnEditedConfigReportingLmlabNames(@TempDir Path directory) throws IOException {
        HfCheckpointFixtures.writeBert(directory, BertFixture.small(21));
        ModelDirectory models = ModelDirectory.standard();
        ModelConfig classifier = models.readConfig(directory).withHead(HeadConfig.classification(2));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            IllegalArgumentException strict = assertThrows(IllegalArgumentException.class,
                    () -> models.load(directory, classifier, LoadPolicy.STRICT, manager));
            assertEquals(directory.resolve("model.safetensors") + ": missing tensors head.classifier.weight, head.classifier.bias",
                    strict.getMessage());

            LanguageModel original = models.load(directory, manager);
            OfflineEngine.get().setRandomSeed(5);
            LoadedModel loaded = models.load(directory, classifier, LoadPolicy.newHead(), manager);
            LoadReport report = loaded.report();
            assertEquals(List.of("head.classifier.weight", "head.classifier.bias"), report.missing());
            assertEquals(List.of("head.bias", "head.norm.bias", "head.norm.weight", "head.transform.bias", "head.transform.weight"),
                    report.unexpected());
            assertTrue(report.loaded().contains("blocks.1.attention.qkv.weight"), report.loaded().toString());
            assertTrue(report.loaded().contains("pooler.dense.weight"), report.loaded().toString());
            Map<String, ai.djl.nn.Parameter> before = ModelWeights.distinct(original);
            ModelWeights.distinct(loaded.model()).forEach((name, parameter) -> {
                if (!name.startsWith("head.")) {
                    assertArrayEquals(before.get(name).getArray().toFloatArray(), parameter.getArray().toFloatArray(), 0f, name);
                }
            });
            assertEquals(report.loaded().size() + 2, ModelWeights.distinct(loaded.model()).size());
        }
    }
}
