package io.firedrill.report;

import io.firedrill.dist.UserText;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import io.firedrill.stats.Tally;
import io.firedrill.study.SweepRunner;
import io.firedrill.study.Vary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * The outputs of a sweep: {@code sweep.csv}, its console table and its two charts.
 *
 * <p>Every interval follows the rule of {@link MetricStats#interval95()} (Wilson for proportions,
 * normal truncated to the metric's range otherwise, undefined below two trials); a percentile's is
 * distribution-free ({@link MetricStats#quantileInterval}); a paired difference's is the normal
 * interval of the per-trial differences, which may be negative. The first point's difference to
 * itself is exactly 0.
 */
public final class StudyReport {
  private final Plan plan;
  private final List<Vary> vary;
  private final List<BigDecimal[]> points;
  private final SweepRunner.Result result;
  private final double[] costs;
  private final boolean withCost;
  private final List<Metric> metrics;

  public StudyReport(
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

  /**
   * What the sweep's console table and charts show: a service of the model or {@code total}, one of
   * the command's metrics, and a statistic of {@link MetricStats#STATISTICS}.
   */
  public record ChartTarget(String service, Metric metric, String stat) {
    /** True for the total over services. */
    public boolean isTotal() {
      return service.equals(Csv.TOTAL);
    }

    /** {@code talk recover_h}: the service and metric, for titles. */
    public String label() {
      return service + " " + metric.csvName();
    }
  }

  /**
   * The chart target {@code asked} ({@code SERVICE.METRIC} or {@code SERVICE.METRIC.STAT}, SERVICE
   * a service of {@code plan} or {@code total}, STAT mean by default), or when null: the service
   * whose parameter is varied ({@code varied}, when it is a service), else the first service with
   * users; its user_hours (recover_h in a scenario), mean.
   *
   * @param varied the first --vary path
   * @param metrics the metrics of the command (run or scenario)
   * @throws IllegalArgumentException with a one-line message for a target that names no service,
   *     metric or statistic of the command, a scenario metric without a scenario, or a total of a
   *     metric that has none
   */
  public static ChartTarget chartTarget(
      String asked, String varied, Plan plan, List<Metric> metrics, boolean scenario) {
    List<String> names = List.of(plan.serviceNames);
    if (asked == null) {
      int a = 0;
      for (int i = plan.services - 1; i >= 0; i--) {
        a = plan.users[i] > 0 ? i : a;
      }
      String[] path = varied == null ? new String[0] : varied.split("\\.");
      if (path.length > 1 && path[0].equals("services") && names.contains(path[1])) {
        a = names.indexOf(path[1]);
      }
      return new ChartTarget(
          plan.serviceNames[a], scenario ? Metric.RECOVER_H : Metric.USER_HOURS, "mean");
    }
    String[] parts = asked.strip().split("\\.", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          "--chart "
              + UserText.quote(asked)
              + ": expected SERVICE.METRIC or SERVICE.METRIC.STAT, for example"
              + " talk.user_hours.p99");
    }
    String service = parts[0];
    if (!names.contains(service) && !service.equals(Csv.TOTAL)) {
      throw new IllegalArgumentException(
          "--chart "
              + UserText.quote(asked)
              + ": unknown service "
              + UserText.quote(service)
              + " (services: "
              + UserText.list(names)
              + ", or total)");
    }
    Metric metric = Metric.byName(parts[1]);
    List<String> known = metrics.stream().map(Metric::csvName).toList();
    if (metric == null || !metrics.contains(metric)) {
      boolean scenarioOnly = metric != null && Metric.SCENARIO.contains(metric) && !scenario;
      throw new IllegalArgumentException(
          "--chart "
              + UserText.quote(asked)
              + ": "
              + (scenarioOnly
                  ? UserText.bounded(parts[1])
                      + " is a scenario metric: give --event to study a scenario"
                  : "unknown metric "
                      + UserText.quote(parts[1])
                      + " (metrics: "
                      + String.join(", ", known)
                      + ")"));
    }
    if (service.equals(Csv.TOTAL) && !metric.hasTotal()) {
      throw new IllegalArgumentException(
          "--chart "
              + UserText.quote(asked)
              + ": "
              + metric.csvName()
              + " has no total over services (totals: downtime_h, outages, user_hours)");
    }
    String stat = parts.length == 3 ? parts[2] : "mean";
    if (!MetricStats.STATISTICS.contains(stat)) {
      throw new IllegalArgumentException(
          "--chart "
              + UserText.quote(asked)
              + ": unknown statistic "
              + UserText.quote(stat)
              + " (statistics: "
              + String.join(", ", MetricStats.STATISTICS)
              + ")");
    }
    return new ChartTarget(service, metric, stat);
  }

  /** The statistics of the target at point p. */
  private MetricStats stats(int p, ChartTarget t) {
    RunStats s = result.points().get(p);
    return t.isTotal() ? s.total(t.metric()) : s.metric(index(t.service()), t.metric());
  }

  /** The paired difference (point p − point 0) of the target. */
  private Tally difference(int p, ChartTarget t) {
    return t.isTotal()
        ? result.totalDifference(p, t.metric())
        : result.difference(p, index(t.service()), t.metric());
  }

  private int index(String service) {
    return List.of(plan.serviceNames).indexOf(service);
  }

  /**
   * The paired difference's mean and 95 % interval, {mean, low, high}: normal (it may be negative),
   * undefined below two trials; exactly {0, 0, 0} at the first point.
   */
  private static double[] paired(int p, Tally d) {
    if (p == 0) {
      return new double[] {0, 0, 0};
    }
    double[] ci = d.interval95(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    return new double[] {d.mean(), ci[0], ci[1]};
  }

  /**
   * {@code sweep.csv}: one row per point, service and metric, then per point the {@code total} rows
   * of the metrics with a total over services.
   */
  public void writeSweep(Writer out) throws IOException {
    List<String> header = new ArrayList<>(List.of("point"));
    vary.forEach(v -> header.add(v.column()));
    if (withCost) {
      header.add("cost_per_year");
    }
    header.addAll(
        List.of(
            "service",
            "metric",
            "mean",
            "ci95_low",
            "ci95_high",
            "p50",
            "p90",
            "p99",
            "p999",
            "max",
            "diff_mean",
            "diff_ci95_low",
            "diff_ci95_high"));
    try (CSVPrinter csv =
        new CSVPrinter(out, Csv.FORMAT.builder().setHeader(header.toArray(new String[0])).get())) {
      for (int p = 0; p < points.size(); p++) {
        List<String> names = new ArrayList<>(List.of(plan.serviceNames));
        names.add(Csv.TOTAL);
        for (String service : names) {
          for (Metric m : metrics) {
            if (service.equals(Csv.TOTAL) && !m.hasTotal()) {
              continue;
            }
            ChartTarget t = new ChartTarget(service, m, "mean");
            boolean undefined =
                m == Metric.RTO_BREACH
                    && !service.equals(Csv.TOTAL)
                    && Double.isNaN(plan.rtoHours[index(service)]);
            MetricStats ms = stats(p, t);
            double[] ci = ms.interval95();
            double[] d = paired(p, difference(p, t));
            List<Object> row = new ArrayList<>();
            row.add(p);
            for (int i = 0; i < vary.size(); i++) {
              row.add(Vary.text(points.get(p)[i]));
            }
            if (withCost) {
              row.add(Numbers.csv(costs[p]));
            }
            row.add(service);
            row.add(m.csvName());
            if (undefined) {
              // No rto: the breach is undefined, every statistic an empty cell.
              for (int k = 0; k < 11; k++) {
                row.add("");
              }
              csv.printRecord(row);
              continue;
            }
            row.add(Numbers.csv(ms.mean()));
            row.add(Numbers.csv(ci[0]));
            row.add(Numbers.csv(ci[1]));
            row.add(Numbers.csv(ms.quantile(0.5)));
            row.add(Numbers.csv(ms.quantile(0.9)));
            row.add(Numbers.csv(ms.quantile(0.99)));
            row.add(Numbers.csv(ms.quantile(0.999)));
            row.add(Numbers.csv(ms.max()));
            row.add(Numbers.csv(d[0]));
            row.add(Numbers.csv(d[1]));
            row.add(Numbers.csv(d[2]));
            csv.printRecord(row);
          }
        }
      }
    }
  }

  /**
   * The console table: one line per point for the target: its statistic with its interval, the mean
   * (or the p99 when the statistic is the mean), and the paired difference of the mean to the first
   * point.
   */
  public void printSweep(PrintWriter out, ChartTarget target) {
    boolean mean = target.stat().equals("mean");
    List<String[]> rows = new ArrayList<>();
    List<String> head = new ArrayList<>();
    vary.forEach(v -> head.add(v.path()));
    if (withCost) {
      head.add("cost/year");
    }
    head.addAll(
        List.of(
            target.label() + " " + target.stat() + " [95% CI]",
            mean ? "p99" : "mean",
            "mean difference to first [95% CI]"));
    rows.add(head.toArray(new String[0]));
    for (int p = 0; p < points.size(); p++) {
      MetricStats ms = stats(p, target);
      double[] d = paired(p, difference(p, target));
      List<String> r = new ArrayList<>();
      for (int i = 0; i < vary.size(); i++) {
        r.add(Vary.text(points.get(p)[i]) + vary.get(i).unit());
      }
      if (withCost) {
        r.add(Numbers.brief(costs[p], 4));
      }
      r.add(Numbers.withInterval(ms.statistic(target.stat()), ms.statisticInterval(target.stat())));
      r.add(Numbers.brief(mean ? ms.quantile(0.99) : ms.mean(), 4));
      r.add(p == 0 ? "-" : Numbers.withInterval(d[0], new double[] {d[1], d[2]}));
      rows.add(r.toArray(new String[0]));
    }
    RunConsole.printTable(out, rows);
  }

  /**
   * {@code sweep.png}: the target's statistic against the first parameter with its 95 % band, one
   * line per value of the second parameter; and {@code sweep-difference.png}: the paired difference
   * of the mean to the first point with its paired 95 % band. Returns one warning line per chart
   * that could not be drawn.
   */
  public List<String> writeSweepCharts(
      Charts.Caption caption, ChartTarget target, Charts.Format format, AtomicFiles files)
      throws IOException {
    Charts.Sweep[] charts = sweepCharts(caption.heading(), target);
    return Charts.writeSweep(charts[0], charts[1], caption, format, files);
  }

  /** The data of both sweep charts: {statistic, paired difference of the mean}. */
  Charts.Sweep[] sweepCharts(String heading, ChartTarget target) {
    int n1 = Math.toIntExact(vary.get(0).count());
    int n2 = vary.size() > 1 ? Math.toIntExact(vary.get(1).count()) : 1;
    List<String> names = new ArrayList<>();
    double[][] x = new double[n2][n1];
    double[][][] stat = new double[3][n2][n1];
    double[][][] diff = new double[3][n2][n1];
    for (int j = 0; j < n2; j++) {
      names.add(
          n2 == 1
              ? target.label()
              : vary.get(1).path() + " = " + Vary.text(points.get(j)[1]) + vary.get(1).unit());
      for (int i = 0; i < n1; i++) {
        int p = i * n2 + j;
        MetricStats ms = stats(p, target);
        double[] ci = ms.statisticInterval(target.stat());
        double[] d = paired(p, difference(p, target));
        x[j][i] = points.get(p)[0].doubleValue();
        stat[0][j][i] = ms.statistic(target.stat());
        stat[1][j][i] = ci[0];
        stat[2][j][i] = ci[1];
        for (int k = 0; k < 3; k++) {
          diff[k][j][i] = d[k];
        }
      }
    }
    String xTitle =
        vary.get(0).path() + (vary.get(0).unit().isEmpty() ? "" : " (" + vary.get(0).unit() + ")");
    boolean mean = target.stat().equals("mean");
    String band = target.stat().equals("max") ? "" : ", 95 % band";
    int colour = target.isTotal() ? -1 : plan.serviceModelIndex[index(target.service())];
    return new Charts.Sweep[] {
      new Charts.Sweep(
          heading + " — " + target.label() + " (" + target.stat() + band + ")",
          xTitle,
          target.label() + ", " + (mean ? "mean per trial" : target.stat() + " over trials"),
          names,
          colour,
          x,
          stat[0],
          stat[1],
          stat[2]),
      new Charts.Sweep(
          heading
              + " — "
              + target.label()
              + ", mean difference to the first point (paired, 95 % band)",
          xTitle,
          target.label() + ", mean difference to the first point",
          names,
          colour,
          x,
          diff[0],
          diff[1],
          diff[2])
    };
  }
}
