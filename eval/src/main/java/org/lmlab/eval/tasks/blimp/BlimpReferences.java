package org.lmlab.eval.tasks.blimp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lmlab.eval.tasks.TaskFiles;
import org.lmlab.layers.config.Json;

/**
 * BLiMP's published reference rows, for a report to set a model beside: the accuracies of a
 * 5-gram model, an LSTM, Transformer-XL and GPT-2 (large) from {@code models_summary.jsonl}, and
 * human agreement from {@code human_validation_summary.csv} (per paradigm; a category's and the
 * overall human value are the means over their paradigms), each as a fraction, overall, per
 * category and per paradigm. All of them were measured on all 1,000 pairs of each paradigm.
 */
public final class BlimpReferences {

    /** The models file's columns and the names the rows get. */
    private static final Map<String, String> MODELS = Map.of("ngram", "5-gram", "lstm", "lstm", "txl", "transformer-xl",
            "gpt2", "gpt2-large");

    /** The row names in the order a report shows them. */
    public static final List<String> ROWS = List.of("5-gram", "lstm", "transformer-xl", "gpt2-large", "human");

    private static final String SUMMARY = "models_summary.jsonl";
    private static final String HUMAN = "human_validation_summary.csv";

    private BlimpReferences() {
    }

    /** The reference rows of a BLiMP directory that holds both files, else empty. */
    public static Optional<Map<String, Object>> read(Path directory) throws IOException {
        Path summary = directory.resolve(SUMMARY);
        Path human = directory.resolve(HUMAN);
        if (!Files.isDirectory(directory) || !Files.isRegularFile(summary) || !Files.isRegularFile(human)) {
            return Optional.empty();
        }
        Map<String, Map<String, Double>> paradigm = new TreeMap<>();
        Map<String, Map<String, Double>> category = new TreeMap<>();
        Map<String, Double> overall = new TreeMap<>();
        Map<String, String> categoryOf = new TreeMap<>();
        List<String> lines = TaskFiles.readLines(summary);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = summary + ":" + (i + 1);
            JsonNode row = object(lines.get(i), where);
            String uid = field(row, "UID", where).asText();
            String term = field(row, "linguistics_term", where).asText();
            Map<String, Double> values = new TreeMap<>();
            for (Map.Entry<String, String> model : MODELS.entrySet()) {
                JsonNode value = field(row, model.getKey(), where);
                if (!value.isNumber()) {
                    throw new IOException(where + ": \"" + model.getKey() + "\" must be a number, got " + value);
                }
                values.put(model.getValue(), value.asDouble());
            }
            if (!uid.equals("overall")) {
                String normalised = BlimpCategories.of(term).orElseThrow(() -> new IOException(where + ": linguistics_term '"
                        + term + "' is none of BLiMP's 12 categories"));
                paradigm.put(uid, values);
                categoryOf.put(uid, normalised);
            } else if (term.equals("overall")) {
                overall.putAll(values);
            } else {
                category.put(term, values);
            }
        }
        Map<String, Double> humanByParadigm = human(human, paradigm.keySet());
        Map<String, List<Double>> humanByCategory = new TreeMap<>();
        double humanSum = 0;
        for (Map.Entry<String, Double> entry : humanByParadigm.entrySet()) {
            paradigm.get(entry.getKey()).put("human", entry.getValue());
            humanByCategory.computeIfAbsent(categoryOf.get(entry.getKey()), c -> new ArrayList<>()).add(entry.getValue());
            humanSum += entry.getValue();
        }
        humanByCategory.forEach((name, values) -> category.computeIfAbsent(name, c -> new TreeMap<>())
                .put("human", values.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        if (!humanByParadigm.isEmpty()) {
            overall.put("human", humanSum / humanByParadigm.size());
        }
        Map<String, Object> references = new LinkedHashMap<>();
        references.put("rows", ROWS);
        references.put("source", "Warstadt et al. (2020), all 1,000 pairs per paradigm; human: the mean agreement"
                + " of the validation study, a category's and the overall value averaged over paradigms");
        references.put("overall", overall);
        references.put("category", category);
        references.put("paradigm", paradigm);
        return Optional.of(references);
    }

    /** {@code total_mean} per paradigm of the human study's CSV, for the paradigms the release has. */
    private static Map<String, Double> human(Path file, java.util.Set<String> paradigms) throws IOException {
        List<String> lines = TaskFiles.readLines(file);
        if (lines.isEmpty()) {
            throw new IOException(file + ": empty file");
        }
        List<String> header = cells(lines.get(0));
        int condition = header.indexOf("Condition");
        int mean = header.indexOf("total_mean");
        if (condition < 0 || mean < 0) {
            throw new IOException(file + ":1: expected columns Condition and total_mean, got " + String.join(", ", header));
        }
        Map<String, Double> values = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = cells(lines.get(i));
            if (row.size() != header.size()) {
                throw new IOException(file + ":" + (i + 1) + ": expected " + header.size() + " columns, got " + row.size());
            }
            if (paradigms.contains(row.get(condition))) {
                try {
                    values.put(row.get(condition), Double.parseDouble(row.get(mean)));
                } catch (NumberFormatException notNumber) {
                    throw new IOException(file + ":" + (i + 1) + ": total_mean '" + row.get(mean) + "' is not a number", notNumber);
                }
            }
        }
        return values;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            String value = cell.strip();
            cells.add(value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value);
        }
        return cells;
    }

    private static JsonNode object(String line, String where) throws IOException {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IOException(where + ": expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException malformed) {
            throw new IOException(where + ": not valid JSON (" + malformed.getOriginalMessage() + ")", malformed);
        }
    }

    private static JsonNode field(JsonNode row, String name, String where) throws IOException {
        JsonNode value = row.get(name);
        if (value == null || value.isNull()) {
            throw new IOException(where + ": no \"" + name + "\" field");
        }
        return value;
    }
}
