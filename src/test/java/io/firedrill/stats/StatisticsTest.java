package io.firedrill.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  void histogram_memory_staysBoundedWhateverTheValues() {
    LogHistogram h = new LogHistogram();
    for (double v = 1e-300; v < 1e300; v *= 1.5) {
      h.add(v);
    }
    // Clamped to [2^-30, 2^60] with 128 buckets per octave: at most 90 * 128 + 1 buckets,
    // however many values and however far apart.
    assertTrue(h.bucketCapacity() <= 90 * 128 + 1, "buckets: " + h.bucketCapacity());
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
