package io.firedrill.report;

import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.study.Vary;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code sweep.csv} (docs/outputs.md): per point, service (then {@code total}) and metric, the
 * values of the varied parameters, the yearly cost, the statistics and the paired difference to the
 * first point.
 */
public final class SweepCsv {
  private SweepCsv() {}

  /**
   * {@code sweep.csv}: one row per point, service and metric, then per point the {@code total} rows
   * of the metrics with a total over services.
   */
  public static void write(Writer out, SweepTable table) throws IOException {
    Plan plan = table.plan;
    List<Vary> vary = table.vary;
    List<BigDecimal[]> points = table.points;
    List<String> header = new ArrayList<>(List.of("point"));
    vary.forEach(v -> header.add(v.column()));
    if (table.withCost) {
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
    try (CSVPrinter csv = Csv.printer(out, header.toArray(new String[0]))) {
      for (int p = 0; p < points.size(); p++) {
        List<String> names = new ArrayList<>(List.of(plan.serviceNames));
        names.add(Model.TOTAL);
        for (String service : names) {
          for (Metric m : table.metrics) {
            if (service.equals(Model.TOTAL) && !m.hasTotal()) {
              continue;
            }
            ChartTarget t = new ChartTarget(service, m, "mean");
            boolean undefined =
                !service.equals(Model.TOTAL) && !Estimable.of(plan, m, table.index(service));
            MetricStats ms = table.stats(p, t);
            double[] ci = ms.interval95();
            double[] d = SweepTable.paired(p, table.difference(p, t));
            List<Object> row = new ArrayList<>();
            row.add(p);
            for (int i = 0; i < vary.size(); i++) {
              row.add(Vary.text(points.get(p)[i]));
            }
            if (table.withCost) {
              row.add(Numbers.csv(table.costs[p]));
            }
            row.add(service);
            row.add(m.csvName());
            if (undefined) {
              // No rto (rpo, data): undefined, every statistic an empty cell.
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
}
