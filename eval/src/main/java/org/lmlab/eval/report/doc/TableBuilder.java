package org.lmlab.eval.report.doc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds a {@link Block.Table} row by row. */
public final class TableBuilder {

    private final String caption;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    public TableBuilder(String caption, List<String> columns) {
        this.caption = caption;
        this.columns = List.copyOf(columns);
    }

    public TableBuilder(String caption, String... columns) {
        this(caption, List.of(columns));
    }

    /** Adds a row of cells (strings, numbers, links or nulls). */
    public TableBuilder row(Object... cells) {
        rows.add(Arrays.asList(cells));
        return this;
    }

    /** Adds a row given as a list. */
    public TableBuilder row(List<Object> cells) {
        rows.add(new ArrayList<>(cells));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public Block.Table build() {
        return new Block.Table(caption, columns, rows);
    }
}
