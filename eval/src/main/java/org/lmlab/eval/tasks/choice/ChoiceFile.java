package org.lmlab.eval.tasks.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lmlab.eval.tasks.JsonLines;

/**
 * Reads a multiple-choice JSONL file: per line {@code context} (a string, may be empty),
 * {@code choices} (at least two non-empty strings, appended to the context exactly as written,
 * so a leading space belongs in the choice), {@code gold} (the right choice's index) and
 * optionally {@code id} (else the line number). Errors are {@code file:line: what is wrong}.
 */
public final class ChoiceFile {

    private ChoiceFile() {
    }

    /** The items of the file, in order; an empty file is an error. */
    public static List<ChoiceItem> read(Path file) throws IOException {
        return JsonLines.read(file, "questions", (node, where, line, index) -> parse(node, where, line), ChoiceItem::id);
    }

    private static ChoiceItem parse(JsonNode node, String where, int lineNumber) throws IOException {
        JsonNode context = node.get("context");
        if (context == null || !context.isTextual()) {
            throw new IOException(where + ": \"context\" must be a string" + (context == null ? " (missing)" : ", got " + context));
        }
        JsonNode choices = node.get("choices");
        if (choices == null || !choices.isArray() || choices.size() < 2) {
            throw new IOException(where + ": \"choices\" must be an array of at least 2 strings"
                    + (choices == null ? " (missing)" : ", got " + choices));
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode choice : choices) {
            if (!choice.isTextual() || choice.asText().isEmpty()) {
                throw new IOException(where + ": every choice must be a non-empty string, got " + choice);
            }
            texts.add(choice.asText());
        }
        JsonNode gold = node.get("gold");
        if (gold == null || !gold.isIntegralNumber() || gold.asInt() < 0 || gold.asInt() >= texts.size()) {
            throw new IOException(where + ": \"gold\" must be the index of a choice (0 to " + (texts.size() - 1) + ")"
                    + (gold == null ? " (missing)" : ", got " + gold));
        }
        JsonNode id = node.get("id");
        String itemId;
        if (id == null || id.isNull()) {
            itemId = "line-" + lineNumber;
        } else if ((id.isTextual() && !id.asText().isBlank()) || id.isIntegralNumber()) {
            itemId = id.asText();
        } else {
            throw new IOException(where + ": \"id\" must be a non-empty string or an integer, got " + id);
        }
        for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!Set.of("id", "context", "choices", "gold").contains(name)) {
                throw new IOException(where + ": unknown field \"" + name + "\" (known: id, context, choices, gold)");
            }
        }
        return new ChoiceItem(itemId, context.asText(), texts, gold.asInt());
    }
}
