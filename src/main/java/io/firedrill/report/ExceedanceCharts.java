package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.stats.LogHistogram;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import io.firedrill.stats.Tally;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * The two chance-of-more charts of a run (docs/outputs.md, "Charts"): {@code
 * user-hours-exceedance}, P(user-hours lost in a trial &gt; x), and {@code outage-durations}, P(an
 * outage lasts &gt; x); log–log, one line per service with its 95 % Wilson band.
 */
final class ExceedanceCharts {
  private ExceedanceCharts() {}

  /** P(user-hours lost in a trial > x), log-log, one line per service with users, 95 % bands. */
  static XYChart exceedance(Plan plan, RunStats stats, String heading) {
    LogHistogram[] h = new LogHistogram[plan.services];
    for (int a = 0; a < plan.services; a++) {
      h[a] = plan.users[a] > 0 ? stats.metric(a, Metric.USER_HOURS).histogram() : null;
    }
    return ccdfChart(
        plan,
        h,
        stats.weighted(),
        false,
        heading + " — user-hours lost per trial, chance of more",
        "user-hours lost in one trial (log scale)",
        "P(loss > x) (log scale)",
        "no user-hours were lost in any trial");
  }

  /** P(an outage lasts > x), log-log, one line per service, 95 % bands. */
  static XYChart durations(Plan plan, RunStats stats, String heading) {
    LogHistogram[] h = new LogHistogram[plan.services];
    for (int a = 0; a < plan.services; a++) {
      h[a] = stats.outageDurations(a);
    }
    return ccdfChart(
        plan,
        h,
        stats.weighted(),
        true,
        heading + " — outage durations, chance of longer",
        "outage duration, hours (log scale)",
        "P(duration > x) among outages (log scale)",
        "no outages in any trial");
  }

  /** A log-log chart of P(X > x) per service with 95 % bands; null histograms are left out. */
  private static XYChart ccdfChart(
      Plan plan,
      LogHistogram[] histograms,
      boolean weighted,
      boolean amongPositive,
      String title,
      String xTitle,
      String yTitle,
      String ifEmpty) {
    XYChart c = Charts.base(title, xTitle, yTitle);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    // A custom formatting function would make XChart 3.8 label a log axis linearly: patterns only.
    c.getStyler().setXAxisDecimalPattern(logPattern(histograms));
    c.getStyler().setYAxisDecimalPattern("0.#####");
    c.getStyler().setYAxisMax(1.0);
    boolean any = false;
    double lowest = 1;
    List<String> names = new ArrayList<>();
    List<double[][]> seen = new ArrayList<>();
    for (int a = 0; a < plan.services; a++) {
      double[][] curve =
          histograms[a] == null ? null : ccdf(histograms[a], weighted, amongPositive);
      if (curve == null) {
        continue;
      }
      any = true;
      int i = plan.serviceModelIndex[a];
      String name = Charts.legendName(plan.serviceNames[a], curve, names, seen);
      if (curve[2] != null) {
        Charts.band(
            c, plan.serviceNames[a] + " 95 % band", curve[0], curve[2], curve[3], Charts.color(i));
      }
      Charts.dense(Charts.line(c, name, curve[0], curve[1], Charts.color(i), Charts.stroke(i)));
      for (int k = 1; k < 4; k++) {
        for (double y : curve[k] == null ? new double[0] : curve[k]) {
          lowest = y > 0 ? Math.min(lowest, y) : lowest;
        }
      }
    }
    if (!any) {
      Charts.empty(c, ifEmpty);
    }
    // "0.#####" would label 1e-6 as 0: scientific below what five decimals show.
    c.getStyler().setYAxisDecimalPattern(lowest < 1e-4 ? "0.#E0" : "0.#####");
    return c;
  }

