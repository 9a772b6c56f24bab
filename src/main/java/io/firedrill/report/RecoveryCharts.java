package io.firedrill.report;

import io.firedrill.dist.Units;
import io.firedrill.stats.CurveStats;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The fan charts of a scenario (docs/outputs.md, "Charts"): {@code recovery}, the median served
 * fraction and its p10–p90 band per service, and {@code sites}, the same for every site's capacity,
 * against the time since the event, on a time axis with round ticks ({@link TimeAxis}).
 */
final class RecoveryCharts {
  private RecoveryCharts() {}

  /**
   * Median line and p10–p90 band per series of a curve, against the time since the event; {@code
   * colours[k]} is series k's index in the model (its colour and line pattern). {@code observed}:
   * points of an observed timeline on these series (their {@link Observation#index} is k), drawn as
   * markers in the series' colour, a circle out of sample and a diamond where a parameter was
   * fitted to the point; none if empty.
   */
  static XYChart fan(
      String title,
      String yTitle,
      String[] names,
      int[] colours,
      int offset,
      CurveStats curves,
      double[] times,
      List<Observation> observed) {
    double horizon = times[times.length - 1];
    TimeAxis axis = TimeAxis.of(horizon);
    XYChart c =
        Charts.base(title, axis == null ? "hours since the event" : "time since the event", yTitle);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(1.0);
    c.getStyler().setYAxisDecimalPattern("0.0#");
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisMax(horizon);
    double[] x = times;
    if (axis == null) {
      c.getStyler().setXAxisDecimalPattern("#,##0.#");
      c.getStyler().setXAxisTickMarkSpacingHint(120);
    } else {
      x = axis.grid();
      c.getStyler().setxAxisTickLabelsFormattingFunction(axis::label);
    }
    // Without round ticks the curve points are drawn as they are, but at most two per pixel
    // column: more cannot be seen, and 100,001 points a series made the SVG encoder hold
    // millions of drawing commands (the JVM's collector gave up).
    int stride =
        axis != null
            ? 1
            : (int) Math.max(1, (curves.points() - 1 + MAX_FAN_POINTS - 2) / (MAX_FAN_POINTS - 1));
    int points = (curves.points() - 1 + stride - 1) / stride + 1;
    if (stride > 1) {
      x = new double[points];
      for (int i = 0; i < points; i++) {
        x[i] = times[Math.min(curves.points() - 1, i * stride)];
      }
    }
    double[] at = stride > 1 ? x : times;
    List<String> shown = new ArrayList<>();
    List<double[][]> seen = new ArrayList<>();
    for (int k = 0; k < names.length; k++) {
      double[] p10 = new double[points];
      double[] p50 = new double[points];
      double[] p90 = new double[points];
      for (int i = 0; i < points; i++) {
        int j = Math.min(curves.points() - 1, i * stride);
        p10[i] = curves.quantile(j, offset + k, 0.1);
        p50[i] = curves.quantile(j, offset + k, 0.5);
        p90[i] = curves.quantile(j, offset + k, 0.9);
      }
      String name = Charts.legendName(names[k], new double[][] {p10, p50, p90}, shown, seen);
      if (axis != null) {
        p10 = resample(at, p10, x);
        p50 = resample(at, p50, x);
        p90 = resample(at, p90, x);
      }
      Charts.band(c, names[k] + " p10–p90", x, p10, p90, Charts.color(colours[k]));
      Charts.dense(
          Charts.line(c, name, x, p50, Charts.color(colours[k]), Charts.stroke(colours[k])));
    }
    for (int k = 0; k < names.length; k++) {
      for (boolean fitted : new boolean[] {false, true}) {
        points(c, names[k], k, fitted, observed, axis, Charts.color(colours[k]));
      }
    }
    return c;
  }

