package org.lmlab.finetune.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.layers.config.Json;
import org.lmlab.models.safetensors.AtomicFiles;
import org.lmlab.training.data.Sha256;

/**
 * A classification task's items split three ways, with its labels and where they came from.
 * {@link #write} puts the splits into a run as {@code train.tsv}, {@code validation.tsv} and
 * {@code test.tsv} (a header {@code id label text}, then one item per line: its source line,
 * label and text, with backslash, tab and line breaks escaped as {@code \\ \t \n \r}) and
 * {@code splits.json} (source, its SHA-256, the split settings, the label ids and each file's
 * size and SHA-256), so every model compared on a task can be shown to have seen the same items.
 */
public record LabelledSplits(String source, String sourceSha256, SplitConfig split, Labels labels,
        List<LabelledItem> train, List<LabelledItem> validation, List<LabelledItem> test) {

    /** The split names, in file order. */
    public static final List<String> NAMES = List.of("train", "validation", "test");

    /** The split-record file beside the split files. */
    public static final String RECORD = "splits.json";

    public LabelledSplits {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        if (train.isEmpty()) {
            throw new IllegalArgumentException(source + ": no example left for training");
        }
    }

    /** Reads and splits the items of a file. */
    public static LabelledSplits of(Path file, List<LabelledItem> items, SplitConfig split) throws IOException {
        Labels labels = Labels.of(items);
        List<List<LabelledItem>> parts = StratifiedSplit.split(items, labels, split);
        return new LabelledSplits(file.toString(), Sha256.of(file), split, labels, parts.get(0), parts.get(1), parts.get(2));
    }

    /** The split by name ({@code train}, {@code validation}, {@code test}). */
    public List<LabelledItem> get(String name) {
        return switch (name) {
            case "train" -> train;
            case "validation" -> validation;
            case "test" -> test;
            default -> throw new IllegalArgumentException("unknown split '" + name + "'; known: " + NAMES);
        };
    }

    /** The TSV bytes of a split. */
    public byte[] tsv(String name) {
        StringBuilder out = new StringBuilder("id\tlabel\ttext\n");
        for (LabelledItem item : get(name)) {
            out.append(item.id()).append('\t').append(escape(item.label())).append('\t').append(escape(item.text())).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The SHA-256 of the three split files together: what a run's data fingerprint is. */
    public String fingerprint() {
        StringBuilder hashes = new StringBuilder();
        for (String name : NAMES) {
            hashes.append(name).append(' ').append(Sha256.of(tsv(name))).append('\n');
        }
        return Sha256.of(hashes.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the three split files and {@value #RECORD} into {@code directory} (created if needed). */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> files = new LinkedHashMap<>();
        for (String name : NAMES) {
            byte[] bytes = tsv(name);
            AtomicFiles.write(directory.resolve(name + ".tsv"), bytes);
            files.put(name + ".tsv", Map.of("examples", get(name).size(), "sha256", Sha256.of(bytes)));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("source", source);
        record.put("source_sha256", sourceSha256);
        record.put("seed", split.seed());
        record.put("undersample", split.undersample());
        record.put("train_fraction", split.trainFraction());
        record.put("validation_fraction", split.validationFraction());
        record.put("labels", labels.ids());
        record.put("files", files);
        AtomicFiles.write(directory.resolve(RECORD), Json.bytes(Json.MAPPER, record));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
