package org.lmlab.training.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lmlab.layers.config.FileFormat;
import org.lmlab.layers.config.Json;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.safetensors.AtomicFiles;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsFile;
import org.lmlab.models.safetensors.SafetensorsWriter;
import org.lmlab.training.data.Sha256;
import org.lmlab.training.io.TrainingJson;

/**
 * The checkpoints of a run, one directory per saved step ({@code step-000100/}) holding
 * {@value #MODEL_FILE}, {@value #OPTIMIZER_FILE} and {@value #STATE_FILE} (which records the
 * SHA-256 of the other two). A checkpoint is written into a hidden temporary directory and
 * renamed into place in one atomic step; then the {@value #LATEST_FILE} file is replaced
 * atomically to name it; only then are checkpoints beyond the newest {@code keep} deleted. So a
 * crash at any moment leaves the previous checkpoint intact, and reading verifies every hash
 * and falls back to an older checkpoint, with a warning, if the newest is damaged.
 *
 * <p>A finished run's final checkpoint need not hold its weights twice: {@link #shareWithModel}
 * makes its {@value #MODEL_FILE} one file with {@code model/}'s (a hard link, when the bytes are
 * equal) or, when {@code model/} is in another layout that reads back to exactly the same
 * tensors (Hugging Face's), records {@code model/} and its SHA-256 in {@value #STATE_FILE}
 * ({@link WeightsInModel}) and deletes its own copy; reading such a checkpoint reads
 * {@code model/} through the {@link ModelReader} that {@code --model RUN/model} uses.
 */
public final class CheckpointStore {

    /** Model weights under lmlab's parameter names. */
    public static final String MODEL_FILE = "model.safetensors";

    /** Optimizer moments ({@code m.<name>}, {@code v.<name>}). */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";

    /** The {@link CheckpointState} as JSON. */
    public static final String STATE_FILE = "state.json";

    /** Names the newest complete checkpoint directory. */
    public static final String LATEST_FILE = "latest";

    /**
     * The metadata of {@value #MODEL_FILE}: the same as a model directory's weights in lmlab's
     * layout, so that a final model saved in that layout has the same bytes as the final
     * checkpoint's weights and the two can be one file ({@link #shareModelFile}).
     */
    private static final Map<String, String> MODEL_METADATA = Map.of("format", "lmlab");

    /** The metadata of {@value #OPTIMIZER_FILE}. */
    private static final Map<String, String> OPTIMIZER_METADATA = Map.of("format", "lmlab-checkpoint");

    private static final Pattern STEP_DIRECTORY = Pattern.compile("step-(\\d{6,})");

    /** {@value #STATE_FILE}'s versions: format 2 added {@code model_weights} (null: the weights are in the checkpoint). */
    private static final FileFormat STATE_FORMAT = new FileFormat(STATE_FILE, CheckpointState.FORMAT,
            Map.of(1, tree -> tree.putNull("model_weights")));

    /** Writes one tensor file (a seam for tests that make writing fail, as a full disk would). */
    @FunctionalInterface
    public interface TensorFileWriter {
        void write(Path file, Collection<HostTensor> tensors, Map<String, String> metadata) throws IOException;
    }

    /** Writes one {@value #STATE_FILE} (a seam for tests that make the write fail, or stop right after it, as a crash would). */
    @FunctionalInterface
    public interface StateWriter {
        void write(Path file, CheckpointState state) throws IOException;
    }

    /**
     * Reads a model directory's tensors under lmlab's parameter names (the injected
     * {@code ModelDirectory::readTensors}, so a plugin's Hugging Face families read too).
     */
    @FunctionalInterface
    public interface ModelReader {
        Map<String, HostTensor> read(Path modelDirectory) throws IOException;
    }

    /** How a final checkpoint's weights and {@code model/} stand after {@link #shareWithModel}. */
    public enum Sharing {
        /** One file under two names (hard link): the bytes were equal. */
        LINKED,
        /** The checkpoint keeps no copy: its {@value #STATE_FILE} names {@code model/} and the SHA-256 of its weights. */
        IN_MODEL,
        /** Two files (the tensors differ, e.g. a LoRA run's merged model, or {@code model/} is missing). */
        SEPARATE
    }

