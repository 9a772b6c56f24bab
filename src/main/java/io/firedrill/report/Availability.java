package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;

/**
 * Availability and its nines, derived from a service's downtime over the horizon (docs/outputs.md,
 * "Intervals"): for summary.csv and the console.
 */
final class Availability {
  private Availability() {}

  /**
   * Mean availability 1 − downtime/H of service {@code a} with the interval that follows from
   * downtime's, {mean, low, high}: within [0, 1] because downtime's interval is within [0, H];
   * undefined (NaN) where downtime's is.
   */
  static double[] of(Plan plan, RunStats stats, int a) {
    MetricStats down = stats.metric(a, Metric.DOWNTIME_H);
    double[] ci = down.interval95();
    double h = plan.horizonHours;
    return new double[] {1 - down.mean() / h, 1 - ci[1] / h, 1 - ci[0] / h};
  }

  /**
   * −log10 of the unavailability downtime/H of service {@code a}, with the interval that follows
   * from downtime's, {mean, low, high}; NaN (an empty cell) where unbounded (no downtime) or
   * undefined.
   */
  static double[] nines(Plan plan, RunStats stats, int a) {
    MetricStats down = stats.metric(a, Metric.DOWNTIME_H);
    double[] ci = down.interval95();
    double h = plan.horizonHours;
    return new double[] {nines(down.mean() / h), nines(ci[1] / h), nines(ci[0] / h)};
  }

  private static double nines(double unavailability) {
    return unavailability > 0 ? -Math.log10(Math.min(1, unavailability)) : Double.NaN;
  }
}
