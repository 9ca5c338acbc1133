package org.lmlab.eval.report.doc;

import java.util.List;

/**
 * A report as data: a title, the run kind it describes and its sections. The Markdown, HTML and
 * JSON renderers all draw the same document, so the three files never disagree.
 */
public record Report(String title, String kind, List<Section> sections) {

    public Report {
        sections = List.copyOf(sections);
    }
}
