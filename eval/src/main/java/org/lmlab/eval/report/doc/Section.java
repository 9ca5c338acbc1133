package org.lmlab.eval.report.doc;

import java.util.List;

/** A titled part of a report (headline, a task, plots, provenance), made of blocks in order. */
public record Section(String title, List<Block> blocks) {

    public Section {
        blocks = List.copyOf(blocks);
    }
}
