package org.lmlab.eval.report.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;
import org.lmlab.layers.config.Json;

/**
 * Renders a {@link Report} as data ({@code report.json}): the same sections and tables with
 * numbers as numbers (non-finite ones as {@code null}), plots as their file names.
 */
public final class JsonRenderer {

    /** The report.json format. */
    public static final int FORMAT = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String plotFolder;

    public JsonRenderer(String plotFolder) {
        this.plotFolder = plotFolder;
    }

    public byte[] render(Report report) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("title", report.title());
        root.put("kind", report.kind());
        ArrayNode sections = root.putArray("sections");
        for (Section section : report.sections()) {
            ObjectNode s = sections.addObject();
            s.put("title", section.title());
            ArrayNode blocks = s.putArray("blocks");
            section.blocks().forEach(block -> block(blocks.addObject(), block));
        }
        return Json.bytes(Json.MAPPER, root);
    }

    private void block(ObjectNode node, Block block) {
        if (block instanceof Block.Paragraph p) {
            node.put("type", "paragraph").put("text", p.text());
        } else if (block instanceof Block.Bullets b) {
            node.put("type", "bullets");
            ArrayNode lines = node.putArray("lines");
            b.lines().forEach(lines::add);
        } else if (block instanceof Block.Code c) {
            node.put("type", "code").put("caption", c.caption()).put("text", c.text());
        } else if (block instanceof Block.Table t) {
            node.put("type", "table").put("caption", t.caption());
            ArrayNode columns = node.putArray("columns");
            t.columns().forEach(columns::add);
            ArrayNode rows = node.putArray("rows");
            for (List<Object> row : t.rows()) {
                ArrayNode r = rows.addArray();
                row.forEach(cell -> cell(r, cell));
            }
        } else if (block instanceof Block.Plot p) {
            node.put("type", "plot").put("caption", p.caption())
                    .put("file", plotFolder + "/" + p.name() + ".png");
        } else if (block instanceof Block.Link l) {
            node.put("type", "link").put("text", l.text()).put("href", l.href());
        }
    }

    private static void cell(ArrayNode row, Object cell) {
        if (cell == null) {
            row.addNull();
        } else if (cell instanceof Double || cell instanceof Float) {
            double v = ((Number) cell).doubleValue();
            if (Double.isFinite(v)) {
                row.add(v);
            } else {
                row.addNull();
            }
        } else if (cell instanceof Number n) {
            row.add(n.longValue());
        } else if (cell instanceof Block.Link link) {
            row.addObject().put("text", link.text()).put("href", link.href());
        } else {
            row.add(cell.toString());
        }
    }
}
