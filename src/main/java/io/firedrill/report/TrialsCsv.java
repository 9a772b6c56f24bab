package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.Metric;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code trials.csv} (docs/outputs.md, with {@code --per-trial}), written while the trials run: the
 * header at once, then one row per trial and service (dependency order) as blocks are merged, in
 * trial order: {@code trial}, {@code service}, then the command's metrics.
 */
public final class TrialsCsv implements TrialRunner.RowSink {
  private final Plan plan;
  private final List<Metric> metrics;
  private final CSVPrinter csv;

  /**
   * Writes the header to {@code out}, with a column per metric of {@code metrics} in their order;
   * {@link #close} closes it.
   */
  public TrialsCsv(Plan plan, List<Metric> metrics, Writer out) throws IOException {
    this.plan = plan;
    this.metrics = List.copyOf(metrics);
    String[] header = new String[2 + metrics.size()];
    header[0] = "trial";
    header[1] = "service";
    for (int i = 0; i < metrics.size(); i++) {
      header[2 + i] = metrics.get(i).csvName();
    }
    this.csv = Csv.printer(out, header);
  }

  @Override
  public void rows(long first, int count, double[] v) throws IOException {
    int ns = plan.services;
    for (int t = 0; t < count; t++) {
      for (int a = 0; a < ns; a++) {
        int k = (t * ns + a) * TrialRunner.METRICS;
        csv.print(first + t);
        csv.print(plan.serviceNames[a]);
        for (Metric m : metrics) {
          double x = v[k + m.ordinal()];
          csv.print(m.isInteger() ? Long.toString((long) x) : Numbers.csv(x));
        }
        csv.println();
      }
    }
  }

  /** Flushes and closes the file. */
  public void close() throws IOException {
    csv.close();
  }
}
