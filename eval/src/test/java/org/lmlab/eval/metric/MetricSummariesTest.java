package org.lmlab.eval.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lmlab.eval.task.ItemResult;

class MetricSummariesTest {

    private static ItemResult item(String id, String group, boolean correct, double nll, double tokens) {
        return new ItemResult(id, List.of(), null, null, correct, Map.of("category", group),
                Map.of("correct", correct ? 1.0 : 0.0, "nll", nll, "tokens", tokens), null);
    }

    private final List<ItemResult> items = List.of(
            item("a", "x", true, 2.0, 1), item("b", "x", false, 6.0, 3), item("c", "y", true, 4.0, 4), item("d", "y", true, 0.0, 2));

    @Test
    void metricsOnHandMadeItemsEqualHandComputedValues() {
        MetricSummaries summaries = new MetricSummaries(200, 5);
        MetricValue accuracy = summaries.summarise(MetricSpec.accuracy(), items);
        assertEquals(0.75, accuracy.value());
        assertEquals(4, accuracy.n());
        assertNotNull(accuracy.normalCi());
        MetricSpec perplexity = MetricSpec.ratio("perplexity", "nll", "tokens", Transform.EXP, false);
        MetricValue ppl = summaries.summarise(perplexity, items);
        assertEquals(Math.exp(12.0 / 10.0), ppl.value(), 1e-12);
        assertNull(ppl.normalCi());
        MetricSpec meanNll = MetricSpec.mean("nll", "nll", false);
        assertNull(summaries.summarise(meanNll, items).normalCi(), "a mean of non-0/1 values gets no normal interval");
        assertEquals(12.0 / 10.0 / Math.log(2),
                MetricSpec.ratio("bits", "nll", "tokens", Transform.NATS_TO_BITS, false).over(items), 1e-12);
    }

    @Test
    void breakdownsApplyTheMetricsPerGroupInSortedOrder() {
        Map<String, Map<String, Map<String, Double>>> byCategory =
                MetricSummaries.breakdowns(List.of("category"), List.of(MetricSpec.accuracy()), items);
        assertEquals(List.of("x", "y"), List.copyOf(byCategory.get("category").keySet()));
        assertEquals(0.5, byCategory.get("category").get("x").get("accuracy"));
        assertEquals(1.0, byCategory.get("category").get("y").get("accuracy"));
        assertEquals(2.0, byCategory.get("category").get("y").get("n"));
    }
}