  /**
   * The tick pattern of a log axis over the positive values of {@code histograms}: plain numbers
   * with thousands separators from 0.001 to 1e12, else scientific ({@code 1E12}), which stays short
   * and does not print 1e-6 as 0.
   */
  /**
   * {P̂(X > x), band low, band high} of weighted values (see {@link #ccdf(LogHistogram, boolean,
   * boolean)}).
   */
  static double[] weightedExceedance(LogHistogram h, double x, long n, boolean amongPositive) {
    double above = h.weightAbove(x, false);
    double squares = h.weightAbove(x, true);
    double p;
    double se;
    if (amongPositive) {
      double all = h.weightAbove(0, false);
      double allSquares = h.weightAbove(0, true);
      p = all > 0 ? Math.min(1, above / all) : 0;
      double effective = allSquares > 0 ? all / allSquares * all : 0;
      se = effective > 0 ? Math.sqrt(p * (1 - p) / effective) : 0;
    } else {
      p = above / n;
      se = Math.sqrt(Math.max(0, squares / n - p * p) / n);
    }
    return new double[] {p, Math.max(0, p - Tally.Z95 * se), p + Tally.Z95 * se};
  }

  static String logPattern(LogHistogram[] histograms) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (LogHistogram h : histograms) {
      if (h != null && h.minPositive() > 0) {
        lo = Math.min(lo, h.minPositive());
        hi = Math.max(hi, h.max());
      }
    }
    return hi > 1e12 || lo < 1e-3 ? "0.##E0" : "#,##0.###";
  }

  /**
   * {x, P(X > x), Wilson low, Wilson high} at 200 log-spaced points over the positive values of
   * {@code h}, for a log-scaled plot (points where the estimate is 0 are dropped); null if there
   * are no positive values. The bands are null with fewer than two values (no interval, as
   * everywhere). When the positive values all fall at one point (every trial loses exactly 3000
   * user-hours), the curve is that step: flat at P(X > 0) over the decade below the value, then
   * down to the floor of the plot at the value.
   */
  static double[][] ccdf(LogHistogram h) {
    return ccdf(h, false, false);
  }

  /**
   * As {@link #ccdf(LogHistogram)}; {@code weighted} (importance sampling): the weights of the
   * values above x over the trials n, P̂ = (1/n) Σ_{x_i > x} w_i, with the normal band P̂ ± 1.96
   * √((Σ w² / n − P̂²) / n); {@code amongPositive} (outage durations, a share among the outages)
   * over the weights of all positive values instead, with the band of P̂(1 − P̂) over the outages'
   * effective sample size (Σ w)² / Σ w² (docs/outputs.md, "Charts"). The plot's floor is then a
   * tenth of the smallest estimate, not a tenth of 1/n.
   */
  static double[][] ccdf(LogHistogram h, boolean weighted, boolean amongPositive) {
    long n = h.count();
    double lo = h.minPositive();
    double hi = h.max();
    if (n == 0 || !(lo > 0) || !(hi > 0)) {
      return null;
    }
    int points = 200;
    List<double[]> rows = new ArrayList<>();
    double floor = 1.0 / (10.0 * n);
    for (int i = 0; i < points; i++) {
      double x = hi == lo ? lo : lo * Math.pow(hi / lo, i / (points - 1.0));
      // The first point is every positive value: P(X > 0), drawn at the smallest one.
      long above = n - h.countAtMost(i == 0 ? 0 : x);
      if (above == 0) {
        break;
      }
      if (weighted) {
        double[] pw = weightedExceedance(h, i == 0 ? 0 : x, n, amongPositive);
        if (!(pw[0] > 0)) {
          break;
        }
        rows.add(new double[] {x, pw[0], pw[1], Math.min(1, pw[2])});
        continue;
      }
      double p = (double) above / n;
      double[] w = Tally.wilson(above, n);
      rows.add(new double[] {x, p, Math.max(floor, w[0]), w[1]});
    }
    if (rows.isEmpty()) {
      return null;
    }
    if (weighted) {
      // Weighted estimates reach far below 1/n: the floor follows the smallest of them.
      floor = rows.get(rows.size() - 1)[1] / 10;
      for (double[] r : rows) {
        r[2] = Math.max(floor, r[2]);
      }
    }
    if (rows.size() == 1) {
      // One step: a single point would draw nothing.
      double[] r = rows.get(0);
      rows.clear();
      rows.add(new double[] {hi / 10, r[1], r[2], r[3]});
      rows.add(new double[] {hi, r[1], r[2], r[3]});
      rows.add(new double[] {hi, floor, floor, floor});
    }
    double[][] out = new double[4][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int k = 0; k < 4; k++) {
        out[k][i] = rows.get(i)[k];
      }
    }
    if (n < 2) {
      out[2] = null;
      out[3] = null;
    }
    return out;
  }
}
