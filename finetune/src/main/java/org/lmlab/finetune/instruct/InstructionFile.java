package org.lmlab.finetune.instruct;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads instruction records from a JSON file holding one array of objects (the book's
 * {@code instruction-data.json}) or from JSONL (one object per line). Every record needs a
 * string {@code instruction} and {@code output}; {@code input} may be absent, null or a string.
 * A bad record is refused with the file, its index (from 0) and its line:
 * {@code data.json: record 12 (line 57): no "instruction" field}.
 */
public final class InstructionFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InstructionFile() {
    }

    /**
     * The records of a file, in file order.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws IllegalArgumentException naming the file, record and line of a malformed record
     */
    public static List<InstructionRecord> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such instruction file");
        }
        List<InstructionRecord> records = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            boolean array = first == JsonToken.START_ARRAY;
            JsonToken token = array ? parser.nextToken() : first;
            while (token != null && !(array && token == JsonToken.END_ARRAY)) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = parser.readValueAsTree();
                records.add(record(file, records.size(), line, node));
                token = parser.nextToken();
            }
            if (array && parser.nextToken() != null) {
                throw new IllegalArgumentException(file + ": line " + parser.currentTokenLocation().getLineNr()
                        + ": content after the array of records");
            }
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException(file + ": line " + malformed.getLocation().getLineNr()
                    + ": not valid JSON: " + malformed.getOriginalMessage(), malformed);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file + ": no instruction records (expected a JSON array of objects or JSONL)");
        }
        return records;
    }

    private static InstructionRecord record(Path file, int index, int line, JsonNode node) {
        String where = file + ": record " + index + " (line " + line + ")";
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(where + ": not a JSON object");
        }
        String instruction = text(object, "instruction", where, true);
        String input = text(object, "input", where, false);
        String output = text(object, "output", where, true);
        return new InstructionRecord(index, line, instruction, input, output, object);
    }

    private static String text(ObjectNode object, String field, String where, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": no \"" + field + "\" field");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string, got " + value.getNodeType().name().toLowerCase());
        }
        return value.asText();
    }
}
