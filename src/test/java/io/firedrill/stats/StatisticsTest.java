package io.firedrill.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Tallies and quantile sketches: exact merges, and quantiles within the configured accuracy. */
class StatisticsTest {
  @Test
  void tally_mergedInPieces_equalsTheWholeAndTheTextbookFormulas() {
    double[] x = new double[1000];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 3 == 0 ? 0 : rng.nextDouble() * 100;
    }
    Tally whole = new Tally();
    Tally a = new Tally();
    Tally b = new Tally();
    long zeros = 0;
    for (int i = 0; i < x.length; i++) {
      whole.add(x[i]);
      if (x[i] == 0) {
        zeros++;
      } else if (i < 600) {
        a.add(x[i]);
      } else {
        b.add(x[i]);
      }
    }
    a.merge(b);
    a.addZeros(zeros);
    double mean = Arrays.stream(x).average().orElseThrow();
    double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
    assertEquals(x.length, a.count());
    assertEquals(mean, a.mean(), 1e-12 * mean);
    assertEquals(var, a.variance(), 1e-9 * var);
    assertEquals(whole.variance(), a.variance(), 1e-9 * var);
    double[] ci = a.interval95(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertEquals(Math.sqrt(var / x.length) * Tally.Z95, ci[1] - a.mean(), 1e-9);
    assertEquals(Math.sqrt(var / x.length) * Tally.Z95, a.mean() - ci[0], 1e-9);
  }

  @Test
  void histogram_quantiles_areWithinTheConfiguredRelativeAccuracy() {
    // Sorted exact data: the sketch's q-quantile must be within ACCURACY (relative) of the
    // exact lower nearest-rank quantile x[floor(q (n - 1))].
    int n = 100_000;
    double[] x = new double[n];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
    LogHistogram h = new LogHistogram();
    for (int i = 0; i < n; i++) {
      x[i] = i < 20_000 ? 0 : Math.exp(rng.nextDouble() * 30 - 15);
      h.add(x[i]);
    }
    Arrays.sort(x);
    for (double q : new double[] {0, 0.1, 0.5, 0.9, 0.99, 0.999, 1}) {
      double exact = x[(int) Math.floor(q * (n - 1))];
      double tolerance = exact * LogHistogram.ACCURACY;
      assertEquals(exact, h.quantile(q), tolerance, "q = " + q);
    }
    assertEquals(x[n - 1], h.max());
    assertEquals(0, h.min());
  }

  @Test
  void histogram_mergeOfParts_equalsOneSketchOfEverything() {
    LogHistogram all = new LogHistogram();
    LogHistogram a = new LogHistogram();
    LogHistogram b = new LogHistogram();
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
    for (int i = 0; i < 10_000; i++) {
      double v = i % 7 == 0 ? 0 : Math.exp(rng.nextDouble() * 40 - 20);
      all.add(v);
      (i % 2 == 0 ? a : b).add(v);
    }
    a.merge(b);
    for (double q = 0; q <= 1; q += 0.01) {
      assertEquals(all.quantile(q), a.quantile(q), 0.0, "q = " + q);
    }
    assertEquals(all.count(), a.count());
  }

  @Test
  void histogram_memory_spansOnlyTheValuesSeen() {
    // 128 buckets per octave: [1, 1e6] spans 2,549 buckets; slack at most doubles that.
    LogHistogram narrow = new LogHistogram();
    for (double v = 1; v <= 1e6; v *= 1.01) {
      narrow.add(v);
    }
    assertTrue(narrow.bucketCapacity() <= 2 * 2549, "buckets: " + narrow.bucketCapacity());
    // Every positive double from the smallest subnormal to the largest finite: never more than
    // one bucket per index, 262,016 (2 MiB), however many values.
    LogHistogram wide = new LogHistogram();
    wide.add(Double.MIN_VALUE);
    wide.add(Double.MAX_VALUE);
    for (double v = 1e-300; v < 1e300; v *= 1.5) {
      wide.add(v);
    }
    assertEquals(LogHistogram.MAX_INDEX + 1, wide.bucketCapacity());
    assertEquals(262_016, LogHistogram.MAX_INDEX + 1);
  }

  @Test
  void histogram_valuesFrom1eMinus300To1e300_quantilesWithinTheRelativeAccuracy() {
    // Log-uniform over 600 decades, plus zeros: beyond the old clamp [2^-30, 2^60] at both ends.
    // Each quantile must be within ACCURACY (relative) of the exact sample quantile of its rank.
    long seed = 11L;
    int n = 200_000;
    double[] x = new double[n];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    LogHistogram h = new LogHistogram();
    for (int i = 0; i < n; i++) {
      x[i] = i % 10 == 0 ? 0 : Math.pow(10, rng.nextDouble() * 600 - 300);
      h.add(x[i]);
    }
    Arrays.sort(x);
    for (double q : new double[] {0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 0.9999, 1}) {
      double exact = x[(int) Math.floor(q * (n - 1))];
      assertEquals(
          exact, h.quantile(q), exact * LogHistogram.ACCURACY, "q = " + q + ", seed " + seed);
    }
    assertEquals(x[n - 1], h.max());
    assertEquals(x[n / 10], h.minPositive(), 0.0);
  }

  @Test
  void histogram_extremeDoubles_haveTheirOwnBuckets() {
    LogHistogram h = new LogHistogram();
    h.add(Double.MAX_VALUE);
    h.add(Double.MIN_NORMAL);
    h.add(Double.MIN_VALUE);
    h.add(3e-310); // subnormal: located to within 2^-1030 absolute
    assertEquals(Double.MIN_VALUE, h.quantile(0), 0.0);
    assertEquals(3e-310, h.quantile(1.0 / 3), 0x1.0p-1030);
    assertEquals(Double.MIN_NORMAL, h.quantile(2.0 / 3), Double.MIN_NORMAL * LogHistogram.ACCURACY);
    assertEquals(Double.MAX_VALUE, h.quantile(1), 0.0);
    assertEquals(4, h.countAtMost(Double.MAX_VALUE));
    assertEquals(2, h.countAtMost(1e-308));
  }

