package io.firedrill.report;

import io.firedrill.engine.SweepRunner;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import io.firedrill.stats.Tally;
import io.firedrill.study.Vary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/** The outputs of a sweep: {@code sweep.csv}, its console table and its chart. */
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

  /** {SERVICE, METRIC} for the chart: as asked, or the first service with users. */
  public static String[] chartTarget(String asked, Plan plan, boolean scenario) {
    List<String> names = List.of(plan.serviceNames);
    if (asked == null) {
      int a = 0;
      for (int i = plan.services - 1; i >= 0; i--) {
        a = plan.users[i] > 0 ? i : a;
      }
      return new String[] {plan.serviceNames[a], scenario ? "recover_h" : "user_hours"};
    }
    int dot = asked.lastIndexOf('.');
    String service = dot < 0 ? "" : asked.substring(0, dot);
    String metric = dot < 0 ? asked : asked.substring(dot + 1);
    if (!names.contains(service) || Metric.byName(metric) == null) {
      throw new IllegalArgumentException(
          "--chart '"
              + asked
              + "': expected SERVICE.METRIC with a"
              + " service of the model ("
              + String.join(", ", names)
              + ") and a metric such as"
              + " user_hours");
    }
    return new String[] {service, metric};
  }

  /** {@code sweep.csv}: one row per point, service and metric. */
  public void writeSweep(Writer out) throws IOException {
    List<String> header = new ArrayList<>(List.of("point"));
    vary.forEach(v -> header.add(v.path()));
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
        new CSVPrinter(
            out, RunReport.CSV.builder().setHeader(header.toArray(new String[0])).get())) {
      for (int p = 0; p < points.size(); p++) {
        RunStats stats = result.points().get(p);
        for (int a = 0; a < plan.services; a++) {
          for (Metric m : metrics) {
            MetricStats ms = stats.metric(a, m);
            double[] ci = ms.interval95();
            Tally d = result.difference(p, a, m);
            List<Object> row = new ArrayList<>();
            row.add(p);
            for (int i = 0; i < vary.size(); i++) {
              row.add(Vary.text(points.get(p)[i]));
            }
            if (withCost) {
              row.add(Numbers.csv(costs[p]));
            }
            row.add(plan.serviceNames[a]);
            row.add(m.csvName());
            row.add(Numbers.csv(ms.mean()));
            row.add(Numbers.csv(ci[0]));
            row.add(Numbers.csv(ci[1]));
            row.add(Numbers.csv(ms.quantile(0.5)));
            row.add(Numbers.csv(ms.quantile(0.9)));
            row.add(Numbers.csv(ms.quantile(0.99)));
            row.add(Numbers.csv(ms.quantile(0.999)));
            row.add(Numbers.csv(ms.max()));
            row.add(Numbers.csv(p == 0 ? 0 : d.mean()));
            row.add(Numbers.csv(p == 0 ? 0 : d.ci95Low()));
            row.add(Numbers.csv(p == 0 ? 0 : d.ci95High()));
            csv.printRecord(row);
          }
        }
      }
    }
  }

  /** The console table: one line per point for one service and metric. */
  public void printSweep(PrintWriter out, String service, Metric metric) {
    int a = List.of(plan.serviceNames).indexOf(service);
    List<String[]> rows = new ArrayList<>();
    List<String> head = new ArrayList<>();
    vary.forEach(v -> head.add(v.path()));
    if (withCost) {
      head.add("cost/year");
    }
    head.addAll(
        List.of(
            service + " " + metric.csvName() + " mean [95% CI]",
            "p99",
            "difference to first [95% CI]"));
    rows.add(head.toArray(new String[0]));
    for (int p = 0; p < points.size(); p++) {
      MetricStats ms = result.points().get(p).metric(a, metric);
      Tally d = result.difference(p, a, metric);
      List<String> r = new ArrayList<>();
      for (int i = 0; i < vary.size(); i++) {
        r.add(Vary.text(points.get(p)[i]) + vary.get(i).unit());
      }
      if (withCost) {
        r.add(Numbers.brief(costs[p], 4));
      }
      r.add(
          Numbers.brief(ms.mean(), 4)
              + " ["
              + Numbers.brief(ms.tally().ci95Low(), 3)
              + ", "
              + Numbers.brief(ms.tally().ci95High(), 3)
              + "]");
      r.add(Numbers.brief(ms.quantile(0.99), 4));
      r.add(
          p == 0
              ? "-"
              : Numbers.brief(d.mean(), 4)
                  + " ["
                  + Numbers.brief(d.ci95Low(), 3)
                  + ", "
                  + Numbers.brief(d.ci95High(), 3)
                  + "]");
      rows.add(r.toArray(new String[0]));
    }
    RunReport.printTable(out, rows);
  }

  /**
   * {@code sweep.png}: the metric's mean against the first parameter, with its 95 % band; returns a
   * warning line if the chart could not be drawn.
   */
  public List<String> writeSweepChart(
      Charts.Caption caption,
      String service,
      Metric metric,
      Charts.Format format,
      AtomicFiles files)
      throws IOException {
    int a = List.of(plan.serviceNames).indexOf(service);
    int n1 = Math.toIntExact(vary.get(0).count());
    int n2 = vary.size() > 1 ? Math.toIntExact(vary.get(1).count()) : 1;
    List<String> names = new ArrayList<>();
    double[][] x = new double[n2][n1];
    double[][] mean = new double[n2][n1];
    double[][] lo = new double[n2][n1];
    double[][] hi = new double[n2][n1];
    for (int j = 0; j < n2; j++) {
      names.add(
          n2 == 1
              ? service
              : vary.get(1).path() + " = " + Vary.text(points.get(j)[1]) + vary.get(1).unit());
      for (int i = 0; i < n1; i++) {
        int p = i * n2 + j;
        Tally t = result.points().get(p).metric(a, metric).tally();
        x[j][i] = points.get(p)[0].doubleValue();
        mean[j][i] = t.mean();
        lo[j][i] = t.ci95Low();
        hi[j][i] = t.ci95High();
      }
    }
    return Charts.writeSweep(
        caption.heading() + " — " + service + " " + metric.csvName() + " (mean, 95 % band)",
        caption,
        vary.get(0).path() + (vary.get(0).unit().isEmpty() ? "" : " (" + vary.get(0).unit() + ")"),
        service + " " + metric.csvName() + ", mean per trial",
        names,
        x,
        mean,
        lo,
        hi,
        format,
        files);
  }
}
