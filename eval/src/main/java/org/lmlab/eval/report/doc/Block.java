package org.lmlab.eval.report.doc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One piece of a section: text, a table, a plot, a preformatted text or a list. */
public sealed interface Block {

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {
    }

    /** A bulleted list of plain-text lines (notes). */
    record Bullets(List<String> lines) implements Block {
        public Bullets {
            lines = List.copyOf(lines);
        }
    }

    /** Preformatted text (a resolved config), with a caption. */
    record Code(String caption, String text) implements Block {
    }

    /**
     * A table: a caption, column names and rows of cells. A cell is a {@link String}, a
     * {@link Number} (formatted by the renderers with fixed rules), a {@link Link} or {@code null}
     * (shown as a dash).
     */
    record Table(String caption, List<String> columns, List<List<Object>> rows) implements Block {
        public Table {
            columns = List.copyOf(columns);
            List<List<Object>> copied = new ArrayList<>();
            for (List<Object> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("table '" + caption + "': a row has " + row.size()
                            + " cells for " + columns.size() + " columns");
                }
                copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
            }
            rows = List.copyOf(copied);
        }
    }

    /** A PNG plot: its file name (without extension) under the report's plot folder, a caption and the image. */
    record Plot(String name, String caption, byte[] png) implements Block {
    }

    /** A link to another file, as a table cell or a paragraph. */
    record Link(String text, String href) implements Block {
    }
}