  @Test
  void histogram_nonFiniteValue_isRefusedWithTheValue() {
    LogHistogram h = new LogHistogram();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> h.add(Double.POSITIVE_INFINITY));
    assertEquals("value is not finite: Infinity", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> h.add(Double.NaN));
    assertEquals(0, h.count());
  }

  @Test
  void histogram_mergesOverTheWholeRange_inAnyOrder_equalOneSketch() {
    LogHistogram all = new LogHistogram();
    LogHistogram[] parts = {new LogHistogram(), new LogHistogram(), new LogHistogram()};
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
    for (int i = 0; i < 30_000; i++) {
      double v =
          i % 5 == 0 ? 0 : i % 7 == 0 ? 1e-310 * i : Math.pow(10, rng.nextDouble() * 600 - 300);
      all.add(v);
      parts[i % 3].add(v);
    }
    LogHistogram abc = new LogHistogram();
    abc.merge(parts[0]);
    abc.merge(parts[1]);
    abc.merge(parts[2]);
    LogHistogram cba = new LogHistogram();
    cba.merge(parts[2]);
    cba.merge(parts[1]);
    cba.merge(parts[0]);
    for (double q = 0; q <= 1; q += 0.005) {
      assertEquals(all.quantile(q), abc.quantile(q), 0.0, "q = " + q);
      assertEquals(all.quantile(q), cba.quantile(q), 0.0, "q = " + q);
    }
    assertEquals(all.minPositive(), cba.minPositive(), 0.0);
  }

  @Test
  void meanInterval_issueExample_normalTruncatedAtZero() {
    // One site, fault rate 0.1/y, outage fixed(1h), 10 trials, seed 1: one trial has 1 h of
    // downtime, nine have none. Mean 0.1, SE = sqrt(0.1 / 10) = 0.1: the normal interval
    // [-0.096, 0.296] is truncated to the range of downtime, [0, H].
    MetricStats down = new MetricStats(Metric.DOWNTIME_H, 8760);
    down.add(1);
    down.addZeros(9);
    down.flush();
    double[] ci = down.interval95();
    assertEquals(0.0, ci[0], 0.0);
    assertEquals(0.2959963984540054, ci[1], 1e-15);
  }

  @Test
  void meanInterval_nearTheHorizon_truncatedAtTheHorizon() {
    // Downtime 10 h and 9 h of a 10 h horizon: 9.5 ± 1.96 × 0.5 = [8.52, 10.48], cut at 10.
    MetricStats down = new MetricStats(Metric.DOWNTIME_H, 10);
    down.add(10);
    down.add(9);
    down.flush();
    double[] ci = down.interval95();
    assertEquals(9.5 - 0.5 * Tally.Z95, ci[0], 1e-12);
    assertEquals(10.0, ci[1], 0.0);
  }

  @Test
  void everyInterval_oneTrial_isUndefined() {
    for (Metric m : Metric.values()) {
      MetricStats ms = new MetricStats(m, m.highest(8760));
      ms.add(1);
      ms.flush();
      assertTrue(Double.isNaN(ms.interval95()[0]) && Double.isNaN(ms.interval95()[1]), m.name());
      assertTrue(Double.isNaN(ms.quantileInterval(0.99)[1]), m.name());
      for (String stat : MetricStats.STATISTICS) {
        assertTrue(Double.isNaN(ms.statisticInterval(stat)[0]), m.name() + " " + stat);
      }
    }
    assertTrue(Double.isNaN(Tally.wilson(0, 1)[0]));
    Tally one = new Tally();
    one.add(-3);
    assertTrue(Double.isNaN(one.interval95(-1e9, 1e9)[1]));
  }

  @Test
  void pairedDifferenceInterval_mayBeNegative() {
    Tally d = new Tally();
    for (double v : new double[] {-1, 1, -1, 1}) {
      d.add(v);
    }
    // Mean 0, variance 4/3, SE = sqrt(1/3): ± 1.96 × 0.57735 = ± 1.1316.
    double[] ci = d.interval95(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertEquals(-1.1315857340761717, ci[0], 1e-12);
    assertEquals(1.1315857340761717, ci[1], 1e-12);
  }

  @Test
  void proportions_getWilsonIntervals_fromTheExactCountOfOnes() {
    // Ten trials, all 1: a normal interval collapses to [1, 1]; Wilson's is [0.72247, 1]. The
    // count of ones is exact (the sketch's zero count), not rounded from the mean.
    for (Metric m : new Metric[] {Metric.RECOVERED, Metric.RTO_BREACH, Metric.AFFECTED}) {
      MetricStats ms = new MetricStats(m, 1);
      for (int i = 0; i < 10; i++) {
        ms.add(1);
      }
      ms.flush();
      double[] ci = ms.interval95();
      assertEquals(0.7224672001371107, ci[0], 1e-15, m.csvName());
      assertEquals(1.0, ci[1], 0.0, m.csvName());
    }
    MetricStats hours = new MetricStats(Metric.DOWNTIME_H, 8760);
    hours.add(0);
    hours.add(3);
    hours.flush();
    // Mean 1.5, SE 1.5: 1.5 ± 2.94 is cut at 0 below.
    assertEquals(0.0, hours.interval95()[0], 0.0);
    assertEquals(1.5 + 1.5 * Tally.Z95, hours.interval95()[1], 1e-12);
  }
}
