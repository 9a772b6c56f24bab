package io.firedrill.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The weighted estimates of importance sampling (docs/simulation.md, "Importance sampling"):
 * exceedance, quantiles and their merge, the weight diagnostics, and the intervals of weighted
 * means, each against values worked out by hand.
 */
class WeightedStatsTest {
  /** Values 1, 2, 3, 4 with weights 1/8, 1/4, 1/2, 1 among 10 trials (6 zeros). */
  static LogHistogram fourValues() {
    LogHistogram h = new LogHistogram();
    h.add(1, 0.125);
    h.add(2, 0.25);
    h.add(3, 0.5);
    h.add(4, 1);
    h.addZeros(6);
    return h;
  }

  @Test
  void weightAbove_sumsTheWeightsOfLargerValues() {
    LogHistogram h = fourValues();
    assertEquals(1.875, h.weightAbove(0, false), 0);
    assertEquals(1.5, h.weightAbove(2.5, false), 0);
    assertEquals(1.0, h.weightAbove(3.5, false), 0);
    assertEquals(0, h.weightAbove(4.5, false), 0);
    // Squares: 1/64 + 1/16 + 1/4 + 1 for every positive value.
    assertEquals(1.328125, h.weightAbove(0, true), 0);
  }

  @Test
  void weightedQuantile_isWhereTheWeightedExceedanceFallsTo1MinusQ() {
    LogHistogram h = fourValues();
    // Tail weights from the top: 1 (at 4), 1.5 (3), 1.75 (2), 1.875 (1); over n = 10 trials.
    // q = 0.95: 1 − q = 0.05, level 0.5: the highest value whose tail exceeds it is 4.
    assertEquals(4, h.weightedQuantile(0.95, 10), 0);
    // q = 0.9: level 1.0; tail 1.5 at 3 is the first above it.
    assertEquals(3, h.weightedQuantile(0.9, 10), 3 * LogHistogram.ACCURACY);
    // q = 0.82: level 1.8: only the tail at 1 (1.875) exceeds it.
    assertEquals(1, h.weightedQuantile(0.82, 10), LogHistogram.ACCURACY);
    // q = 0.8: level 2, above every tail: the quantile is 0.
    assertEquals(0, h.weightedQuantile(0.8, 10), 0);
    // The weights at and above the 0.9 quantile (3 and 4): 1.5, squares 1.25.
    assertEquals(1.5, h.weightAtQuantile(0.9, 10, false), 0);
    assertEquals(1.25, h.weightAtQuantile(0.9, 10, true), 0);
  }

  @Test
  void weightedHistograms_mergeToTheSameBits_inAnyGrouping() {
    SplittableRandom r = new SplittableRandom(7);
    LogHistogram[] parts = new LogHistogram[6];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = new LogHistogram();
      for (int k = 0; k < 500; k++) {
        parts[i].add(Math.exp(4 * r.nextDouble()), Math.exp(-20 * r.nextDouble()));
      }
    }
    LogHistogram forward = new LogHistogram();
    for (LogHistogram p : parts) {
      forward.merge(p);
    }
    LogHistogram left = new LogHistogram();
    left.merge(parts[3]);
    left.merge(parts[4]);
    left.merge(parts[5]);
    LogHistogram right = new LogHistogram();
    right.merge(parts[1]);
    right.merge(parts[0]);
    right.merge(parts[2]);
    LogHistogram tree = new LogHistogram();
    tree.merge(left);
    tree.merge(right);
    for (double x : new double[] {0, 1.5, 7.25, 20, 40}) {
      assertEquals(forward.weightAbove(x, false), tree.weightAbove(x, false), 0, "at " + x);
      assertEquals(forward.weightAbove(x, true), tree.weightAbove(x, true), 0, "at " + x);
    }
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
      assertEquals(forward.weightedQuantile(q, 10_000), tree.weightedQuantile(q, 10_000), 0);
    }
  }

  @Test
  void importanceWeights_giveMeanEffectiveSampleSizeAndLargestShare() {
    ImportanceWeights w = new ImportanceWeights();
    w.add(1);
    w.add(1);
    w.add(2);
    assertEquals(4.0 / 3, w.mean(), 1e-15);
    // (Σ w)² / Σ w² = 16 / 6.
    assertEquals(16.0 / 6, w.effectiveSampleSize(), 1e-15);
    assertEquals(0.5, w.largestShare(), 0);
    // √((Σ w²/n − mean²)/(n − 1)) = √((2 − 16/9)/2) = 1/3.
    assertEquals(1.0 / 3, w.meanStandardError(), 1e-15);
    ImportanceWeights other = new ImportanceWeights();
    other.add(0.5);
    w.merge(other);
    assertEquals(4.5 / 4, w.mean(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> w.add(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> w.add(-1));
  }

  @Test
  void weightedProportion_takesTheNormalInterval_notWilsons() {
    // rto_breach of 4 trials: two breaches with weight 1/2, two trials without: the estimate
    // (1/4)(1/2 + 1/2) = 1/4; the values w x are 1/2, 1/2, 0, 0, sample variance 1/12, SE √(1/48).
    MetricStats m = new MetricStats(Metric.RTO_BREACH, 1, true);
    m.add(1, 0.5);
    m.add(1, 0.5);
    m.add(0, 3);
    m.addZeros(1);
    m.flush();
    assertEquals(0.25, m.mean(), 0);
    double half = Tally.Z95 * Math.sqrt(1.0 / 48);
    double[] ci = m.interval95();
    assertEquals(0, ci[0], 0); // 0.25 − 0.283 truncated at 0
    assertEquals(0.25 + half, ci[1], 1e-15);
    assertEquals(0.5, m.largestShare(), 0);
    assertEquals(Math.sqrt(1.0 / 48) / 0.25, m.relativeError(), 1e-15);
  }

  @Test
  void unweightedStatistics_takeNoWeight() {
    MetricStats m = new MetricStats(Metric.DOWNTIME_H, 10);
    assertThrows(IllegalStateException.class, () -> m.add(1, 0.5));
  }
}
