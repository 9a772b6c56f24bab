package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import io.firedrill.stats.Tally;
import io.firedrill.study.SweepRunner;
import io.firedrill.study.Vary;
import java.math.BigDecimal;
import java.util.List;

/**
 * The results of a sweep as its outputs read them ({@link SweepCsv}, {@link SweepConsole}, {@link
 * SweepCharts}): per point, the values of the varied parameters and the yearly cost; per point,
 * service (or {@code total}) and metric, the statistics and the paired difference to the first
 * point.
 *
 * <p>Every interval follows the rule of {@link MetricStats#interval95()} (Wilson for proportions,
 * normal truncated to the metric's range otherwise, undefined below two trials); a percentile's is
 * distribution-free ({@link MetricStats#quantileInterval}); a paired difference's is the normal
 * interval of the per-trial differences, which may be negative. The first point's difference to
 * itself is exactly 0.
 */
public final class SweepTable {
  final Plan plan;
  final List<Vary> vary;
  final List<BigDecimal[]> points;
  final SweepRunner.Result result;
  final double[] costs;
  final boolean withCost;
  final List<Metric> metrics;

  /**
   * The sweep of {@code vary} (one or two ranges) at {@code points} (per point, the value of each
   * range), estimated by {@code result}; {@code plan} is the first point's (service names and
   * order); {@code costs} the yearly cost per point, shown when {@code withCost}; {@code metrics}
   * the command's metrics (run's, or scenario's with --event).
   */
  public SweepTable(
      Plan plan,
      List<Vary> vary,
      List<BigDecimal[]> points,
      SweepRunner.Result result,
      double[] costs,
      boolean withCost,
      List<Metric> metrics) {
    this.plan = plan;
    this.vary = vary;
    this.points = points;
    this.result = result;
    this.costs = costs;
    this.withCost = withCost;
    this.metrics = metrics;
  }

  /** The statistics of the target at point p. */
  MetricStats stats(int p, ChartTarget t) {
    RunStats s = result.points().get(p);
    return t.isTotal() ? s.total(t.metric()) : s.metric(index(t.service()), t.metric());
  }

  /** The paired difference (point p − point 0) of the target. */
  Tally difference(int p, ChartTarget t) {
    return t.isTotal()
        ? result.totalDifference(p, t.metric())
        : result.difference(p, index(t.service()), t.metric());
  }

  int index(String service) {
    return List.of(plan.serviceNames).indexOf(service);
  }

  /**
   * The paired difference's mean and 95 % interval, {mean, low, high}: normal (it may be negative),
   * undefined below two trials; exactly {0, 0, 0} at the first point.
   */
  static double[] paired(int p, Tally d) {
    if (p == 0) {
      return new double[] {0, 0, 0};
    }
    double[] ci = d.interval95(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    return new double[] {d.mean(), ci[0], ci[1]};
  }
}
