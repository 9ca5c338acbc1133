package org.lmlab.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.layers.config.Json;

/** Reads a written report.json back for assertions: sections, tables and their rows. */
record ReportJson(JsonNode root) {

    static ReportJson read(Path dir) throws IOException {
        return new ReportJson(Json.readTree(Json.MAPPER, dir.resolve("report.json")));
    }

    JsonNode section(String title) {
        for (JsonNode section : root.get("sections")) {
            if (section.get("title").asText().equals(title)) {
                return section;
            }
        }
        throw new AssertionError("no section '" + title + "' in " + titles());
    }

    List<String> titles() {
        List<String> titles = new ArrayList<>();
        root.get("sections").forEach(s -> titles.add(s.get("title").asText()));
        return titles;
    }

    /** The n-th table of a section. */
    JsonNode table(String section, int index) {
        int seen = 0;
        for (JsonNode block : section(section).get("blocks")) {
            if (block.get("type").asText().equals("table") && seen++ == index) {
                return block;
            }
        }
        throw new AssertionError("section '" + section + "' has no table " + index);
    }

    /** The table of a section with this caption. */
    JsonNode table(String section, String caption) {
        for (JsonNode block : section(section).get("blocks")) {
            if (block.get("type").asText().equals("table") && block.get("caption").asText().equals(caption)) {
                return block;
            }
        }
        throw new AssertionError("section '" + section + "' has no table '" + caption + "'");
    }

    /** The first row of a table whose cells start with these texts. */
    static JsonNode row(JsonNode table, String... first) {
        for (JsonNode row : table.get("rows")) {
            boolean match = true;
            for (int i = 0; i < first.length; i++) {
                match &= row.get(i).asText().equals(first[i]);
            }
            if (match) {
                return row;
            }
        }
        throw new AssertionError("no row starting " + String.join(", ", first) + " in " + table);
    }

    /** The column index of a table's column. */
    static int column(JsonNode table, String name) {
        for (int i = 0; i < table.get("columns").size(); i++) {
            if (table.get("columns").get(i).asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column '" + name + "' in " + table.get("columns"));
    }

    /** The texts of every block of a section, joined (paragraphs, bullets, code). */
    String text(String section) {
        StringBuilder out = new StringBuilder();
        for (JsonNode block : section(section).get("blocks")) {
            if (block.has("text")) {
                out.append(block.get("text").asText()).append('\n');
            }
            if (block.has("lines")) {
                block.get("lines").forEach(l -> out.append(l.asText()).append('\n'));
            }
        }
        return out.toString();
    }
}
