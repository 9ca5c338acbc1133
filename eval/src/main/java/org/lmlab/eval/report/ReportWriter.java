package org.lmlab.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;
import org.lmlab.eval.report.kinds.RunKinds;
import org.lmlab.eval.report.render.HtmlRenderer;
import org.lmlab.eval.report.render.JsonRenderer;
import org.lmlab.eval.report.render.MarkdownRenderer;

/**
 * {@code lmlab report RUN_DIR}: (re)writes a run's {@code report.md}, {@code report.html}
 * (self-contained) and {@code report.json}, and the plots as {@value #PLOTS}{@code /NAME.png}
 * for the Markdown. It writes nothing else: the same run gives the same bytes again.
 */
public final class ReportWriter {

    /** The folder of the report's plot files, next to report.md. */
    public static final String PLOTS = "report-plots";

    private ReportWriter() {
    }

    /** Reports the run in {@code run} (any kind) into that directory; returns the path of report.html. */
    public static Path write(Path run) throws IOException {
        Report report = RunKinds.detect(run).report(run);
        return write(report, run);
    }

    /** Writes a built report into {@code dir}; returns the path of report.html. */
    public static Path write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path plots = dir.resolve(PLOTS);
        if (Files.isDirectory(plots)) {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(plots, "*.png")) {
                for (Path png : old) {
                    Files.delete(png);
                }
            }
        }
        for (Section section : report.sections()) {
            for (Block block : section.blocks()) {
                if (block instanceof Block.Plot plot) {
                    Files.createDirectories(plots);
                    Files.write(plots.resolve(plot.name() + ".png"), plot.png());
                }
            }
        }
        Files.writeString(dir.resolve("report.md"), new MarkdownRenderer(PLOTS).render(report), StandardCharsets.UTF_8);
        Path html = dir.resolve("report.html");
        Files.writeString(html, new HtmlRenderer().render(report), StandardCharsets.UTF_8);
        Files.write(dir.resolve("report.json"), new JsonRenderer(PLOTS).render(report));
        return html;
    }
}
