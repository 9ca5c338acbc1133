package org.lmlab.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void mcNemarOnATextbookTableIsTwiceTheBinomialTail() {
        // 1 vs 9 discordant pairs: 2 * P(X <= 1), X ~ Binomial(10, 1/2) = 2 * 11 / 1024.
        assertEquals(22.0 / 1024, McNemar.exactP(1, 9), 1e-15);
        assertEquals(22.0 / 1024, McNemar.exactP(9, 1), 1e-15);
        assertEquals(1.0, McNemar.exactP(5, 5), 1e-15);
        assertEquals(1.0, McNemar.exactP(0, 0));
        boolean[] a = {true, true, false, true, false};
        boolean[] b = {false, true, false, false, false};
        assertEquals(McNemar.exactP(2, 0), McNemar.exactP(a, b));
        assertEquals(0.5, McNemar.exactP(2, 0), 1e-15);
    }

    @Test
    void theBootstrapIntervalOfAConstantIsAPoint() {
        double[] constant = new double[40];
        java.util.Arrays.fill(constant, 0.75);
        Interval interval = Bootstrap.meanInterval(constant, 1000, 7, 0.95);
        assertTrue(interval.isPoint());
        assertEquals(0.75, interval.low());
        List<Double> items = Collections.nCopies(30, 2.5);
        Interval general = Bootstrap.interval(items, list -> list.stream().mapToDouble(Double::doubleValue).sum() / list.size(),
                200, 3, 0.95);
        assertEquals(2.5, general.low());
        assertEquals(2.5, general.high());
    }

    @Test
    void theBootstrapIsSeededAndCoversTheMean() {
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 4 == 0 ? 0 : 1;
        }
        Interval first = Bootstrap.meanInterval(values, 1000, 42, 0.95);
        assertEquals(first, Bootstrap.meanInterval(values, 1000, 42, 0.95));
        assertTrue(first.low() < 0.75 && 0.75 < first.high(), first.toString());
        // The bootstrap interval of a proportion is close to the normal one: 0.75 +- 1.96 * sqrt(0.75 * 0.25 / 100).
        Interval normal = NormalInterval.forProportion(75, 100, 0.95);
        assertEquals(0.75 - 0.0848689, normal.low(), 1e-6);
        assertEquals(0.75 + 0.0848689, normal.high(), 1e-6);
        assertEquals(normal.low(), first.low(), 0.03);
        assertEquals(normal.high(), first.high(), 0.03);
    }

    @Test
    void resamplesWhereTheStatisticIsUndefinedAreLeftOut() {
        // A ratio over items (numerator, denominator): a resample of only (1, 0) items is undefined.
        List<double[]> items = List.of(new double[] {1, 0}, new double[] {2, 4}, new double[] {1, 0});
        Interval interval = Bootstrap.interval(items, sample -> {
            double top = 0;
            double bottom = 0;
            for (double[] item : sample) {
                top += item[0];
                bottom += item[1];
            }
            return bottom == 0 ? Double.NaN : top / bottom;
        }, 500, 11, 0.95);
        assertTrue(!Double.isNaN(interval.low()) && !Double.isNaN(interval.high()), interval.toString());
        assertTrue(interval.low() >= 0.5 && interval.high() <= 1.0, interval.toString());
        Interval undefined = Bootstrap.interval(List.of(new double[] {1, 0}), sample -> Double.NaN, 10, 1, 0.95);
        assertTrue(Double.isNaN(undefined.low()));
    }

    @Test
    void quantilesInterpolateBetweenRanks() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1, Bootstrap.quantile(sorted, 0));
        assertEquals(3, Bootstrap.quantile(sorted, 0.5));
        assertEquals(1.1, Bootstrap.quantile(sorted, 0.025), 1e-12);
        assertEquals(5, Bootstrap.quantile(sorted, 1));
    }

    @Test
    void theNormalIntervalIsClippedToTheUnitRange() {
        Interval all = NormalInterval.forProportion(10, 10, 0.95);
        assertEquals(1.0, all.low());
        assertEquals(1.0, all.high());
    }

    @Test
    void signedRankExactOnFivePositiveDifferences() {
        // W- = 0 of n = 5: P(W <= 0) = 1/32, two-sided 2/32.
        assertEquals(0.0625, SignedRank.pValue(new double[] {2, 3, 4, 5, 6}, new double[] {1, 1, 1, 1, 1}), 1e-12);
        assertEquals(1.0, SignedRank.pValue(new double[] {1, 2}, new double[] {1, 2}));
    }

    @Test
    void pairedBootstrapSeesNoDifferenceBetweenEqualRunsAndAClearOneOtherwise() {
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            a.add(1.0);
            b.add(0.0);
        }
        java.util.function.ToDoubleFunction<List<Double>> mean = list -> list.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        assertEquals(1.0, PairedBootstrap.pValue(a, a, mean, 500, 1));
        assertEquals(1.0 / 501, PairedBootstrap.pValue(a, b, mean, 500, 1), 1e-15);
    }
}