  /**
   * The observed points of series k, fitted or out of sample, as one marker series ("NAME
   * observed", "NAME observed (fitted)"); nothing if it has none. With round time ticks each point
   * is drawn at the nearest time of the axis grid: XChart places those ticks by the x values of
   * every series, which the grid's own times leave as they are (and the grid is finer than the
   * pixels).
   */
  private static void points(
      XYChart c,
      String name,
      int k,
      boolean fitted,
      List<Observation> observed,
      TimeAxis axis,
      java.awt.Color color) {
    List<Observation> mine = new ArrayList<>();
    for (Observation o : observed) {
      if (o.index() == k && o.fitted() == fitted) {
        mine.add(o);
      }
    }
    if (mine.isEmpty()) {
      return;
    }
    double[] grid = axis == null ? null : axis.grid();
    double[] px = new double[mine.size()];
    double[] py = new double[mine.size()];
    for (int i = 0; i < px.length; i++) {
      double h = mine.get(i).hours();
      px[i] = grid == null ? h : grid[ObservedCsv.nearest(h, grid)];
      py[i] = mine.get(i).value();
    }
    XYSeries s = c.addSeries(name + " observed" + (fitted ? " (fitted)" : ""), px, py);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(fitted ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
    s.setMarkerColor(color);
    // One size for every marker of a chart (XChart's styler); the other series draw none.
    c.getStyler().setMarkerSize(OBSERVED_MARKER);
  }

  /** Diameter of an observed point's marker, pixels: well above the lines' 3. */
  static final int OBSERVED_MARKER = 16;

  /**
   * Most curve points drawn per series of a fan chart without round time ticks (two per pixel
   * column); the CSV files keep every point.
   */
  static final int MAX_FAN_POINTS = 2 * Charts.WIDTH + 1;

  /**
   * {@code y} (given at increasing times {@code t}) at the times {@code at}, by linear
   * interpolation between neighbours: the polyline a line chart draws through the data, sampled on
   * a finer grid.
   */
  static double[] resample(double[] t, double[] y, double[] at) {
    double[] out = new double[at.length];
    int j = 0;
    for (int i = 0; i < at.length; i++) {
      while (j < t.length - 2 && t[j + 1] < at[i]) {
        j++;
      }
      if (t.length == 1 || at[i] <= t[j]) {
        out[i] = y[j];
      } else if (at[i] >= t[j + 1]) {
        out[i] = y[j + 1];
      } else {
        double f = (at[i] - t[j]) / (t[j + 1] - t[j]);
        out[i] = y[j] + f * (y[j + 1] - y[j]);
      }
    }
    return out;
  }

  /**
   * A time axis from 0 to the horizon H with ticks at a round step (1, 2, 5, 10, 15, 30 min; 1, 2,
   * 3, 6, 12 h; 1, 2 d; 1, 2, 4, 13, 26 w; 1, 2, 5, 10... y): the smallest giving at most 12
   * intervals, labelled in its own unit ("36 h", "3 d", "26 w").
   *
   * <p>How the ticks are placed: XChart 3.8 has no way to set tick positions; with a label function
   * and x values equally spaced it puts a tick on every k-th x value, the smallest k whose labels
   * are all different and fit. So the curves are drawn on a grid of K + 1 equally spaced times from
   * 0 to H ({@link #grid}) on which every multiple of the step is a grid point (every m-th), and
   * the label function names the multiples of the step and leaves the other points blank: two
   * blanks are not different labels, so k = m, a tick at each multiple of the step. This needs H /
   * step = K / m, a fraction with a small denominator; for other horizons {@link #of} returns null
   * and the axis is XChart's own (hours, decimal steps).
   *
   * @param horizon H, hours
   * @param step tick step, hours
   * @param unitHours hours per unit of the labels
   * @param unit the label unit, "min", "h", "d", "w" or "y"
   * @param k grid intervals from 0 to H
   * @param m grid intervals per step
   */
  record TimeAxis(double horizon, double step, double unitHours, String unit, int k, int m) {
    /** Steps in hours, with the unit their labels use. */
    private static final double[] STEPS = {
      1 / 60.0,
      2 / 60.0,
      5 / 60.0,
      10 / 60.0,
      15 / 60.0,
      0.5,
      1,
      2,
      3,
      6,
      12,
      24,
      48,
      168,
      336,
      672,
      2184,
      4368,
      8760,
      2 * 8760,
      5 * 8760,
      10 * 8760,
      20 * 8760,
      50 * 8760,
      100 * 8760,
      200 * 8760,
      500 * 8760,
      1000 * 8760,
      2000 * 8760,
      5000 * 8760,
      10_000 * 8760
    };

    /** At most this many intervals between ticks. */
    static final int MAX_INTERVALS = 12;

    /** About this many grid intervals: finer than the pixels of the plot. */
    private static final int GRID = 2400;

    /** The axis for horizon H hours, or null where no round step fits (see the class comment). */
    static TimeAxis of(double horizon) {
      for (double step : STEPS) {
        double r = horizon / step;
        if (r > MAX_INTERVALS) {
          continue;
        }
        if (r < 2) {
          return null;
        }
        // H / step = p / q with q small: then K = p·j grid intervals, a tick every m = q·j.
        for (int q = 1; q <= 1000; q++) {
          double p = Math.rint(r * q);
          if (p >= 1 && Math.abs(p - r * q) <= 1e-9 * r * q) {
            int j = (int) Math.max(1, Math.ceil(GRID / p));
            String unit =
                step < 1 ? "min" : step < 24 ? "h" : step < 168 ? "d" : step < 8760 ? "w" : "y";
            double unitHours =
                step < 1 ? 1 / 60.0 : step < 24 ? 1 : step < 168 ? 24 : step < 8760 ? 168 : 8760;
            return new TimeAxis(horizon, step, unitHours, unit, (int) p * j, q * j);
          }
        }
        return null;
      }
      return null;
    }

    /** The K + 1 equally spaced times from 0 to H exactly, hours. */
    double[] grid() {
      double[] g = new double[k + 1];
      for (int i = 0; i < k; i++) {
        g[i] = horizon * i / k;
      }
      g[k] = horizon;
      return g;
    }

    /** The label at {@code hours}: "0", "12 h", "3 d" at a multiple of the step, else blank. */
    String label(double hours) {
      double n = hours / step;
      double whole = Math.rint(n);
      if (Math.abs(n - whole) > 1e-6 || whole < 0) {
        return "";
      }
      if (whole == 0) {
        return "0";
      }
      return Units.exact(Math.rint(whole * step / unitHours * 1e6) / 1e6) + " " + unit;
    }
  }
}
