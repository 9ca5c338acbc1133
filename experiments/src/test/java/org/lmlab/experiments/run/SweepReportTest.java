package org.lmlab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.config.Json;

class SweepReportTest {

    private static void metrics(Path point, String model, double accuracy) throws IOException {
        Path dir = Files.createDirectories(point.resolve("eval").resolve(model));
        Files.writeString(dir.resolve("metrics.json"), "{\"format\":1,\"tasks\":{\"blimp\":{\"metrics\":[{\"name\":\"accuracy\","
                + "\"value\":" + accuracy + ",\"higher_is_better\":true}]}}}");
    }

    @Test
    void pointsThatDifferOnlyInSeedAreSummarisedByMeanAndBetweenRunSpread(@TempDir Path sweep) throws IOException {
        List<SweepReport.Point> points = new ArrayList<>();
        double[][] accuracy = {{0.60, 0.64, 0.68}, {0.50, 0.50, 0.53}};
        String[] attention = {"multi-head", "grouped-query"};
        for (int a = 0; a < 2; a++) {
            for (int seed = 1; seed <= 3; seed++) {
                String label = "attention=" + attention[a] + ",seed=" + seed;
                Path folder = sweep.resolve("points").resolve(label);
                metrics(folder, "gpt", accuracy[a][seed - 1]);
                points.add(new SweepReport.Point(label, folder));
            }
        }
        SweepReport.write("ablation", points, sweep);
        JsonNode report = Json.readTree(Json.MAPPER, sweep.resolve("report.json"));
        String text = report.toString();
        // multi-head: mean 0.64, sd 0.04; grouped-query: mean 0.51, sd sqrt(((0.01)^2*2 + 0.02^2)/2) = 0.017320508.
        assertTrue(text.contains("attention=multi-head"), text);
        JsonNode summary = report.at("/sections/0/blocks/1/rows");
        assertEquals(2, summary.size(), summary.toString());
        JsonNode groupedQuery = summary.get(0);
        JsonNode multiHead = summary.get(1);
        assertEquals("attention=grouped-query", groupedQuery.get(2).asText());
        assertEquals(3, groupedQuery.get(3).asInt());
        assertEquals(0.51, groupedQuery.get(4).asDouble(), 1e-12);
        assertEquals(Math.sqrt(0.0006 / 2), groupedQuery.get(5).asDouble(), 1e-4);
        assertEquals(0.64, multiHead.get(4).asDouble(), 1e-12);
        assertEquals(0.04, multiHead.get(5).asDouble(), 1e-4);
        assertEquals("attention=grouped-query", SweepReport.group("attention=grouped-query,seed=3"));
        assertEquals("", SweepReport.group("seed=2"));
        byte[] once = Files.readAllBytes(sweep.resolve("report.md"));
        SweepReport.write("ablation", points, sweep);
        assertArrayEquals(once, Files.readAllBytes(sweep.resolve("report.md")), "same bytes on regeneration");
    }
}
