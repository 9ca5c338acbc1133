package org.lmlab.finetune.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads labelled texts from a file ({@link TextFormat}). Every problem is an
 * {@link IllegalArgumentException} of one line naming the file and the line or field:
 * {@code data/x.tsv: line 7: no tab between label and text}. A file with no item, or whose
 * items all share one label, is refused too. Lines are never merged on quotes in TSV: a quote
 * is text like any other character.
 */
public final class LabelledFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledFiles() {
    }

    /**
     * The items of {@code file}, in file order.
     *
     * @param textField  the text's column (CSV) or field (JSONL); TSV has none
     * @param labelField the label's column or field
     */
    public static List<LabelledItem> read(Path file, TextFormat format, String textField, String labelField) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such labelled data file");
        }
        String text = utf8(file);
        List<LabelledItem> items = switch (format) {
            case TSV -> tsv(file, text);
            case CSV -> csv(file, text, textField, labelField);
            case JSONL -> jsonl(file, text, textField, labelField);
        };
        if (items.isEmpty()) {
            throw new IllegalArgumentException(file + ": no labelled examples (the file is empty)");
        }
        java.util.Set<String> labels = new java.util.TreeSet<>();
        items.forEach(item -> labels.add(item.label()));
        if (labels.size() < 2) {
            throw new IllegalArgumentException(file + ": all " + items.size() + " examples have the label '"
                    + items.get(0).label() + "'; a classifier needs at least 2 labels");
        }
        return items;
    }

    private static String utf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        }
    }

    /** The file's lines without their terminators ({@code \n} or {@code \r\n}); no empty last line. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        return lines;
    }

    private static List<LabelledItem> tsv(Path file, String text) {
        List<LabelledItem> items = new ArrayList<>();
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException(file + ": line " + number + ": no tab between label and text"
                        + " (expected label<TAB>text)");
            }
            items.add(item(file, number, line.substring(0, tab).strip(), line.substring(tab + 1), "label", "text"));
        }
        return items;
    }

    private static LabelledItem item(Path file, int line, String label, String text, String labelName, String textName) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException(file + ": line " + line + ": empty " + labelName);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException(file + ": line " + line + ": empty " + textName);
        }
        return new LabelledItem(line, label, text);
    }

    private static List<LabelledItem> jsonl(Path file, String text, String textField, String labelField) {
        List<LabelledItem> items = new ArrayList<>();
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + ": line " + number + ": not a JSON object ("
                        + e.getOriginalMessage() + ")");
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(file + ": line " + number + ": not a JSON object");
            }
            String label = field(file, number, node, labelField);
            String body = field(file, number, node, textField);
            items.add(item(file, number, label.strip(), body, "field '" + labelField + "'", "field '" + textField + "'"));
        }
        return items;
    }

    private static String field(Path file, int line, JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            throw new IllegalArgumentException(file + ": line " + line + ": no field '" + name + "' (fields: "
                    + String.join(", ", names) + ")");
        }
        if (!value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException(file + ": line " + line + ": field '" + name
                    + "' must be a string or a number, got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.asText();
    }

    private static List<LabelledItem> csv(Path file, String text, String textField, String labelField) {
        Iterator<CsvRecord> records = new CsvParser(file, text);
        if (!records.hasNext()) {
            return List.of();
        }
        CsvRecord header = records.next();
        List<String> columns = header.fields().stream().map(String::strip).toList();
        int labelColumn = column(file, header, columns, labelField);
        int textColumn = column(file, header, columns, textField);
        List<LabelledItem> items = new ArrayList<>();
        while (records.hasNext()) {
            CsvRecord record = records.next();
            if (record.fields().size() == 1 && record.fields().get(0).isEmpty()) {
                continue;
            }
            if (record.fields().size() != columns.size()) {
                throw new IllegalArgumentException(file + ": line " + record.line() + ": " + record.fields().size()
                        + " fields, the header has " + columns.size());
            }
            items.add(item(file, record.line(), record.fields().get(labelColumn).strip(), record.fields().get(textColumn),
                    "column '" + labelField + "'", "column '" + textField + "'"));
        }
        return items;
    }

    private static int column(Path file, CsvRecord header, List<String> columns, String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(file + ": line " + header.line() + ": no column '" + name + "' (columns: "
                    + String.join(", ", columns) + ")");
        }
        return index;
    }

    /** One CSV record and the line it starts on. */
    private record CsvRecord(int line, List<String> fields) {
    }

    /** RFC 4180 records: comma-separated, double-quoted fields with "" for a quote, line breaks inside quotes. */
    private static final class CsvParser implements Iterator<CsvRecord> {

        private final Path file;
        private final String text;
        private int at;
        private int line = 1;

        CsvParser(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        @Override
        public boolean hasNext() {
            return at < text.length();
        }

        @Override
        public CsvRecord next() {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            while (true) {
                if (at < text.length() && text.charAt(at) == '"' && field.length() == 0) {
                    int opened = line;
                    at++;
                    while (true) {
                        if (at >= text.length()) {
                            throw new IllegalArgumentException(file + ": line " + opened + ": unterminated quoted field");
                        }
                        char c = text.charAt(at++);
                        if (c == '"') {
                            if (at < text.length() && text.charAt(at) == '"') {
                                field.append('"');
                                at++;
                                continue;
                            }
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                    if (at < text.length() && ",\r\n".indexOf(text.charAt(at)) < 0) {
                        throw new IllegalArgumentException(file + ": line " + line
                                + ": a closing quote must end its field (found '" + text.charAt(at) + "' after it)");
                    }
                }
                if (at >= text.length()) {
                    fields.add(field.toString());
                    return new CsvRecord(start, fields);
                }
                char c = text.charAt(at++);
                if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && at < text.length() && text.charAt(at) == '\n') {
                        at++;
                    }
                    line++;
                    fields.add(field.toString());
                    return new CsvRecord(start, fields);
                } else {
                    field.append(c);
                }
            }
        }
    }
}
