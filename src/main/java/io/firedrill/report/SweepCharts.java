package io.firedrill.report;

import io.firedrill.stats.MetricStats;
import io.firedrill.study.Vary;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
    Sweep[] charts = data(table, caption.heading(), target);
    return Charts.drawAll(
        List.of(
            new Charts.Named("sweep", () -> sweep(charts[0])),
            new Charts.Named("sweep-difference", () -> sweep(charts[1]))),
        caption,
        format,
        files);
  }

  /** The data of both sweep charts: {statistic, paired difference of the mean}. */
  static Sweep[] data(SweepTable table, String heading, ChartTarget target) {
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
    return new Sweep[] {
      new Sweep(
          heading + " — " + target.label() + " (" + target.stat() + band + ")",
          xTitle,
          target.label() + ", " + (mean ? "mean per trial" : target.stat() + " over trials"),
          names,
          colour,
          x,
          stat[0],
          stat[1],
          stat[2]),
      new Sweep(
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

  /** The data of a sweep chart: one line per series against the first swept parameter. */
  record Sweep(
      String title,
      String xTitle,
      String yTitle,
      List<String> names,
      int colour,
      double[][] x,
      double[][] y,
      double[][] lo,
      double[][] hi) {}

  /**
   * A sweep chart: one line per series (per value of the second parameter) with its 95 % band where
   * defined. {@code colour} is the service's index in the model (its colour in every chart), or −1
   * for the total; with several series, each is a shade of that colour, from light (the first value
   * of the second parameter) to full, with its own dash pattern and marker.
   */
  static XYChart sweep(Sweep d) {
    XYChart c = Charts.base(d.title(), d.xTitle(), d.yTitle());
    Color colour = d.colour() < 0 ? Charts.TOTAL_COLOR : Charts.color(d.colour());
    int n = d.names().size();
    for (int k = 0; k < n; k++) {
      Color shade = n == 1 ? colour : shade(colour, 0.35 + 0.65 * k / (n - 1));
      if (d.x()[k].length > 1 && Charts.allFinite(d.lo()[k]) && Charts.allFinite(d.hi()[k])) {
        Charts.band(c, d.names().get(k) + " 95 % band", d.x()[k], d.lo()[k], d.hi()[k], shade);
      }
      XYSeries s =
          Charts.line(
              c, d.names().get(k), d.x()[k], d.y()[k], shade, Charts.stroke(n == 1 ? 0 : k));
      s.setMarker(MARKERS[k % MARKERS.length]);
      s.setMarkerColor(shade);
    }
    c.getStyler().setMarkerSize(9);
    // XChart writes a linear axis spanning more than 10^5 as 3.2E8: whole numbers read better.
    if (Charts.span(d.x()) >= 1e5 && Charts.span(d.x()) < 1e15) {
      c.getStyler().setXAxisDecimalPattern("#,##0");
    }
    if (Charts.span(d.y(), d.lo(), d.hi()) >= 1e5 && Charts.span(d.y(), d.lo(), d.hi()) < 1e15) {
      c.getStyler().setYAxisDecimalPattern("#,##0");
    }
    return c;
  }

  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE,
    SeriesMarkers.SQUARE,
    SeriesMarkers.DIAMOND,
    SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN
  };

  /** {@code c} mixed with white: t = 1 is c itself, smaller t lighter. */
  static Color shade(Color c, double t) {
    return new Color(
        (int) Math.round(255 - t * (255 - c.getRed())),
        (int) Math.round(255 - t * (255 - c.getGreen())),
        (int) Math.round(255 - t * (255 - c.getBlue())));
  }
}
