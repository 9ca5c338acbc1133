package org.lmlab.eval.report.render;

import java.util.Base64;
import java.util.List;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;

/**
 * Renders a {@link Report} as one self-contained HTML file: inline CSS, plots as PNG data URIs,
 * no scripts and no external resources, so the file can be mailed or archived on its own.
 */
public final class HtmlRenderer {

    private static final String STYLE = """
            body{font-family:"DejaVu Sans",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}
            h1{font-size:1.6em;border-bottom:2px solid #444}
            h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #bbb}
            table{border-collapse:collapse;margin:0.6em 0 1.2em 0;font-size:0.9em}
            caption{text-align:left;font-weight:bold;padding:0.3em 0}
            th,td{border:1px solid #ccc;padding:0.25em 0.6em;vertical-align:top}
            th{background:#f0f0f0;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            pre{background:#f7f7f7;border:1px solid #ddd;padding:0.6em;overflow-x:auto;font-size:0.85em}
            figure{margin:1em 0}
            figcaption{font-size:0.9em;color:#555}
            img{max-width:100%;height:auto}
            """;

    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(report.title())).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(escape(report.title())).append("</h1>\n");
        for (Section section : report.sections()) {
            out.append("<section>\n<h2>").append(escape(section.title())).append("</h2>\n");
            for (Block block : section.blocks()) {
                block(out, block);
            }
            out.append("</section>\n");
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void block(StringBuilder out, Block block) {
        if (block instanceof Block.Paragraph p) {
            out.append("<p>").append(escape(p.text())).append("</p>\n");
        } else if (block instanceof Block.Bullets b) {
            out.append("<ul>\n");
            b.lines().forEach(line -> out.append("<li>").append(escape(line)).append("</li>\n"));
            out.append("</ul>\n");
        } else if (block instanceof Block.Code c) {
            if (!c.caption().isEmpty()) {
                out.append("<p>").append(escape(c.caption())).append(":</p>\n");
            }
            out.append("<pre>").append(escape(c.text())).append("</pre>\n");
        } else if (block instanceof Block.Table t) {
            table(out, t);
        } else if (block instanceof Block.Plot p) {
            out.append("<figure><img alt=\"").append(escape(p.caption()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(p.png()))
                    .append("\"><figcaption>").append(escape(p.caption())).append("</figcaption></figure>\n");
        } else if (block instanceof Block.Link l) {
            out.append("<p><a href=\"").append(escape(l.href())).append("\">")
                    .append(escape(l.text())).append("</a></p>\n");
        }
    }

    private static void table(StringBuilder out, Block.Table table) {
        out.append("<table>\n");
        if (!table.caption().isEmpty()) {
            out.append("<caption>").append(escape(table.caption())).append("</caption>\n");
        }
        out.append("<thead><tr>");
        table.columns().forEach(c -> out.append("<th>").append(escape(c)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : table.rows()) {
            out.append("<tr>");
            for (Object cell : row) {
                if (cell instanceof Block.Link link) {
                    out.append("<td><a href=\"").append(escape(link.href())).append("\">").append(escape(link.text()))
                            .append("</a></td>");
                } else {
                    out.append(cell instanceof Number ? "<td class=\"num\">" : "<td>")
                            .append(escape(Formats.cell(cell))).append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
