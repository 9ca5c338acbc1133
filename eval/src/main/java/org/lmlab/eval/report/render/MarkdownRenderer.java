package org.lmlab.eval.report.render;

import java.util.List;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;

/** Renders a {@link Report} as GitHub-flavoured Markdown; plots are images in the plot folder. */
public final class MarkdownRenderer {

    private final String plotFolder;

    /** @param plotFolder the folder, relative to the report, holding {@code NAME.png} for each plot */
    public MarkdownRenderer(String plotFolder) {
        this.plotFolder = plotFolder;
    }

    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(report.title()).append("\n\n");
        for (Section section : report.sections()) {
            out.append("## ").append(section.title()).append("\n\n");
            for (Block block : section.blocks()) {
                block(out, block);
                out.append('\n');
            }
        }
        return out.toString();
    }

    private void block(StringBuilder out, Block block) {
        if (block instanceof Block.Paragraph p) {
            out.append(p.text()).append('\n');
        } else if (block instanceof Block.Bullets b) {
            b.lines().forEach(line -> out.append("- ").append(line).append('\n'));
        } else if (block instanceof Block.Code c) {
            if (!c.caption().isEmpty()) {
                out.append(c.caption()).append(":\n\n");
            }
            String fence = c.text().contains("```") ? "~~~~" : "```";
            out.append(fence).append('\n').append(c.text());
            if (!c.text().endsWith("\n")) {
                out.append('\n');
            }
            out.append(fence).append('\n');
        } else if (block instanceof Block.Table t) {
            table(out, t);
        } else if (block instanceof Block.Plot p) {
            out.append("![").append(p.caption()).append("](").append(plotFolder).append('/')
                    .append(p.name()).append(".png)\n");
        } else if (block instanceof Block.Link l) {
            out.append('[').append(l.text()).append("](").append(l.href()).append(")\n");
        }
    }

    private static void table(StringBuilder out, Block.Table table) {
        if (!table.caption().isEmpty()) {
            out.append("**").append(table.caption()).append("**\n\n");
        }
        out.append('|');
        table.columns().forEach(c -> out.append(' ').append(escape(c)).append(" |"));
        out.append("\n|");
        table.columns().forEach(c -> out.append("---|"));
        out.append('\n');
        for (List<Object> row : table.rows()) {
            out.append('|');
            for (Object cell : row) {
                String text = cell instanceof Block.Link link
                        ? "[" + escape(link.text()) + "](" + link.href() + ")"
                        : escape(Formats.cell(cell));
                out.append(' ').append(text).append(" |");
            }
            out.append('\n');
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>");
    }
}
