package io.firedrill.report;

import io.firedrill.study.Sizing;
import io.firedrill.study.Target;
import io.firedrill.study.Vary;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The {@code size} chart (docs/outputs.md, "Charts"): the target's statistic against the parameter
 * at every value the search visited, its 95 % interval as a band, the target as a dashed line and
 * the answer marked.
 */
public final class SizeChart {
  private SizeChart() {}

  /**
   * Writes {@code size.png} (or .svg) for {@code result}, the search of {@code range} for {@code
   * target}; returns a warning line if it could not be drawn.
   *
   * @throws IOException if the chart file cannot be written
   */
  public static List<String> write(
      Sizing.Result result,
      Target t,
      Vary range,
      Charts.Caption caption,
      Charts.Format format,
      AtomicFiles files)
      throws IOException {
    List<Sizing.Point> visited = result.visited();
    int n = visited.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    int i = 0;
    for (Sizing.Point p : visited) {
      x[i] = p.value().doubleValue();
      y[i] = p.estimate();
      lo[i] = p.low();
      hi[i] = p.high();
      i++;
    }
    String label = t.service() + " " + t.metric().csvName() + " " + t.stat();
    Sizing.Point answer = result.answer();
    Data d =
        new Data(
            t + " — the estimate and its 95 % interval at each value visited",
            range.path() + (range.unit().isEmpty() ? "" : " (" + range.unit() + ")"),
            label,
            x,
            y,
            lo,
            hi,
            t.bound(),
            answer == null ? Double.NaN : answer.value().doubleValue());
    return Charts.drawAll(
        List.of(new Charts.Named("size", () -> chart(d, caption.heading()))),
        caption,
        format,
        files);
  }

  /**
   * The data of a size chart: the target's statistic at every value visited ({@code x},
   * increasing), its 95 % interval (NaN where undefined), the target's {@code bound} and the {@code
   * answer} (NaN when the target was not reached).
   */
  record Data(
      String title,
      String xTitle,
      String yTitle,
      double[] x,
      double[] y,
      double[] lo,
      double[] hi,
      double bound,
      double answer) {}

  /**
   * The chart of {@code d}: the statistic against the parameter at the values the search visited,
   * with its interval as a band, the target as a dashed line and the answer marked.
   */
  static XYChart chart(Data d, String heading) {
    XYChart c = Charts.base(heading + " — " + d.title(), d.xTitle(), d.yTitle());
    Color colour = Charts.color(0);
    if (d.x().length > 1 && Charts.allFinite(d.lo()) && Charts.allFinite(d.hi())) {
      Charts.band(c, "95 % interval", d.x(), d.lo(), d.hi(), colour);
    }
    XYSeries s =
        Charts.line(c, "estimate at each value visited", d.x(), d.y(), colour, Charts.stroke(0));
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(colour);
    double x0 = d.x()[0];
    double x1 = d.x()[d.x().length - 1];
    if (x1 == x0) {
      x0 -= 0.5;
      x1 += 0.5;
    }
    Charts.line(
        c,
        "target",
        new double[] {x0, x1},
        new double[] {d.bound(), d.bound()},
        Charts.color(3),
        Charts.stroke(1));
    if (Double.isFinite(d.answer())) {
      for (int i = 0; i < d.x().length; i++) {
        if (d.x()[i] == d.answer()) {
          XYSeries a = c.addSeries("answer", new double[] {d.answer()}, new double[] {d.y()[i]});
          a.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          a.setMarker(SeriesMarkers.DIAMOND);
          a.setMarkerColor(Charts.color(3));
        }
      }
    }
    c.getStyler().setMarkerSize(12);
    if (Charts.span(new double[][] {d.x()}) >= 1e5 && Charts.span(new double[][] {d.x()}) < 1e15) {
      c.getStyler().setXAxisDecimalPattern("#,##0");
    }
    double[][] ys = {d.y(), d.lo(), d.hi(), {d.bound()}};
    if (Charts.span(ys) >= 1e5 && Charts.span(ys) < 1e15) {
      c.getStyler().setYAxisDecimalPattern("#,##0");
    }
    return c;
  }
}
