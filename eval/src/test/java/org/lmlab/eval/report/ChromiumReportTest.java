package org.lmlab.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated report.html rendered by headless Chromium: every image decodes (naturalWidth &gt; 0)
 * and the tables exist. A small script appended to a copy writes the verdict into the DOM, which
 * {@code --dump-dom} prints. On CI ({@code CI=true}) a missing Chromium fails the test; elsewhere it is skipped.
 */
class ChromiumReportTest {

    private static final String CHECK = """
            <script>
            window.addEventListener('load', function () {
              var images = document.images, broken = 0;
              for (var i = 0; i < images.length; i++) {
                if (!(images[i].complete && images[i].naturalWidth > 0)) { broken++; }
              }
              var verdict = document.createElement('div');
              verdict.id = 'verdict';
              verdict.textContent = 'VERDICT images=' + images.length + ' broken=' + broken
                  + ' tables=' + document.querySelectorAll('table').length;
              document.body.appendChild(verdict);
            });
            </script>
            """;

    @TempDir
    Path temp;

    @Test
    void everyPlotLoadsAndEveryTableRendersInHeadlessChromium() throws IOException, InterruptedException {
        Optional<Path> chromium = chromium();
        if (chromium.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("Chromium is not installed (chromium or chromium-browser on PATH); CI must have it (.ci/run installs it)");
            }
            Assumptions.abort("Chromium is not installed; skipped outside CI");
        }
        Path training = RunFixtures.training(temp.resolve("pretrain"), 4e-4, true);
        Path run = RunFixtures.causalEval(temp.resolve("eval"), training.resolve("model").toString(),
                new int[] {1, 1, 0, 1, 0, 0}, new double[] {20, 40, 60, 80});
        String html = Files.readString(ReportWriter.write(run), StandardCharsets.UTF_8);
        int images = count(html, "<img ");
        int tables = count(html, "<table>");
        assertTrue(images >= 1 && tables >= 5, images + " images, " + tables + " tables");
        Path page = temp.resolve("check.html");
        Files.writeString(page, html.replace("</body>", CHECK + "</body>"), StandardCharsets.UTF_8);

        Process process = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + temp.resolve("profile"), "--virtual-time-budget=10000",
                "--dump-dom", page.toUri().toString())
                .redirectError(temp.resolve("chromium.log").toFile())
                .start();
        byte[] dom = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        String text = new String(dom, StandardCharsets.UTF_8);
        Matcher verdict = Pattern.compile("VERDICT images=(\\d+) broken=(\\d+) tables=(\\d+)").matcher(text);
        assertTrue(verdict.find(), "no verdict in the DOM; chromium said: " + Files.readString(temp.resolve("chromium.log")));
        assertEquals(List.of(images, 0, tables), List.of(Integer.parseInt(verdict.group(1)), Integer.parseInt(verdict.group(2)),
                Integer.parseInt(verdict.group(3))));
    }

    static Optional<Path> chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
