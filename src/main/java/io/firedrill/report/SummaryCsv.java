package io.firedrill.report;

import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code summary.csv} of a run or a scenario (docs/outputs.md): per service (dependency order) and
 * metric, the mean, its 95 % interval, percentiles and maximum; for a run also availability and
 * nines; then the {@code total} rows.
 */
public final class SummaryCsv {
  static final String[] HEADER = {
    "service", "metric", "mean", "ci95_low", "ci95_high", "p50", "p90", "p99", "p999", "max"
  };

  private SummaryCsv() {}

  /** {@code summary.csv} of a run: its metrics, plus availability and its nines. */
  public static void writeRun(Writer out, Plan plan, RunStats stats) throws IOException {
    write(out, plan, stats, Metric.withData(Metric.RUN, plan.hasData()), true);
  }

  /**
   * {@code summary.csv}: one row per service and metric (and availability, nines if asked), then
   * the {@code total} rows: the metrics with a total over services, summed per trial. Closes {@code
   * out}.
   */
  public static void write(
      Writer out, Plan plan, RunStats stats, List<Metric> metrics, boolean availability)
      throws IOException {
    try (CSVPrinter csv = Csv.printer(out, HEADER)) {
      for (int a = 0; a < plan.services; a++) {
        String name = plan.serviceNames[a];
        for (Metric m : metrics) {
          if (!Estimable.of(plan, m, a)) {
            // No rto (rpo, data), nothing to estimate: undefined, not a probability of 0.
            csv.printRecord(name, m.csvName(), "", "", "", "", "", "", "", "");
            continue;
          }
          metricRow(csv, name, m, stats.metric(a, m));
        }
        if (!availability) {
          continue;
        }
        intervalRow(csv, name, "availability", Availability.of(plan, stats, a));
        intervalRow(csv, name, "nines", Availability.nines(plan, stats, a));
      }
      for (Metric m : metrics) {
        if (m.hasTotal()) {
          metricRow(csv, Model.TOTAL, m, stats.total(m));
        }
      }
    }
  }

  private static void metricRow(CSVPrinter csv, String service, Metric m, MetricStats ms)
      throws IOException {
    double[] ci = ms.interval95();
    csv.printRecord(
        service,
        m.csvName(),
        Numbers.csv(ms.mean()),
        Numbers.csv(ci[0]),
        Numbers.csv(ci[1]),
        Numbers.csv(ms.quantile(0.5)),
        Numbers.csv(ms.quantile(0.9)),
        Numbers.csv(ms.quantile(0.99)),
        Numbers.csv(ms.quantile(0.999)),
        Numbers.csv(ms.max()));
  }

  /** A summary row with a mean and its interval only (percentiles do not apply). */
  private static void intervalRow(CSVPrinter csv, String service, String metric, double[] v)
      throws IOException {
    csv.printRecord(
        service,
        metric,
        Numbers.csv(v[0]),
        Numbers.csv(v[1]),
        Numbers.csv(v[2]),
        "",
        "",
        "",
        "",
        "");
  }
}
