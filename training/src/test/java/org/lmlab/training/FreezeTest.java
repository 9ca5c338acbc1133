package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.core.Init;
import org.lmlab.layers.core.NamedBlock;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.weights.LoadPolicy;
import org.lmlab.models.weights.LoadReport;
import org.lmlab.models.weights.ModelWeights;
import org.lmlab.training.checkpoint.Checkpoint;
import org.lmlab.training.checkpoint.CheckpointStore;
import org.lmlab.training.freeze.FreezeConfig;
import org.lmlab.training.freeze.FreezePolicies;
import org.lmlab.training.freeze.Trainable;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.Gradients;
import org.lmlab.training.optim.ScheduleConfig;

/**
 * Freezing: a trainer given a selection of parameters updates exactly those, keeps optimizer
 * moments (and checkpointed optimizer state) for exactly those, leaves the frozen weights
 * bit-identical and gives them no gradient; the named policies select the documented names.
 */
class FreezeTest {

    private static final FreezePolicies POLICIES = FreezePolicies.standard();

    @TempDir
    Path temp;

    /** The tiny decoder with an untied output matrix, so the head has a parameter of its own. */
    private static ModelConfig untiedGpt() {
        return TinyModels.gpt(0.1f).withHead(HeadConfig.languageModel(false));
    }

    /** Dropout, accumulation, clipping, warm-up and decay on; a checkpoint every 2 steps. */
    private static TrainConfig config(long steps) {
        return new TrainConfig(2, 2, steps, 0, 0.5, 0, 1, 2, 2, 1, 99,
                new AdamWConfig(0.9, 0.95, 1e-8, 0.1), new ScheduleConfig(5e-3, 2, 5e-4));
    }

    private static List<String> names(LanguageModel model, String... prefixes) {
        return model.namedParameters().keySet().stream()
                .filter(name -> Arrays.stream(prefixes).anyMatch(name::startsWith)).toList();
    }

    private static List<String> momentNames(List<String> parameters) {
        List<String> names = new ArrayList<>();
        parameters.forEach(name -> names.add("m." + name));
        parameters.forEach(name -> names.add("v." + name));
        return names;
    }