    private static final ModelReader NO_MODEL_READER = modelDirectory -> {
        throw new CheckpointException(modelDirectory + ": this checkpoint store was made without a model directory reader");
    };

    private final Path directory;
    private final int keep;
    private final TensorFileWriter writer;
    private final StateWriter stateWriter;
    private final ModelReader modelReader;

    /** Checkpoints in {@code directory}, keeping the newest {@code keep} (at least 1). */
    public CheckpointStore(Path directory, int keep) {
        this(directory, keep, SafetensorsWriter::write);
    }

    /** The same, writing tensor files through {@code writer}. */
    public CheckpointStore(Path directory, int keep, TensorFileWriter writer) {
        this(directory, keep, writer, TrainingJson::write, NO_MODEL_READER);
    }

    private CheckpointStore(Path directory, int keep, TensorFileWriter writer, StateWriter stateWriter, ModelReader modelReader) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep_checkpoints: must be at least 1, got " + keep);
        }
        this.directory = directory;
        this.keep = keep;
        this.writer = writer;
        this.stateWriter = stateWriter;
        this.modelReader = modelReader;
    }

    /** The same store reading weights kept in a model directory through {@code reader} ({@link #shareWithModel}). */
    public CheckpointStore withModelReader(ModelReader reader) {
        return new CheckpointStore(directory, keep, writer, stateWriter, reader);
    }

    /** The same store writing {@value #STATE_FILE} through {@code states} (tests make it fail, as a crash would). */
    public CheckpointStore withStateWriter(StateWriter states) {
        return new CheckpointStore(directory, keep, writer, states, modelReader);
    }

    public Path directory() {
        return directory;
    }

    /** A checkpoint read back together with the warnings about newer ones that were unusable. */
    public record Loaded(Checkpoint checkpoint, List<String> warnings) {
    }

    /** The directory name of a step. */
    public static String directoryName(long step) {
        return String.format("step-%06d", step);
    }

    /**
     * Saves a checkpoint atomically and makes it the latest. If writing fails (a full disk), the
     * partial checkpoint is removed, the previous one stays the latest, and the
     * {@link CheckpointException} names the file that could not be written.
     *
     * @return the checkpoint's directory
     */
    public Path save(CheckpointState state, Collection<HostTensor> model, Collection<HostTensor> optimizer) throws IOException {
        String name = directoryName(state.step());
        Path temporary = directory.resolve("." + name + ".tmp-" + randomSuffix());
        Path[] writing = {directory};
        try {
            Files.createDirectories(directory);
            removeLeftoverTemporaries();
            writing[0] = temporary;
            Files.createDirectory(temporary);
            return saveInto(temporary, name, state, model, optimizer, writing);
        } catch (IOException | RuntimeException failure) {
            try {
                deleteRecursively(temporary);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            String file = writing[0].toString().replace(temporary.getFileName().toString(), name);
            throw new CheckpointException("could not write " + file + " (" + reason + "); "
                    + previous().map(p -> "the previous checkpoint " + p + " is kept").orElse("no earlier checkpoint exists"),
                    failure);
        }
    }

    /** The checkpoint the latest pointer names, if any. */
    private Optional<Path> previous() {
        try {
            return latestPointer().filter(Files::isDirectory);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private Path saveInto(Path temporary, String name, CheckpointState state, Collection<HostTensor> model,
            Collection<HostTensor> optimizer, Path[] writing) throws IOException {
        Path target = directory.resolve(name);
        writing[0] = temporary.resolve(MODEL_FILE);
        writer.write(writing[0], model, MODEL_METADATA);
        writing[0] = temporary.resolve(OPTIMIZER_FILE);
        writer.write(writing[0], optimizer, OPTIMIZER_METADATA);
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(MODEL_FILE, Sha256.of(temporary.resolve(MODEL_FILE)));
        hashes.put(OPTIMIZER_FILE, Sha256.of(temporary.resolve(OPTIMIZER_FILE)));
        writing[0] = temporary.resolve(STATE_FILE);
        stateWriter.write(writing[0], state.withHashes(hashes));
        writing[0] = target;
        if (Files.exists(target)) {
            // Only a checkpoint found unusable on resume is ever overwritten: move it aside first.
            Path replaced = directory.resolve("." + name + ".replaced-" + randomSuffix());
            Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(replaced);
        } else {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        }
        writing[0] = directory.resolve(LATEST_FILE);
        AtomicFiles.write(writing[0], (name + "\n").getBytes(StandardCharsets.UTF_8));
        prune(state.step());
        return target;
    }

    /**
     * The newest usable checkpoint: the one {@value #LATEST_FILE} names, else (with a warning
     * for each unusable one) the others from the newest step down.
     *
     * @throws CheckpointException if there is none, listing why each candidate failed
     */
    public Loaded loadLatest() throws IOException {
        List<Path> candidates = new ArrayList<>();
        latestPointer().ifPresent(candidates::add);
        for (Path step : stepDirectories()) {
            if (!candidates.contains(step)) {
                candidates.add(step);
            }
        }
        if (candidates.isEmpty()) {
            throw new CheckpointException(directory + ": no checkpoint to resume from");
        }
        List<String> warnings = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Path candidate : candidates) {
            try {
                Checkpoint checkpoint = read(candidate);
                return new Loaded(checkpoint, List.copyOf(warnings));
            } catch (IOException unusable) {
                String reason = "checkpoint " + candidate.getFileName() + " is unusable (" + unusable.getMessage() + ")";
                reasons.add(reason);
                warnings.add(reason + "; falling back to an older one");
            }
        }
        throw new CheckpointException("no usable checkpoint in " + directory + ": " + String.join("; ", reasons));
    }

    /** The checkpoint directory {@value #LATEST_FILE} names, if the pointer exists. */
    private Optional<Path> latestPointer() throws IOException {
        Path pointer = directory.resolve(LATEST_FILE);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        if (!STEP_DIRECTORY.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(directory.resolve(name));
    }

    /** Reads and verifies one checkpoint directory. */
    public Checkpoint read(Path checkpointDirectory) throws IOException {
        CheckpointState state = readState(checkpointDirectory);
        Map<String, HostTensor> model = state.weightsInModel() ? weightsInModel(checkpointDirectory, state.modelWeights())
                : tensors(checkpointDirectory.resolve(MODEL_FILE), state);
        Map<String, HostTensor> optimizer = tensors(checkpointDirectory.resolve(OPTIMIZER_FILE), state);
        return new Checkpoint(checkpointDirectory, state, model, optimizer);
    }

    /** Reads and checks a checkpoint's {@value #STATE_FILE}, upgrading format 1. */
    private static CheckpointState readState(Path checkpointDirectory) throws IOException {
        Path statePath = checkpointDirectory.resolve(STATE_FILE);
        if (!Files.isRegularFile(statePath)) {
            throw new CheckpointException(statePath + ": missing");
        }
        CheckpointState state;
        try {
            ObjectNode content = STATE_FORMAT.upgrade(Json.readTree(Json.MAPPER, statePath), statePath.toString());
            content.put(FileFormat.KEY, CheckpointState.FORMAT);
            state = Json.bind(Json.MAPPER, content, CheckpointState.class, statePath.toString());
        } catch (IOException | IllegalArgumentException malformed) {
            throw new CheckpointException("not a valid checkpoint state: " + firstLine(malformed.getMessage()), malformed);
        }
        if (state.sha256() == null || state.seeds() == null) {
            throw new CheckpointException(statePath + ": missing sha256 or seeds");
        }
        return state;
    }

    /**
     * The weights of a checkpoint that keeps them in {@code model/}: that file's SHA-256 must be
     * the recorded one; then they are read, names mapped back, by the {@link ModelReader}.
     */
    private Map<String, HostTensor> weightsInModel(Path checkpointDirectory, WeightsInModel weights) throws IOException {
        Path file = weights.weightsFile(checkpointDirectory);
        String what = "the checkpoint " + checkpointDirectory.getFileName()
                + " keeps no copy of these weights: restore that file to resume or extend the run";
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": missing; " + what);
        }
        String actual = Sha256.of(file);
        if (!actual.equals(weights.sha256())) {
            throw new CheckpointException(file + ": SHA-256 " + actual + " does not match the recorded " + weights.sha256()
                    + " (changed or damaged since the run finished); " + what);
        }
        try {
            return modelReader.read(weights.resolve(checkpointDirectory));
        } catch (IOException | IllegalArgumentException unreadable) {
            throw new CheckpointException(file + ": " + firstLine(unreadable.getMessage()) + "; " + what, unreadable);
        }
    }

    /**
     * Lets the final checkpoint at {@code step} and the run's final model in {@code modelDirectory}
     * hold the weights once. When the bytes are equal (lmlab's layout) the two become one file
     * ({@link #shareModelFile}); else, when {@code model/} reads back (through the
     * {@link ModelReader}) to exactly the checkpoint's tensors, bit for bit (Hugging Face's
     * layout), the checkpoint's {@value #STATE_FILE} is rewritten, atomically, to name
     * {@code model/} and the SHA-256 of its weights, and only then is its own
     * {@value #MODEL_FILE} deleted. Call it only after {@code model/} is completely written: at
     * every moment the checkpoint can be read, from its own file or from {@code model/} (a crash
     * between the two steps leaves a stray copy, which the next call deletes).
     */
    public Sharing shareWithModel(long step, Path modelDirectory) throws IOException {
        Path checkpointDirectory = directory.resolve(directoryName(step));
        Path own = checkpointDirectory.resolve(MODEL_FILE);
        Path modelFile = modelDirectory.resolve(ModelDirectory.WEIGHTS);
        CheckpointState state = readState(checkpointDirectory);
        if (state.weightsInModel()) {
            Files.deleteIfExists(own);
            return Sharing.IN_MODEL;
        }
        if (shareModelFile(step, modelFile)) {
            return Sharing.LINKED;
        }
        if (!Files.isRegularFile(own) || !Files.isRegularFile(modelFile)) {
            return Sharing.SEPARATE;
        }
        String modelHash = Sha256.of(modelFile);
        if (!identical(own, state, modelReader.read(modelDirectory))) {
            return Sharing.SEPARATE;
        }
        Map<String, String> hashes = new LinkedHashMap<>(state.sha256());
        hashes.remove(MODEL_FILE);
        String relative = checkpointDirectory.toAbsolutePath().normalize().relativize(modelDirectory.toAbsolutePath().normalize())
                .toString().replace(java.io.File.separatorChar, '/');
        stateWriter.write(checkpointDirectory.resolve(STATE_FILE),
                state.withModelWeights(new WeightsInModel(relative, modelHash), hashes));
        Files.delete(own);
        return Sharing.IN_MODEL;
    }

    /**
     * Gives every checkpoint whose weights are in {@code modelDirectory} its own
     * {@value #MODEL_FILE} again (the same bytes it had: the writer sorts by name), so that
     * {@code model/} can be overwritten (an extended run saving its new final model). The file
     * is written first, then {@value #STATE_FILE} names it. A checkpoint whose {@code model/}
     * no longer matches its hash is already unusable and is left as it is.
     */
    public void detachFromModel(Path modelDirectory) throws IOException {
        Path model = modelDirectory.toAbsolutePath().normalize();
        for (Path step : stepDirectories()) {
            CheckpointState state;
            try {
                state = readState(step);
            } catch (CheckpointException unreadable) {
                continue;
            }
            if (!state.weightsInModel() || !state.modelWeights().resolve(step.toAbsolutePath()).equals(model)) {
                continue;
            }
            Map<String, HostTensor> tensors;
            try {
                tensors = weightsInModel(step, state.modelWeights());
            } catch (CheckpointException unusable) {
                continue;
            }
            Path own = step.resolve(MODEL_FILE);
            writer.write(own, tensors.values(), MODEL_METADATA);
            Map<String, String> hashes = new LinkedHashMap<>();
            hashes.put(MODEL_FILE, Sha256.of(own));
            hashes.putAll(state.sha256());
            stateWriter.write(step.resolve(STATE_FILE), state.withModelWeights(null, hashes));
        }
    }

    /** True if {@code own} (verified against its recorded hash) holds exactly these tensors, bit for bit. */
    private static boolean identical(Path own, CheckpointState state, Map<String, HostTensor> tensors) throws IOException {
        String expected = state.sha256().get(MODEL_FILE);
        if (expected == null || !expected.equals(Sha256.of(own))) {
            return false;
        }
        try (SafetensorsFile safetensors = SafetensorsFile.open(own)) {
            if (!new java.util.HashSet<>(safetensors.names()).equals(tensors.keySet())) {
                return false;
            }
            for (HostTensor tensor : tensors.values()) {
                HostTensor stored = safetensors.tensor(tensor.name());
                if (!java.util.Arrays.equals(stored.shape(), tensor.shape()) || !sameBits(stored.data(), tensor.data())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameBits(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, HostTensor> tensors(Path file, CheckpointState state) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": missing");
        }
        String expected = state.sha256().get(file.getFileName().toString());
        if (expected == null) {
            throw new CheckpointException(file + ": no hash recorded in " + STATE_FILE);
        }
        String actual = Sha256.of(file);
        if (!expected.equals(actual)) {
            throw new CheckpointException(file + ": SHA-256 " + actual + " does not match the recorded " + expected
                    + " (truncated or corrupt)");
        }
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            for (String name : safetensors.names()) {
                tensors.put(name, safetensors.tensor(name));
            }
        }
        return tensors;
    }

    /** Checkpoint directories, newest step first. */
    public List<Path> stepDirectories() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> steps = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && STEP_DIRECTORY.matcher(entry.getFileName().toString()).matches()) {
                    steps.add(entry);
                }
            }
        }
        steps.sort(Comparator.comparingLong(CheckpointStore::stepOf).reversed());
        return steps;
    }

    private static long stepOf(Path stepDirectory) {
        Matcher matcher = STEP_DIRECTORY.matcher(stepDirectory.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a checkpoint directory: " + stepDirectory);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** True if no checkpoint directory exists yet. */
    public boolean isEmpty() throws IOException {
        return stepDirectories().isEmpty();
    }

    /**
     * Deletes every checkpoint and the latest pointer; returns the bytes freed (a file that is
     * also linked elsewhere, such as weights shared with {@code model/}, frees nothing).
     */
    public long deleteAll() throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long bytes = 0;
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += linkCount(file) > 1 ? 0 : Files.size(file);
            }
        }
        deleteRecursively(directory);
        return bytes;
    }

    /**
     * Makes {@code modelFile} (a final model's weights) and the weights of the checkpoint at
     * {@code step} one file when their bytes are identical: {@code modelFile} is replaced,
     * atomically, by a hard link to the checkpoint's file, so a finished run does not hold its
     * weights twice. Both paths stay ordinary files: deleting the checkpoint (pruning) leaves
     * the model's, and every writer replaces files by renaming, never writing through a link.
     * Where hard links are not supported (another file system, Windows FAT) the copy stays.
     *
     * @return true if the two paths are now one file
     */
    public boolean shareModelFile(long step, Path modelFile) throws IOException {
        Path checkpointFile = directory.resolve(directoryName(step)).resolve(MODEL_FILE);
        if (!Files.isRegularFile(checkpointFile) || !Files.isRegularFile(modelFile)) {
            return false;
        }
        if (Files.isSameFile(checkpointFile, modelFile)) {
            return true;
        }
        if (Files.size(checkpointFile) != Files.size(modelFile) || Files.mismatch(checkpointFile, modelFile) != -1) {
            return false;
        }
        Path link = modelFile.resolveSibling("." + modelFile.getFileName() + ".link-" + randomSuffix());
        try {
            Files.createLink(link, checkpointFile);
            Files.move(link, modelFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (UnsupportedOperationException | IOException unsupported) {
            Files.deleteIfExists(link);
            return false;
        }
    }

    /** How many directory entries name this file (1 where the file system does not say). */
    private static int linkCount(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink")).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException unknown) {
            return 1;
        }
    }

    private void prune(long newest) throws IOException {
        List<Path> steps = stepDirectories();
        for (int i = keep; i < steps.size(); i++) {
            if (stepOf(steps.get(i)) != newest) {
                deleteRecursively(steps.get(i));
            }
        }
    }

    private void removeLeftoverTemporaries() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, ".step-*")) {
            for (Path entry : entries) {
                deleteRecursively(entry);
            }
        }
    }

    private static String randomSuffix() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
