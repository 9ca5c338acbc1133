package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.training.checkpoint.Checkpoint;
import org.lmlab.training.checkpoint.CheckpointException;
import org.lmlab.training.checkpoint.CheckpointState;
import org.lmlab.training.checkpoint.CheckpointStore;
import org.lmlab.training.checkpoint.SeedRecord;
import org.lmlab.training.seed.RandomStreams;

class CheckpointStoreTest {

    @TempDir
    Path temp;

    private static CheckpointState state(long step) {
        return new CheckpointState(CheckpointState.FORMAT, step, 1, 6, 1000 * step, SeedRecord.of(new RandomStreams(9)),
                JsonNodeFactory.instance.objectNode().put("batch_size", 2), Map.of());
    }

    private static Path save(CheckpointStore store, long step) throws IOException {
        return store.save(state(step),
                List.of(new HostTensor("w", new long[] {2}, new float[] {step, -step})),
                List.of(new HostTensor("m.w", new long[] {2}, new float[] {0.5f, 0.25f})));
    }

    private List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsLikeAFullDiskNamesTheFileAndKeepsThePreviousCheckpoint() throws IOException {
        boolean[] full = {false};
        CheckpointStore store = new CheckpointStore(temp, 2, (file, tensors, metadata) -> {
            if (full[0] && file.getFileName().toString().equals(CheckpointStore.OPTIMIZER_FILE)) {
                Files.write(file, new byte[10]);
                throw new IOException("No space left on device");
            }
            org.lmlab.models.safetensors.SafetensorsWriter.write(file, tensors, metadata);
        });
        Path first = save(store, 10);
        full[0] = true;
        CheckpointException error = assertThrows(CheckpointException.class, () -> save(store, 20));
        assertEquals("could not write " + temp.resolve("step-000020").resolve("optimizer.safetensors")
                + " (No space left on device); the previous checkpoint " + first + " is kept", error.getMessage());
        // Nothing half-written is left, and the previous checkpoint is still the latest and whole.
        assertEquals(List.of("latest", "step-000010"), names(temp));
        assertEquals(10, store.loadLatest().checkpoint().state().step());
        assertEquals(List.of(), store.loadLatest().warnings());
    }

    @Test
    void checkpointsRoundTripAndOnlyTheNewestAreKept() throws IOException {
        CheckpointStore store = new CheckpointStore(temp, 2);
        save(store, 10);
        save(store, 20);
        Path newest = save(store, 30);
        assertEquals(List.of("latest", "step-000020", "step-000030"), names(temp));
        assertEquals(List.of("model.safetensors", "optimizer.safetensors", "state.json"), names(newest));
        CheckpointStore.Loaded loaded = store.loadLatest();
        Checkpoint checkpoint = loaded.checkpoint();
        assertEquals(List.of(), loaded.warnings());
        assertEquals(30, checkpoint.state().step());
        assertEquals(6, checkpoint.state().indexInEpoch());
        assertEquals(new RandomStreams(9).dropout(), checkpoint.state().seeds().dropout());
        assertArrayEquals(new float[] {30, -30}, checkpoint.model().get("w").data());
        assertArrayEquals(new float[] {0.5f, 0.25f}, checkpoint.optimizer().get("m.w").data());
        assertEquals(64, checkpoint.state().sha256().get("model.safetensors").length());
    }

    @Test
    void aTruncatedLatestCheckpointFallsBackToThePreviousWithAWarning() throws IOException {
        CheckpointStore store = new CheckpointStore(temp, 3);
        save(store, 1);
        Path latest = save(store, 2);
        Path model = latest.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        CheckpointStore.Loaded loaded = store.loadLatest();
        assertEquals(1, loaded.checkpoint().state().step());
        assertEquals(1, loaded.warnings().size());
        String warning = loaded.warnings().get(0);
        assertTrue(warning.startsWith("checkpoint step-000002 is unusable (" + model + ": SHA-256 "), warning);
        assertTrue(warning.endsWith("(truncated or corrupt)); falling back to an older one"), warning);
        // Training on from step 1 overwrites the damaged step 2 only once the new one is complete.
        save(store, 2);
        assertEquals(2, store.loadLatest().checkpoint().state().step());
        assertEquals(List.of("latest", "step-000001", "step-000002"), names(temp));
    }

    @Test
    void aMalformedStateFileIsNamed() throws IOException {
        CheckpointStore store = new CheckpointStore(temp, 2);
        Path only = save(store, 5);
        Files.writeString(only.resolve("state.json"), "{\"format\": 1, \"step\": ");
        CheckpointException error = assertThrows(CheckpointException.class, store::loadLatest);
        assertTrue(error.getMessage().startsWith("no usable checkpoint in " + temp + ": checkpoint step-000005 is unusable ("
                + "not a valid checkpoint state: " + only.resolve("state.json") + ": line 1, column 23: Unexpected end-of-input"), error.getMessage());
    }

    @Test
    void aRunWithoutCheckpointsSaysSo() {
        CheckpointException error = assertThrows(CheckpointException.class, () -> new CheckpointStore(temp.resolve("none"), 1).loadLatest());
        assertEquals(temp.resolve("none") + ": no checkpoint to resume from", error.getMessage());
    }

    @Test
    void aCrashWhileWritingLeavesThePreviousCheckpointLatest() throws IOException {
        CheckpointStore store = new CheckpointStore(temp, 2);
        save(store, 1);
        HostTensor unnamedTwice = new HostTensor("w", new long[] {1}, new float[] {1});
        assertThrows(IllegalArgumentException.class,
                () -> store.save(state(2), List.of(unnamedTwice, unnamedTwice), List.of()));
        assertEquals(List.of("latest", "step-000001"), names(temp));
        assertEquals(1, store.loadLatest().checkpoint().state().step());
        assertFalse(Files.exists(temp.resolve("step-000002")));
    }

    @Test
    void aFormatOneStateReadsWithItsWeightsInTheCheckpoint_aNewerFormatIsRefused() throws IOException {
        CheckpointStore store = new CheckpointStore(temp, 2);
        Path only = save(store, 5);
        Path statePath = only.resolve("state.json");
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) org.lmlab.layers.config.Json.MAPPER.readTree(statePath.toFile());
        assertTrue(tree.has("model_weights") && tree.get("model_weights").isNull(), tree.toString());
        assertEquals(2, tree.get("format").asInt());
        tree.remove("model_weights");
        tree.put("format", 1);
        Files.writeString(statePath, tree.toString());
        Checkpoint read = store.loadLatest().checkpoint();
        assertEquals(null, read.state().modelWeights());
        assertArrayEquals(new float[] {5, -5}, read.model().get("w").data());
        assertEquals(only.resolve("model.safetensors"), read.modelFile());

        tree.put("format", 3);
        Files.writeString(statePath, tree.toString());
        CheckpointException newer = assertThrows(CheckpointException.class, () -> store.read(only));
        assertEquals("not a valid checkpoint state: " + statePath + ": state.json format 3 was written by a newer lmlab;"
                + " this one reads formats up to 2", newer.getMessage());
    }
}
