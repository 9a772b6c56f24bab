package io.firedrill.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.stats.CurveStats;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;

/**
 * Two runs' statistics compared to the last bit: every metric a run (or a scenario) reports of
 * every service (its count, mean, variance, quantiles and maximum), the quantiles of the outages'
 * durations, the totals, the cause sums, the failovers and a scenario's recovery curves. For the
 * tests of two ways to run one thing (a sweep's point against a run alone, a run that sweeps kept
 * hazards against one that samples them).
 */
public final class SameStats {
  private SameStats() {}

  /**
   * Fails unless {@code actual} equals {@code expected} to the bit; returns whether any service had
   * an outage (so that the caller can tell the comparison compared something).
   */
  public static boolean assertSame(RunStats expected, RunStats actual, String what) {
    boolean anyOutage = false;
    boolean scenario = expected.curves != null;
    assertEquals(scenario, actual.curves != null, what + ": curves");
    assertEquals(expected.trials(), actual.trials(), what + ": trials");
    for (int a = 0; a < expected.services(); a++) {
      // The metrics a run reports (a run leaves a scenario's time to recover uncounted).
      for (Metric m : Metric.withData(scenario ? Metric.SCENARIO : Metric.RUN, true)) {
        same(expected.metric(a, m), actual.metric(a, m), what + ", service " + a + ", " + m);
      }
      for (double q : new double[] {0, 0.5, 0.9, 0.99, 1}) {
        bits(
            expected.outageDurations(a).quantile(q),
            actual.outageDurations(a).quantile(q),
            what + ", service " + a + ": outage duration quantile " + q);
      }
      anyOutage |= expected.metric(a, Metric.OUTAGES).mean() > 0;
    }
    for (Metric m : Metric.TOTALS) {
      same(expected.total(m), actual.total(m), what + ", total " + m);
    }
    assertArrayEquals(expected.causeOutages, actual.causeOutages, what + ": cause outages");
    assertArrayEquals(expected.causeDowntime, actual.causeDowntime, 0.0, what + ": cause downtime");
    assertArrayEquals(
        expected.causeUserHours, actual.causeUserHours, 0.0, what + ": cause user-hours");
    assertArrayEquals(expected.failovers, actual.failovers, what + ": failovers");
    if (scenario) {
      CurveStats e = expected.curves;
      CurveStats c = actual.curves;
      assertEquals(e.trials(), c.trials(), what + ": curve trials");
      for (int j = 0; j < e.points(); j++) {
        for (int k = 0; k < e.series(); k++) {
          String at = what + ", curve point " + j + ", series " + k;
          bits(e.mean(j, k), c.mean(j, k), at + ": mean");
          bits(e.quantile(j, k, 0.1), c.quantile(j, k, 0.1), at + ": 10th percentile");
        }
      }
    }
    return anyOutage;
  }

  /** One metric's statistics, to the bit. */
  public static void same(MetricStats expected, MetricStats actual, String what) {
    assertEquals(expected.count(), actual.count(), what + ": count");
    bits(expected.mean(), actual.mean(), what + ": mean");
    bits(expected.tally().variance(), actual.tally().variance(), what + ": variance");
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
      bits(expected.quantile(q), actual.quantile(q), what + ": quantile " + q);
    }
    bits(expected.max(), actual.max(), what + ": max");
  }

  /** Equal as raw bits. */
  public static void bits(double expected, double actual, String what) {
    assertEquals(
        Double.doubleToRawLongBits(expected),
        Double.doubleToRawLongBits(actual),
        what + ": " + expected + " against " + actual);
  }
}
