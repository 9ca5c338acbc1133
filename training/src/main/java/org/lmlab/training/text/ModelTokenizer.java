package org.lmlab.training.text;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.TokenizerSpec;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.training.data.Sha256;
import org.lmlab.training.io.TrainingJson;

/**
 * The tokenizer a model directory remembers, so a model is always read with the tokenizer it
 * was trained with: {@value #FILE} records its kind, the files it reads (copied into the model
 * directory: a {@code tokenizer.json} beside the weights, other files under
 * {@value #FILES_DIRECTORY}/) with their SHA-256, and the vocabulary size. The bundled kinds
 * ({@code gpt2}, {@code bert-base-uncased}) read no file and are recorded by name. Training
 * writes it into a run's {@code model/}; {@link ModelText#tokenizerName} reads it first.
 */
public final class ModelTokenizer {

    /** The record's file name inside a model directory. */
    public static final String FILE = "lmlab-tokenizer.json";

    /** Where the files of kinds other than {@code hf-json} are copied. */
    public static final String FILES_DIRECTORY = "tokenizer";

    /** The layout of {@value #FILE} this code writes and reads. */
    public static final int FORMAT = 1;

    /**
     * The record: {@code type} a registered tokenizer kind, {@code path} the file or directory it
     * reads relative to the model directory (null for a bundled kind), {@code sha256} every copied
     * file's hash by relative path, {@code vocab_size}, and {@code trained_with} what the run named.
     */
    public record Record(int format, String type, String path, Map<String, String> sha256, int vocabSize, String trainedWith) {
    }

    private ModelTokenizer() {
    }

    /**
     * Writes into {@code modelDirectory} the tokenizer {@code nameOrPath} names (as a run config
     * holds it): its files copied, and {@value #FILE}.
     */
    public static void save(Tokenizers tokenizers, String nameOrPath, Tokenizer tokenizer, Path modelDirectory) throws IOException {
        TokenizerSpec spec = tokenizers.spec(nameOrPath);
        Map<String, String> hashes = new TreeMap<>();
        String relative = null;
        if (spec.path().isPresent()) {
            Path source = spec.path().get().toAbsolutePath().normalize();
            Path model = modelDirectory.toAbsolutePath().normalize();
            if (source.startsWith(model)) {
                relative = model.relativize(source).toString();
            } else if (Files.isDirectory(source)) {
                relative = FILES_DIRECTORY;
                Path target = replaceFilesDirectory(model);
                try (DirectoryStream<Path> files = Files.newDirectoryStream(source, Files::isRegularFile)) {
                    for (Path file : files) {
                        Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } else if (spec.type().equals(Tokenizers.JSON_FILE_TYPE)) {
                relative = "tokenizer.json";
                Files.copy(source, model.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Path target = replaceFilesDirectory(model);
                relative = FILES_DIRECTORY + "/" + source.getFileName();
                Files.copy(source, target.resolve(source.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
            hash(model, model.resolve(relative), hashes);
        }
        TrainingJson.write(modelDirectory.resolve(FILE),
                new Record(FORMAT, spec.type(), relative, hashes, tokenizer.vocabSize(), nameOrPath));
    }

    private static Path replaceFilesDirectory(Path model) throws IOException {
        Path target = model.resolve(FILES_DIRECTORY);
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(target, Files::isRegularFile)) {
                for (Path file : old) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(target);
    }

    private static void hash(Path model, Path path, Map<String, String> hashes) throws IOException {
        if (Files.isDirectory(path)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(path, Files::isRegularFile)) {
                for (Path file : files) {
                    hashes.put(model.relativize(file).toString(), Sha256.of(file));
                }
            }
        } else {
            hashes.put(model.relativize(path).toString(), Sha256.of(path));
        }
    }

    /**
     * The tokenizer a model directory records, as {@link Tokenizers#resolve} reads it
     * ({@code gpt2}, or {@code TYPE:ABSOLUTE_PATH} into the directory), after checking that its
     * files still have their recorded SHA-256; empty if the directory records none.
     */
    public static Optional<String> recorded(Path modelDirectory) throws IOException {
        Path file = modelDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Record record = TrainingJson.read(file, Record.class);
        if (record.format() != FORMAT) {
            throw new IOException(file + ": format " + record.format() + ", this lmlab reads " + FORMAT);
        }
        if (record.type() == null || record.type().isBlank()) {
            throw new IOException(file + ": type: required");
        }
        for (Map.Entry<String, String> entry : record.sha256().entrySet()) {
            Path copied = modelDirectory.resolve(entry.getKey());
            if (!Files.isRegularFile(copied)) {
                throw new IOException(copied + ": missing; " + file + " records it as part of the model's tokenizer");
            }
            String actual = Sha256.of(copied);
            if (!actual.equals(entry.getValue())) {
                throw new IOException(copied + ": SHA-256 " + actual + " does not match " + entry.getValue() + " recorded in "
                        + file + "; the model's tokenizer files were changed");
            }
        }
        if (record.path() == null) {
            return Optional.of(record.type());
        }
        return Optional.of(record.type() + ":" + modelDirectory.resolve(record.path()).toAbsolutePath().normalize());
    }

    /** Copies a model directory's tokenizer ({@value #FILE}, {@code tokenizer.json}, {@value #FILES_DIRECTORY}/) to another. */
    public static void copy(Path from, Path to) throws IOException {
        for (String name : new String[] {FILE, "tokenizer.json"}) {
            if (Files.isRegularFile(from.resolve(name))) {
                Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path files = from.resolve(FILES_DIRECTORY);
        if (Files.isDirectory(files)) {
            Path target = replaceFilesDirectory(to);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(files, Files::isRegularFile)) {
                for (Path file : entries) {
                    Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
