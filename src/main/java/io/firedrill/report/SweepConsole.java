package io.firedrill.report;

import io.firedrill.stats.MetricStats;
import io.firedrill.study.Vary;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The console table of a sweep: one line per point for the {@code --chart} target. */
public final class SweepConsole {
  private SweepConsole() {}

  /**
   * The console table: one line per point for the target: its statistic with its interval, the mean
   * (or the p99 when the statistic is the mean), and the paired difference of the mean to the first
   * point.
   */
  public static void print(PrintWriter out, SweepTable table, ChartTarget target) {
    List<Vary> vary = table.vary;
    List<BigDecimal[]> points = table.points;
    boolean mean = target.stat().equals("mean");
    List<String[]> rows = new ArrayList<>();
    List<String> head = new ArrayList<>();
    vary.forEach(v -> head.add(v.path()));
    if (table.withCost) {
      head.add("cost/year");
    }
    head.addAll(
        List.of(
            target.label() + " " + target.stat() + " [95% CI]",
            mean ? "p99" : "mean",
            "mean difference to first [95% CI]"));
    rows.add(head.toArray(new String[0]));
    for (int p = 0; p < points.size(); p++) {
      MetricStats ms = table.stats(p, target);
      double[] d = SweepTable.paired(p, table.difference(p, target));
      List<String> r = new ArrayList<>();
      for (int i = 0; i < vary.size(); i++) {
        r.add(Vary.text(points.get(p)[i]) + vary.get(i).unit());
      }
      if (table.withCost) {
        r.add(Numbers.brief(table.costs[p], 4));
      }
      r.add(Numbers.withInterval(ms.statistic(target.stat()), ms.statisticInterval(target.stat())));
      r.add(Numbers.brief(mean ? ms.quantile(0.99) : ms.mean(), 4));
      r.add(p == 0 ? "-" : Numbers.withInterval(d[0], new double[] {d[1], d[2]}));
      rows.add(r.toArray(new String[0]));
    }
    RunConsole.printTable(out, rows);
  }
}
