package org.lmlab.eval.tasks.instructions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a responses file by its documented format (eval may not depend on finetune): a JSON
 * array of objects, each with string {@code instruction}, {@code output} and
 * {@code model_response} and an optional {@code input} (absent or null is empty); other fields
 * are ignored. An error names the file and the record: {@code r.json: record 3: no "model_response" field}.
 */
public final class ResponsesFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponsesFile() {
    }

    /** The records, in file order. */
    public static List<ResponseRecord> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no responses file (lmlab finetune instruct writes "
                    + InstructionsTaskConfig.RESPONSES + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException malformed) {
            throw new IOException(file + ": line " + malformed.getLocation().getLineNr() + ": not valid JSON: "
                    + malformed.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": expected a JSON array of records");
        }
        if (root.isEmpty()) {
            throw new IOException(file + ": no records");
        }
        List<ResponseRecord> records = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String where = file + ": record " + i;
            if (!node.isObject()) {
                throw new IOException(where + ": not a JSON object");
            }
            records.add(new ResponseRecord(i, text(node, "instruction", where, true), text(node, "input", where, false),
                    text(node, "output", where, true), text(node, "model_response", where, true)));
        }
        return records;
    }

    private static String text(JsonNode node, String field, String where, boolean required) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IOException(where + ": no \"" + field + "\" field");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw new IOException(where + ": \"" + field + "\" must be a string, got " + value.getNodeType().name().toLowerCase());
        }
        return value.asText();
    }
}
