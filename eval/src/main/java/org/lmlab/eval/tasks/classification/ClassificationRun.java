package org.lmlab.eval.tasks.classification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The files a classification fine-tune leaves in its run, read by their documented formats (eval
 * may not depend on finetune): the label names in class-id order from {@code model/labels.json}
 * (else the label ids of {@code data/splits.json}), the test split {@code data/test.tsv}
 * ({@code id label text}, backslash escapes) and a predictions file (JSON lines with {@code id},
 * {@code text}, {@code gold}, {@code predicted}, {@code probability}). Every error is one line
 * naming the file and, where there is one, the line.
 */
public final class ClassificationRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    public ClassificationRun(Path directory) {
        this.directory = directory;
    }

    /** The run directory. */
    public Path directory() {
        return directory;
    }

    /** The label names, class id {@code i} the {@code i}-th. */
    public List<String> labels() throws IOException {
        Path labelsFile = directory.resolve("model").resolve("labels.json");
        Path splitsFile = directory.resolve("data").resolve("splits.json");
        if (Files.isRegularFile(labelsFile)) {
            JsonNode labels = tree(labelsFile).get("labels");
            if (labels == null || !labels.isArray() || labels.size() < 2) {
                throw new IOException(labelsFile + ": \"labels\" must be an array of at least 2 label names");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode label : labels) {
                if (!label.isTextual()) {
                    throw new IOException(labelsFile + ": \"labels\" must hold strings, got " + label);
                }
                names.add(label.asText());
            }
            if (new HashSet<>(names).size() != names.size()) {
                throw new IOException(labelsFile + ": \"labels\" repeats a name: " + names);
            }
            return List.copyOf(names);
        }
        if (Files.isRegularFile(splitsFile)) {
            JsonNode ids = tree(splitsFile).get("labels");
            if (ids == null || !ids.isObject() || ids.size() < 2) {
                throw new IOException(splitsFile + ": \"labels\" must map at least 2 label names to class ids");
            }
            Map<Integer, String> byId = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = ids.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().canConvertToInt()) {
                    throw new IOException(splitsFile + ": labels." + entry.getKey() + ": must be a class id");
                }
                byId.put(entry.getValue().asInt(), entry.getKey());
            }
            List<String> names = List.copyOf(byId.values());
            if (!List.copyOf(byId.keySet()).equals(IntStream.range(0, names.size()).boxed().toList())) {
                throw new IOException(splitsFile + ": \"labels\" class ids must be 0.." + (names.size() - 1) + ", got " + ids);
            }
            return names;
        }
        throw new NoSuchFileException(labelsFile.toString(), null,
                "no label names (nor " + splitsFile + "); is " + directory + " a lmlab finetune classify run?");
    }

    /** The ids and gold labels of {@code data/test.tsv}, in file order. */
    public Map<Integer, String> testSplit() throws IOException {
        Path file = directory.resolve("data").resolve("test.tsv");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no test split (lmlab finetune classify writes data/test.tsv)");
        }
        Map<Integer, String> items = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.equals("id\tlabel\ttext")) {
                throw new IOException(file + ": line 1: expected the header 'id<TAB>label<TAB>text'");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                String[] fields = line.split("\t", 3);
                if (fields.length != 3) {
                    throw new IOException(file + ": line " + number + ": expected 3 tab-separated fields, got " + fields.length);
                }
                int id;
                try {
                    id = Integer.parseInt(fields[0]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": line " + number + ": id '" + fields[0] + "' is not a line number");
                }
                if (items.put(id, unescape(fields[1])) != null) {
                    throw new IOException(file + ": line " + number + ": id " + id + " appears twice");
                }
            }
        }
        return items;
    }

    /** The predictions file {@code name} (relative to the run, or absolute). */
    public Path predictionsFile(String name) {
        return directory.resolve(name);
    }

    /** The lines of a predictions file, in file order. */
    public static List<LabelledPrediction> predictions(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no predictions file");
        }
        List<LabelledPrediction> predictions = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ": line " + number;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException malformed) {
                    throw new IOException(where + ": not valid JSON: " + malformed.getOriginalMessage());
                }
                if (!node.isObject()) {
                    throw new IOException(where + ": not a JSON object");
                }
                JsonNode id = node.get("id");
                if (id == null || !id.canConvertToInt()) {
                    throw new IOException(where + ": \"id\" must be an integer");
                }
                LabelledPrediction prediction = new LabelledPrediction(id.asInt(), text(node, "text", where),
                        text(node, "gold", where), text(node, "predicted", where), probability(node, where));
                if (!seen.add(prediction.id())) {
                    throw new IOException(where + ": id " + prediction.id() + " appears twice");
                }
                predictions.add(prediction);
            }
        }
        if (predictions.isEmpty()) {
            throw new IOException(file + ": no predictions");
        }
        return predictions;
    }

    private static String text(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException(where + ": \"" + field + "\" must be a string");
        }
        return value.asText();
    }

    private static double probability(JsonNode node, String where) throws IOException {
        JsonNode value = node.get("probability");
        if (value == null || !value.isNumber() || !(value.asDouble() >= 0 && value.asDouble() <= 1)) {
            throw new IOException(where + ": \"probability\" must be a number from 0 to 1");
        }
        return value.asDouble();
    }

    private static JsonNode tree(Path file) throws IOException {
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new IOException(file + ": not a JSON object");
            }
            return tree;
        } catch (JsonProcessingException malformed) {
            throw new IOException(file + ": line " + malformed.getLocation().getLineNr() + ": not valid JSON: "
                    + malformed.getOriginalMessage());
        }
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
