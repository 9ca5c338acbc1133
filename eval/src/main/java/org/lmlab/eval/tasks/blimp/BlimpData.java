package org.lmlab.eval.tasks.blimp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.lmlab.eval.tasks.JsonLines;

/**
 * Reads BLiMP's files: one JSON object per line with {@code sentence_good}, {@code sentence_bad},
 * {@code UID} (the paradigm), {@code linguistics_term} and optionally {@code pairID} (else the
 * line's index from 0). A broken line fails with {@code file:line: what is wrong}.
 */
public final class BlimpData {

    private BlimpData() {
    }

    /** The paradigm files of a BLiMP directory ({@code data/*.jsonl[.gz]}, or {@code *.jsonl[.gz]} in it), or the one file given, sorted by name. */
    public static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new NoSuchFileException(path.toString(), null, "no BLiMP directory or file here");
        }
        Path data = Files.isDirectory(path.resolve("data")) ? path.resolve("data") : path;
        List<Path> files;
        try (Stream<Path> listing = Files.list(data)) {
            files = listing.filter(file -> {
                String name = file.getFileName().toString();
                return Files.isRegularFile(file) && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"));
            }).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(data + ": no BLiMP paradigm files (*.jsonl or *.jsonl.gz)");
        }
        return files;
    }

    /** Every pair of the files under {@code path}, in file then line order. */
    public static List<BlimpPair> read(Path path) throws IOException {
        List<BlimpPair> pairs = new ArrayList<>();
        for (Path file : files(path)) {
            pairs.addAll(readFile(file));
        }
        return pairs;
    }

    /** The pairs of one paradigm file. */
    public static List<BlimpPair> readFile(Path file) throws IOException {
        return JsonLines.read(file, "pairs", (node, where, line, index) -> parse(node, where, index), BlimpPair::id);
    }

    private static BlimpPair parse(JsonNode node, String where, int index) throws IOException {
        String good = text(node, "sentence_good", where);
        String bad = text(node, "sentence_bad", where);
        String paradigm = text(node, "UID", where);
        String term = text(node, "linguistics_term", where);
        String category = BlimpCategories.of(term).orElseThrow(() -> new IOException(where + ": linguistics_term '" + term
                + "' is none of BLiMP's 12 categories (" + String.join(", ", BlimpCategories.ALL) + ")"));
        JsonNode pairId = node.get("pairID");
        String id;
        if (pairId == null || pairId.isNull()) {
            id = String.valueOf(index);
        } else if (pairId.isTextual() || pairId.isIntegralNumber()) {
            id = pairId.asText();
        } else {
            throw new IOException(where + ": pairID must be a string or an integer, got " + pairId);
        }
        return new BlimpPair(paradigm, id, category, good, bad);
    }

    private static String text(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException(where + ": no \"" + field + "\" field");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IOException(where + ": \"" + field + "\" must be a non-empty string, got " + value);
        }
        return value.asText();
    }
}
