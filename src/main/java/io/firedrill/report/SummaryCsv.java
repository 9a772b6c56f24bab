package io.firedrill.report;

import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code summary.csv} of a run or a scenario (docs/outputs.md): per service (dependency order) and
 * metric, the mean, its 95 % interval, percentiles and maximum; for a run also availability and
 * nines; then the {@code total} rows. An importance-sampled run adds three columns, {@link
 * #WEIGHTED}.
 */
public final class SummaryCsv {
  static final String[] HEADER = {
    "service", "metric", "mean", "ci95_low", "ci95_high", "p50", "p90", "p99", "p999", "max"
  };

  /**
   * The columns an importance-sampled run adds after {@link #HEADER} (docs/outputs.md): the
   * relative error of the mean, the largest trial's share of it, and how it was estimated.
   */
  static final String[] WEIGHTED = {"rel_error", "largest_share", "estimator"};

  /** The estimator column's value in an importance-sampled run. */
  static final String IMPORTANCE = "importance sampling";

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
    boolean weighted = stats.weighted();
    String[] header = HEADER;
    if (weighted) {
      header = Arrays.copyOf(HEADER, HEADER.length + WEIGHTED.length);
      System.arraycopy(WEIGHTED, 0, header, HEADER.length, WEIGHTED.length);
    }
    try (CSVPrinter csv = Csv.printer(out, header)) {
      for (int a = 0; a < plan.services; a++) {
        String name = plan.serviceNames[a];
        for (Metric m : metrics) {
          if (!Estimable.of(plan, m, a)) {
            // No rto (rpo, data), nothing to estimate: undefined, not a probability of 0.
            List<String> row = row(weighted, "", "", name, m.csvName(), "", "", "");
            Collections.replaceAll(row, null, "");
            csv.printRecord(row);
            continue;
          }
          metricRow(csv, name, m, stats.metric(a, m));
        }
        if (!availability) {
          continue;
        }
        intervalRow(csv, name, "availability", Availability.of(plan, stats, a), weighted);
        intervalRow(csv, name, "nines", Availability.nines(plan, stats, a), weighted);
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
    List<String> row =
        row(
            ms.weighted(),
            Numbers.csv(ms.relativeError()),
            Numbers.csv(ms.largestShare()),
            service,
            m.csvName(),
            Numbers.csv(ms.mean()),
            Numbers.csv(ci[0]),
            Numbers.csv(ci[1]));
    for (double q : QUANTILES) {
      row.set(row.indexOf(null), Numbers.csv(ms.quantile(q)));
    }
    row.set(row.indexOf(null), Numbers.csv(ms.max()));
    csv.printRecord(row);
  }

  private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

  /** A summary row with a mean and its interval only (percentiles do not apply). */
  private static void intervalRow(
      CSVPrinter csv, String service, String metric, double[] v, boolean weighted)
      throws IOException {
    List<String> row =
        row(
            weighted,
            "",
            "",
            service,
            metric,
            Numbers.csv(v[0]),
            Numbers.csv(v[1]),
            Numbers.csv(v[2]));
    Collections.replaceAll(row, null, "");
    csv.printRecord(row);
  }

  /**
   * A row of {@link #HEADER}'s columns: the first five given, the percentiles and the maximum null
   * (to be filled in); in a weighted run, then the relative error, the largest share and the
   * estimator.
   */
  private static List<String> row(
      boolean weighted,
      String relativeError,
      String largestShare,
      String service,
      String metric,
      String mean,
      String low,
      String high) {
    List<String> row =
        new ArrayList<>(
            Arrays.asList(service, metric, mean, low, high, null, null, null, null, null));
    if (weighted) {
      row.addAll(List.of(relativeError, largestShare, IMPORTANCE));
    }
    return row;
  }
}
