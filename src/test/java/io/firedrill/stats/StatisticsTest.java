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
    assertEquals(Math.sqrt(var / x.length) * Tally.Z95, a.ci95High() - a.mean(), 1e-9);
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
  void proportions_getWilsonIntervals_otherMetricsNormalOnes() {
    // Ten trials, all recovered: a normal interval collapses to [1, 1]; Wilson's does not.
    for (Metric m : new Metric[] {Metric.RECOVERED, Metric.RTO_BREACH}) {
      MetricStats ms = new MetricStats(m);
      for (int i = 0; i < 10; i++) {
        ms.add(1);
      }
      ms.flush();
      double[] ci = ms.interval95();
      assertEquals(Tally.wilson(10, 10)[0], ci[0], 0.0, m.csvName());
      assertTrue(ci[0] < 0.8 && ci[1] == 1, m.csvName() + " " + ci[0]);
    }
    MetricStats hours = new MetricStats(Metric.DOWNTIME_H);
    hours.add(1);
    hours.add(3);
    hours.flush();
    assertEquals(hours.tally().ci95Low(), hours.interval95()[0], 0.0);
  }
}