    /** Trains 4 steps under the policy and checks what moved, what did not, and what the optimizer and checkpoint hold. */
    private void trainsExactly(FreezeConfig freeze, List<String> expectedTrainable, String run) throws Exception {
        Objective objective = TinyRuns.objective("causal-lm");
        CheckpointStore store = new CheckpointStore(temp.resolve(run), 2);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(untiedGpt(), manager, 99);
            Map<String, float[]> before = TinyRuns.weights(model);
            Trainable trainable = POLICIES.select(model, freeze);
            assertEquals(expectedTrainable, List.copyOf(trainable.names()));
            TinyRuns.Recorder recorder = new TinyRuns.Recorder();
            try (Trainer trainer = new Trainer(model, objective, TinyRuns.verdict(objective), config(4), store,
                    List.of(recorder), trainable)) {
                trainer.train();
                assertEquals(momentNames(expectedTrainable), trainer.optimizer().exportState().stream().map(HostTensor::name).toList());
            }
            assertEquals(4, recorder.steps.size());
            recorder.steps.forEach(step -> assertTrue(step.gradientNorm() > 0 && Double.isFinite(step.gradientNorm())));
            Map<String, float[]> after = TinyRuns.weights(model);
            assertEquals(29, after.size());
            Map<String, Parameter> parameters = model.namedParameters();
            try (NDScope scope = new NDScope()) {
                before.forEach((name, values) -> {
                    if (expectedTrainable.contains(name)) {
                        assertFalse(Arrays.equals(values, after.get(name)), name + " should have trained");
                    } else {
                        assertArrayEquals(values, after.get(name), 0f, name + " should be frozen");
                        assertNull(Gradients.of(parameters.get(name)), name + " should have no gradient");
                    }
                });
            }
            Checkpoint checkpoint = store.loadLatest().checkpoint();
            assertEquals(4, checkpoint.state().step());
            assertEquals(new TreeSet<>(momentNames(expectedTrainable)), new TreeSet<>(checkpoint.optimizer().keySet()));
            assertEquals(before.keySet(), checkpoint.model().keySet());
            after.forEach((name, values) -> assertArrayEquals(values, checkpoint.model().get(name).data(), 0f, name));
        }
    }

    @Test
    void freezingAllButTheHeadTrainsOnlyTheHead() throws Exception {
        trainsExactly(FreezeConfig.of("head"), List.of("head.output.weight"), "head");
    }

    @Test
    void lastBlockTrainsTheLastBlockTheFinalNormAndTheHead() throws Exception {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(untiedGpt(), manager, 99);
            List<String> expected = names(model, "blocks.1.", "final_norm.", "head.");
            assertEquals(15, expected.size());
            assertEquals("blocks.1.attention_norm.weight", expected.get(0));
            trainsExactly(FreezeConfig.of("last-block"), expected, "last-block");
        }
    }

    @Test
    void trainingEverythingExplicitlyIsBitIdenticalToTheDefault() {
        Objective objective = TinyRuns.objective("causal-lm");
        TinyRuns.Recorder byDefault = new TinyRuns.Recorder();
        TinyRuns.Recorder explicit = new TinyRuns.Recorder();
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel first = TinyModels.initialized(untiedGpt(), manager, 99);
            try (Trainer trainer = new Trainer(first, objective, TinyRuns.verdict(objective), config(3), null, List.of(byDefault))) {
                trainer.train();
                assertTrue(trainer.trainable().isEverything());
            }
            LanguageModel second = TinyModels.initialized(untiedGpt(), manager, 99);
            Trainable all = POLICIES.select(second, FreezeConfig.ALL);
            try (Trainer trainer = new Trainer(second, objective, TinyRuns.verdict(objective), config(3), null, List.of(explicit), all)) {
                trainer.train();
            }
            Map<String, float[]> expected = TinyRuns.weights(first);
            Map<String, float[]> actual = TinyRuns.weights(second);
            expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), 0f, name));
        }
        assertEquals(byDefault.losses, explicit.losses);
    }

    @Test
    void aCheckpointOfAFrozenRunCannotResumeARunThatTrainsOtherParameters() throws Exception {
        Objective objective = TinyRuns.objective("causal-lm");
        CheckpointStore store = new CheckpointStore(temp.resolve("frozen"), 2);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(untiedGpt(), manager, 99);
            try (Trainer trainer = new Trainer(model, objective, TinyRuns.verdict(objective), config(2), store, List.of(),
                    POLICIES.select(model, FreezeConfig.of("head")))) {
                trainer.train();
            }
            try (Trainer everything = new Trainer(model, objective, TinyRuns.verdict(objective), config(2), store, List.of())) {
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> everything.resume(store.loadLatest().checkpoint()));
                assertEquals(store.directory().resolve("step-000002") + ": written by a run training 1 parameters, this run"
                        + " trains 29; trained here only: blocks.0.attention.output.bias, blocks.0.attention.output.weight,"
                        + " blocks.0.attention.qkv.bias; an exact resume needs the same frozen and trainable parameters",
                        error.getMessage());
            }
        }
    }

    @Test
    void aPretrainingCheckpointLoadsIntoAClassifierOnlyWhenANewHeadIsAllowed() throws Exception {
        Objective objective = TinyRuns.objective("causal-lm");
        CheckpointStore store = new CheckpointStore(temp.resolve("pretraining"), 2);
        ModelConfig classifier = untiedGpt().withHead(HeadConfig.classification(4));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel pretrained = TinyModels.initialized(untiedGpt(), manager, 99);
            try (Trainer trainer = new Trainer(pretrained, objective, TinyRuns.verdict(objective), config(2), store, List.of())) {
                trainer.train();
            }
            Checkpoint checkpoint = store.loadLatest().checkpoint();
            String source = checkpoint.modelFile().toString();
            IllegalArgumentException strict = assertThrows(IllegalArgumentException.class, () -> ModelWeights.initializeFrom(
                    Models.standard().build(classifier), checkpoint.model(), source, manager));
            assertEquals(source + ": missing tensors head.classifier.weight, head.classifier.bias", strict.getMessage());

            List<float[]> heads = new ArrayList<>();
            for (int seed : new int[] {5, 5, 6}) {
                LanguageModel model = Models.standard().build(classifier);
                OfflineEngine.get().setRandomSeed(seed);
                LoadReport report = ModelWeights.initializeFrom(model, checkpoint.model(), source, manager, LoadPolicy.newHead());
                assertEquals(List.of("head.classifier.weight", "head.classifier.bias"), report.missing());
                assertEquals(List.of("head.output.weight"), report.unexpected());
                assertEquals(28, report.loaded().size());
                report.loaded().forEach(name -> assertArrayEquals(checkpoint.model().get(name).data(),
                        model.namedParameters().get(name).getArray().toFloatArray(), 0f, name));
                heads.add(model.namedParameters().get("head.classifier.weight").getArray().toFloatArray());
                assertEquals(names(model, "blocks.1.", "final_norm.", "head."),
                        List.copyOf(POLICIES.select(model, FreezeConfig.of("last-block")).names()));
            }
            assertArrayEquals(heads.get(0), heads.get(1), 0f);
            assertFalse(Arrays.equals(heads.get(0), heads.get(2)));
        }
    }

    @Test
    void thePoliciesSelectTheDocumentedNames() {
        LanguageModel tied = Models.standard().build(TinyModels.gpt(0f));
        LanguageModel bert = Models.standard().build(TinyModels.bert(0f));
        assertEquals(28, POLICIES.select(tied, FreezeConfig.ALL).names().size());
        assertEquals(names(tied, "blocks.1.", "final_norm."), List.copyOf(POLICIES.select(tied, FreezeConfig.of("last-block")).names()));
        assertEquals(names(tied, "blocks.", "final_norm."), List.copyOf(POLICIES.select(tied, FreezeConfig.lastBlocks(2)).names()));
        assertEquals(List.of("head.bias", "head.transform.weight", "head.transform.bias", "head.norm.weight", "head.norm.bias"),
                List.copyOf(POLICIES.select(bert, FreezeConfig.of("head")).names()));
        Trainable bertLast = POLICIES.select(bert, FreezeConfig.of("last-block"));
        assertEquals(names(bert, "blocks.1.", "pooler.", "head."), List.copyOf(bertLast.names()));
        assertEquals(List.of("pooler.dense.weight", "pooler.dense.bias"),
                bertLast.names().stream().filter(name -> name.startsWith("pooler.")).toList());
        assertEquals(names(bert, "embeddings.", "blocks.0."), List.copyOf(bertLast.frozen().keySet()));
        // One block (norms 2 x 64, qkv 96 x 33, output 32 x 33, feed-forward 128 x 33 + 32 x 129),
        // the pooler (32 x 33) and the head (transform 32 x 33, norm 64, bias over the vocabulary).
        assertEquals(12704 + 1056 + 1120 + TinyModels.VOCAB, bertLast.valueCount());
    }

    @Test
    void aTiedHeadHasNothingOfItsOwnToTrainAndBadConfigsAreNamed() {
        LanguageModel tied = Models.standard().build(TinyModels.gpt(0f));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> POLICIES.select(tied, FreezeConfig.of("head")));
        assertEquals("freeze.policy 'head': selects none of the 28 parameters of the model to train", empty.getMessage());
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
                () -> POLICIES.select(tied, FreezeConfig.lastBlocks(3)));
        assertEquals("freeze.policy 'last-blocks': freeze.blocks: 3 blocks asked to train, but model 'tiny-gpt' has 2",
                deep.getMessage());
        assertEquals("freeze.blocks: must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> POLICIES.create(FreezeConfig.of("last-blocks"))).getMessage());
        assertEquals("freeze.blocks: only last-blocks takes a block count; policy 'head' got 2",
                assertThrows(IllegalArgumentException.class, () -> POLICIES.create(new FreezeConfig("head", 2))).getMessage());
        assertEquals("freeze.blocks: must not be negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> new FreezeConfig("last-blocks", -1)).getMessage());
    }

    @Test
    void anUnknownPolicyListsTheKnownOnes() {
        assertEquals(Set.of("all", "head", "last-block", "last-blocks"), POLICIES.names());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> POLICIES.create(FreezeConfig.of("top")));
        assertEquals("freeze.policy: unknown type 'top'; known: all, head, last-block, last-blocks", error.getMessage());
    }

    /** A leaf with one parameter. */
    private static final class Leaf extends NamedBlock {
        Leaf() {
            parameter("w", new Shape(2), Init.zeros());
        }

        @Override
        protected NDList forward(NDList inputs, boolean training) {
            return inputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    /** One leaf reachable under two names, and one of its own. */
    private static final class Shared extends NamedBlock {
        Shared() {
            Leaf shared = new Leaf();
            child("first", shared);
            child("second", shared);
            child("own", new Leaf());
        }

        @Override
        protected NDList forward(NDList inputs, boolean training) {
            return inputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    @Test
    void aSharedParameterTrainsIfAnyOfItsNamesIsSelectedAndIsListedOnce() {
        Shared block = new Shared();
        assertEquals(List.of("first.w", "second.w", "own.w"), List.copyOf(block.namedParameters().keySet()));
        Trainable second = Trainable.selected(block, name -> name.startsWith("second."));
        assertEquals(List.of("first.w"), List.copyOf(second.names()));
        assertEquals(List.of("own.w"), List.copyOf(second.frozen().keySet()));
        assertEquals(2, second.valueCount());
        Trainable own = Trainable.selected(block, name -> name.equals("own.w"));
        assertEquals(List.of("own.w"), List.copyOf(own.names()));
        assertEquals(List.of("first.w"), List.copyOf(own.frozen().keySet()));
    }
}
