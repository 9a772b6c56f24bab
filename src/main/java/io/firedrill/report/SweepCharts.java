package io.firedrill.report;

import io.firedrill.stats.MetricStats;
import io.firedrill.study.Vary;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The two charts of a sweep (docs/outputs.md, "Charts"): {@code sweep}, the {@code --chart}
 * statistic against the first parameter, and {@code sweep-difference}, the paired difference of the
 * mean to the first point.
 */
public final class SweepCharts {
  private SweepCharts() {}

  /**
   * {@code sweep.png}: the target's statistic against the first parameter with its 95 % band, one
   * line per value of the second parameter; and {@code sweep-difference.png}: the paired difference
   * of the mean to the first point with its paired 95 % band. Returns one warning line per chart
   * that could not be drawn.
   */
  public static List<String> write(
      SweepTable table,
      Charts.Caption caption,
      ChartTarget target,
      Charts.Format format,
      AtomicFiles files)
      throws IOException {
    Charts.Sweep[] charts = data(table, caption.heading(), target);
    return Charts.writeSweep(charts[0], charts[1], caption, format, files);
  }

  /** The data of both sweep charts: {statistic, paired difference of the mean}. */
  static Charts.Sweep[] data(SweepTable table, String heading, ChartTarget target) {
    List<Vary> vary = table.vary;
    List<BigDecimal[]> points = table.points;
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
        MetricStats ms = table.stats(p, target);
        double[] ci = ms.statisticInterval(target.stat());
        double[] d = SweepTable.paired(p, table.difference(p, target));
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
    int colour =
        target.isTotal() ? -1 : table.plan.serviceModelIndex[table.index(target.service())];
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
