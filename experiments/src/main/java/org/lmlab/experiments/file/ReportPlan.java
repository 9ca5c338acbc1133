package org.lmlab.experiments.file;

/** The report written at the end of a run: its title (default: the experiment's name). */
public record ReportPlan(String title) {

    public ReportPlan {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title: must not be empty");
        }
    }
}
