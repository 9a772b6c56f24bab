package io.firedrill.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import io.firedrill.dist.Units;
import io.firedrill.plan.Plan;
import io.firedrill.stats.CurveStats;
import io.firedrill.stats.LogHistogram;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import io.firedrill.stats.Tally;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of docs/outputs.md, drawn with XChart: for a run, the exceedance curve of user-hours
 * lost per trial, the CCDF of outage durations and the attribution to causes; for a scenario, the
 * recovery fan of every service and the restoration of every site; for a sweep, the statistic asked
 * for and the paired difference to the first point.
 *
 * <p>Every chart stands on its own: a title with the model, the command, the variant's label and
 * the trial count; its {@code --set} values in a line under the plot; axis titles with units; a
 * legend; log axes where values span decades; 1600 × 1000. Each service keeps one colour and one
 * line pattern in every chart, chosen by its index in the model (Okabe–Ito colours, readable by
 * colour-blind readers, and dash patterns so that overlapping lines stay visible); sites likewise
 * by their index. A series identical to an earlier one says so in the legend ("mail = ops
 * (identical)"). Axis numbers are formatted in {@link Locale#ROOT}, like every other number
 * firedrill writes.
 *
 * <p>A chart the library fails to draw is left out with a warning line: a finished run is never
 * lost to a chart (docs/outputs.md).
 */
public final class Charts {
  /** Output format of charts. */
  public enum Format {
    PNG,
    SVG,
    NONE
  }

  public static final int WIDTH = 1600;
  public static final int HEIGHT = 1000;

  /** Okabe–Ito, then greys: distinguishable with any common colour-vision deficiency. */
  private static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
    new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0xB8A000),
    new Color(0x666666), new Color(0x999999)
  };

  /** The colour of the total over services (sweep charts). */
  static final Color TOTAL_COLOR = new Color(0x333333);

  /**
   * Dash patterns (pixels on, off, ...) in turn with the colours: the first solid, then patterns
   * that stay apart when two lines lie on top of each other. Null is a solid line.
   */
  private static final float[][] DASHES = {
    null, {14, 7}, {4, 5}, {14, 5, 4, 5}, {26, 8}, {14, 4, 4, 4, 4, 4}, {7, 7}, {26, 6, 7, 6}
  };

  private static final float LINE_WIDTH = 3f;

  private Charts() {}

  /** The colour of series number i (a service's or a site's index in the model). */
  static Color color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  /** The line of series number i: 3 px, solid for the first, then the dash patterns in turn. */
  static BasicStroke stroke(int i) {
    float[] dash = DASHES[i % DASHES.length];
    return dash == null
        ? new BasicStroke(LINE_WIDTH)
        : new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }

  private static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /**
   * Writes the charts of a run into {@code files} (none with {@link Format#NONE}); returns one
   * warning line per chart that could not be drawn.
   *
   * @throws IOException if a chart file cannot be written
   */
  public static List<String> writeRun(
      Plan plan, RunStats stats, Caption caption, Format format, AtomicFiles files)
      throws IOException {
    String heading = caption.heading();
    return drawAll(
        List.of(
            new Named("user-hours-exceedance", () -> exceedance(plan, stats, heading)),
            new Named("outage-durations", () -> durations(plan, stats, heading)),
            new Named("causes", () -> causes(plan, stats, heading))),
        caption,
        format,
        files);
  }

  /**
   * Writes the charts of a scenario, at the curve {@code times} (hours); returns one warning line
   * per chart that could not be drawn.
   *
   * @throws IOException if a chart file cannot be written
   */
  public static List<String> writeScenario(
      Plan plan, RunStats stats, double[] times, Caption caption, Format format, AtomicFiles files)
      throws IOException {
    String heading = caption.heading();
    int[] sites = new int[plan.sites];
    Arrays.setAll(sites, i -> i);
    return drawAll(
        List.of(
            new Named(
                "recovery",
                () ->
                    fan(
                        heading + " — served fraction (median, p10–p90)",
                        "served fraction",
                        plan.serviceNames,
                        plan.serviceModelIndex,
                        0,
                        stats.curves,
                        times)),
            new Named(
                "sites",
                () ->
                    fan(
                        heading + " — site capacity back (median, p10–p90)",
                        "capacity back (share)",
                        plan.siteNames,
                        sites,
                        plan.services,
                        stats.curves,
                        times)),
            new Named("causes", () -> causes(plan, stats, heading))),
        caption,
        format,
        files);
  }

  /**
   * Writes the two charts of a sweep, {@code sweep} and {@code sweep-difference}; returns one
   * warning line per chart that could not be drawn.
   *
   * @throws IOException if a chart file cannot be written
   */
  public static List<String> writeSweep(
      Sweep statistic, Sweep difference, Caption caption, Format format, AtomicFiles files)
      throws IOException {
    return drawAll(
        List.of(
            new Named("sweep", () -> sweep(statistic)),
            new Named("sweep-difference", () -> sweep(difference))),
        caption,
        format,
        files);
  }

  /**
   * What names a variant in every chart: {@code heading} starts each title (model, command, label,
   * trials); {@code overrides}, the {@code --set} values, are printed in a line under the chart
   * (none when empty).
   */
  public record Caption(String heading, List<String> overrides) {
    public Caption {
      overrides = List.copyOf(overrides);
    }

    /** The line under the chart, or null. */
    String footer() {
      if (overrides.isEmpty()) {
        return null;
      }
      StringBuilder b = new StringBuilder("with");
      for (String o : overrides) {
        b.append("  --set ").append(o);
      }
      return b.toString();
    }
  }

  /** A chart to draw and the file name it goes to (without extension). */
  record Named(String name, Supplier<XYChart> chart) {}

  /**
   * Draws and saves every chart. A chart the library fails to draw is left out with a warning
   * naming it (the returned lines), so that a finished run still writes its other files; a stop
   * request or an I/O failure ends the run.
   */
  static List<String> drawAll(List<Named> charts, Caption caption, Format format, AtomicFiles files)
      throws IOException {
    List<String> warnings = new ArrayList<>();
    if (format == Format.NONE) {
      return warnings;
    }
    for (Named n : charts) {
      String file = n.name() + (format == Format.SVG ? ".svg" : ".png");
      Path path = files.path(file);
      try {
        XYChart chart = n.chart().get();
        fitTitle(chart);
        save(chart, caption.footer(), path, format);
      } catch (RuntimeException e) {
        files.discard(file);
        String why =
            e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
        warnings.add(
            "warning: chart "
                + file
                + " could not be drawn"
                + (why.isEmpty() ? "" : " (" + why + ")")
                + "; it is left out, the other files are complete");
      }
    }
    return warnings;
  }

  static XYChart base(String title, String xTitle, String yTitle) {
    XYChart c =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    XYStyler s = c.getStyler();
    // Axis labels are formatted in the styler's locale: one fixed locale, like every number.
    s.setLocale(Locale.ROOT);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 24));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setChartPadding(24);
    s.setAntiAlias(true);
    c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
    c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
    c.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
    c.getStyler().setPlotBorderVisible(false);
    c.getStyler().setMarkerSize(0);
    // Long enough to show a line's dash pattern in the legend.
    c.getStyler().setLegendSeriesLineLength(64);
    return c;
  }

  /**
   * Sets the title's font: bold sans-serif at 24 pt, or smaller (down to 14 pt) until the title
   * fits. XChart centres the title over the plot, which the legend on the right narrows, and cuts
   * both ends of a title wider than that; the room is taken as the chart's width less the widest
   * legend entry.
   */
  static void fitTitle(XYChart c) {
    FontRenderContext frc = new FontRenderContext(null, true, true);
    double legend = 0;
    for (XYSeries s : c.getSeriesMap().values()) {
      if (s.isShowInLegend()) {
        legend =
            Math.max(
                legend, c.getStyler().getLegendFont().getStringBounds(s.getName(), frc).getWidth());
      }
    }
    double room =
        WIDTH - 80 - (legend > 0 ? legend + c.getStyler().getLegendSeriesLineLength() + 60 : 0);
    int size = 24;
    Font f = new Font(Font.SANS_SERIF, Font.BOLD, size);
    while (size > 14 && f.getStringBounds(c.getTitle(), frc).getWidth() > room) {
      f = new Font(Font.SANS_SERIF, Font.BOLD, --size);
    }
    c.getStyler().setChartTitleFont(f);
  }

  private static XYSeries line(
      XYChart c, String name, double[] x, double[] y, Color color, BasicStroke stroke) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(color);
    s.setLineStyle(stroke);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  /**
   * Marks a line of many short segments to be drawn as one path: XChart draws a plain line segment
   * by segment, restarting the dash pattern at every point, so a dashed line of points a pixel
   * apart comes out solid. Its "smooth" path joins neighbours by curves that, at that spacing, are
   * indistinguishable from the straight segments, and keeps the dashes.
   */
  private static XYSeries dense(XYSeries s) {
    s.setSmooth(true);
    return s;
  }

  /**
   * {@code name}, or {@code "name = other (identical)"} when {@code curve} equals the curve of an
   * earlier series in {@code seen} (then the later line, drawn on top, lets the earlier show
   * through its dashes); records the curve in {@code seen}.
   */
  static String legendName(
      String name, double[][] curve, List<String> names, List<double[][]> seen) {
    String label = name;
    for (int k = 0; k < seen.size(); k++) {
      if (Arrays.deepEquals(seen.get(k), curve)) {
        label = name + " = " + names.get(k) + " (identical)";
        break;
      }
    }
    names.add(name);
    seen.add(curve);
    return label;
  }

  /** A closed polygon between lo and hi over x, shown translucent and kept out of the legend. */
  private static void band(
      XYChart c, String name, double[] x, double[] lo, double[] hi, Color color) {
    int n = x.length;
    double[] px = new double[2 * n + 1];
    double[] py = new double[2 * n + 1];
    for (int i = 0; i < n; i++) {
      px[i] = x[i];
      py[i] = hi[i];
      px[2 * n - 1 - i] = x[i];
      py[2 * n - 1 - i] = lo[i];
    }
    px[2 * n] = x[0];
    py[2 * n] = hi[0];
    XYSeries s = c.addSeries(name, px, py);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    s.setFillColor(translucent(color, 60));
    s.setLineColor(translucent(color, 0));
    s.setMarker(SeriesMarkers.NONE);
    s.setShowInLegend(false);
  }

  /** P(user-hours lost in a trial > x), log-log, one line per service with users, 95 % bands. */
  static XYChart exceedance(Plan plan, RunStats stats, String heading) {
    LogHistogram[] h = new LogHistogram[plan.services];
    for (int a = 0; a < plan.services; a++) {
      h[a] = plan.users[a] > 0 ? stats.metric(a, Metric.USER_HOURS).histogram() : null;
    }
    return ccdfChart(
        plan,
        h,
        heading + " — user-hours lost per trial, chance of more",
        "user-hours lost in one trial (log scale)",
        "P(loss > x) (log scale)",
        "no user-hours were lost in any trial");
  }

  /** P(an outage lasts > x), log-log, one line per service, 95 % bands. */
  static XYChart durations(Plan plan, RunStats stats, String heading) {
    LogHistogram[] h = new LogHistogram[plan.services];
    for (int a = 0; a < plan.services; a++) {
      h[a] = stats.outageDurations(a);
    }
    return ccdfChart(
        plan,
        h,
        heading + " — outage durations, chance of longer",
        "outage duration, hours (log scale)",
        "P(duration > x) among outages (log scale)",
        "no outages in any trial");
  }

  /** A log-log chart of P(X > x) per service with 95 % bands; null histograms are left out. */
  private static XYChart ccdfChart(
      Plan plan,
      LogHistogram[] histograms,
      String title,
      String xTitle,
      String yTitle,
      String ifEmpty) {
    XYChart c = base(title, xTitle, yTitle);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    // A custom formatting function would make XChart 3.8 label a log axis linearly: patterns only.
    c.getStyler().setXAxisDecimalPattern(logPattern(histograms));
    c.getStyler().setYAxisDecimalPattern("0.#####");
    c.getStyler().setYAxisMax(1.0);
    boolean any = false;
    double lowest = 1;
    List<String> names = new ArrayList<>();
    List<double[][]> seen = new ArrayList<>();
    for (int a = 0; a < plan.services; a++) {
      double[][] curve = histograms[a] == null ? null : ccdf(histograms[a]);
      if (curve == null) {
        continue;
      }
      any = true;
      int i = plan.serviceModelIndex[a];
      String name = legendName(plan.serviceNames[a], curve, names, seen);
      if (curve[2] != null) {
        band(c, plan.serviceNames[a] + " 95 % band", curve[0], curve[2], curve[3], color(i));
      }
      dense(line(c, name, curve[0], curve[1], color(i), stroke(i)));
      for (int k = 1; k < 4; k++) {
        for (double y : curve[k] == null ? new double[0] : curve[k]) {
          lowest = y > 0 ? Math.min(lowest, y) : lowest;
        }
      }
    }
    if (!any) {
      empty(c, ifEmpty);
    }
    // "0.#####" would label 1e-6 as 0: scientific below what five decimals show.
    c.getStyler().setYAxisDecimalPattern(lowest < 1e-4 ? "0.#E0" : "0.#####");
    return c;
  }

  /**
   * The tick pattern of a log axis over the positive values of {@code histograms}: plain numbers
   * with thousands separators from 0.001 to 1e12, else scientific ({@code 1E12}), which stays short
   * and does not print 1e-6 as 0.
   */
  static String logPattern(LogHistogram[] histograms) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (LogHistogram h : histograms) {
      if (h != null && h.minPositive() > 0) {
        lo = Math.min(lo, h.minPositive());
        hi = Math.max(hi, h.max());
      }
    }
    return hi > 1e12 || lo < 1e-3 ? "0.##E0" : "#,##0.###";
  }

  /**
   * {x, P(X > x), Wilson low, Wilson high} at 200 log-spaced points over the positive values of
   * {@code h}, for a log-scaled plot (points where the estimate is 0 are dropped); null if there
   * are no positive values. The bands are null with fewer than two values (no interval, as
   * everywhere). When the positive values all fall at one point (every trial loses exactly 3000
   * user-hours), the curve is that step: flat at P(X > 0) over the decade below the value, then
   * down to the floor of the plot at the value.
   */
  static double[][] ccdf(LogHistogram h) {
    long n = h.count();
    double lo = h.minPositive();
    double hi = h.max();
    if (n == 0 || !(lo > 0) || !(hi > 0)) {
      return null;
    }
    int points = 200;
    List<double[]> rows = new ArrayList<>();
    double floor = 1.0 / (10.0 * n);
    for (int i = 0; i < points; i++) {
      double x = hi == lo ? lo : lo * Math.pow(hi / lo, i / (points - 1.0));
      // The first point is every positive value: P(X > 0), drawn at the smallest one.
      long above = n - h.countAtMost(i == 0 ? 0 : x);
      if (above == 0) {
        break;
      }
      double p = (double) above / n;
      double[] w = Tally.wilson(above, n);
      rows.add(new double[] {x, p, Math.max(floor, w[0]), w[1]});
    }
    if (rows.isEmpty()) {
      return null;
    }
    if (rows.size() == 1) {
      // One step: a single point would draw nothing.
      double[] r = rows.get(0);
      rows.clear();
      rows.add(new double[] {hi / 10, r[1], r[2], r[3]});
      rows.add(new double[] {hi, r[1], r[2], r[3]});
      rows.add(new double[] {hi, floor, floor, floor});
    }
    double[][] out = new double[4][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int k = 0; k < 4; k++) {
        out[k][i] = rows.get(i)[k];
      }
    }
    if (n < 2) {
      out[2] = null;
      out[3] = null;
    }
    return out;
  }

  /** Shares of user-hours and of downtime per cause over all services, largest first. */
  static XYChart causes(Plan plan, RunStats stats, String heading) {
    int nc = plan.causes();
    double[] uh = new double[nc];
    double[] down = new double[nc];
    for (int a = 0; a < plan.services; a++) {
      for (int k = 0; k < nc; k++) {
        uh[k] += stats.causeUserHours[a * nc + k];
        down[k] += stats.causeDowntime[a * nc + k];
      }
    }
    double uhTotal = Arrays.stream(uh).sum();
    double downTotal = Arrays.stream(down).sum();
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < nc; k++) {
      if (uh[k] > 0 || down[k] > 0) {
        order.add(k);
      }
    }
    order.sort(
        Comparator.<Integer>comparingDouble(k -> -share(uh[k], uhTotal))
            .thenComparingDouble(k -> -share(down[k], downTotal))
            .thenComparing(k -> plan.causeNames[k]));
    if (order.size() > 15) {
      order = order.subList(0, 15);
    }
    XYChart c =
        base(heading + " — what causes the losses", "share of the total over all services", "");
    // Names sit in a column left of the bars, as text: XChart places y ticks where it likes.
    c.getStyler().setXAxisMin(-LABEL_COLUMN);
    c.getStyler().setXAxisMax(1.12);
    c.getStyler().setYAxisTicksVisible(false);
    c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 19));
    c.getStyler().setAnnotationTextFontColor(Color.BLACK);
    c.getStyler()
        .setxAxisTickLabelsFormattingFunction(
            v -> v < -1e-9 ? " " : String.format(Locale.ROOT, "%.0f %%", v * 100));
    int n = order.size();
    if (n == 0) {
      empty(c, "no outages and no user-hours lost");
      return c;
    }
    for (int i = 0; i < n; i++) {
      int k = order.get(i);
      double y = n - 1 - i;
      double uhShare = share(uh[k], uhTotal);
      double downShare = share(down[k], downTotal);
      bar(
          c,
          i == 0 ? "share of user-hours" : "uh " + k,
          y + 0.04,
          y + 0.38,
          uhShare,
          color(0),
          i == 0);
      bar(
          c,
          i == 0 ? "share of downtime" : "dt " + k,
          y - 0.38,
          y - 0.04,
          downShare,
          color(1),
          i == 0);
      c.addAnnotation(new AnnotationText(plan.causeNames[k], -LABEL_COLUMN / 2, y, false));
      c.addAnnotation(new AnnotationText(percent(uhShare), uhShare + 0.045, y + 0.21, false));
      c.addAnnotation(new AnnotationText(percent(downShare), downShare + 0.045, y - 0.21, false));
    }
    c.getStyler().setYAxisMin(-0.6);
    c.getStyler().setYAxisMax(n - 0.4);
    return c;
  }

  private static double share(double part, double total) {
    return total > 0 ? part / total : 0;
  }

  /** Width of the column of cause names, in units of the share axis. */
  private static final double LABEL_COLUMN = 0.45;

  private static String percent(double share) {
    return share >= 0.0995
        ? String.format(Locale.ROOT, "%.0f %%", share * 100)
        : share >= 0.000995 ? String.format(Locale.ROOT, "%.1f %%", share * 100) : "< 0.1 %";
  }

  private static void bar(
      XYChart c, String name, double y0, double y1, double share, Color color, boolean legend) {
    double w = Math.max(share, 1e-9);
    XYSeries s = c.addSeries(name, new double[] {0, w, w, 0, 0}, new double[] {y0, y0, y1, y1, y0});
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    s.setFillColor(color);
    s.setLineColor(color);
    s.setMarker(SeriesMarkers.NONE);
    s.setShowInLegend(legend);
  }

  /**
   * Median line and p10–p90 band per series of a curve, against the time since the event; {@code
   * colours[k]} is series k's index in the model (its colour and line pattern).
   */
  static XYChart fan(
      String title,
      String yTitle,
      String[] names,
      int[] colours,
      int offset,
      CurveStats curves,
      double[] times) {
    double horizon = times[times.length - 1];
    TimeAxis axis = TimeAxis.of(horizon);
    XYChart c =
        base(title, axis == null ? "hours since the event" : "time since the event", yTitle);
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
      String name = legendName(names[k], new double[][] {p10, p50, p90}, shown, seen);
      if (axis != null) {
        p10 = resample(at, p10, x);
        p50 = resample(at, p50, x);
        p90 = resample(at, p90, x);
      }
      band(c, names[k] + " p10–p90", x, p10, p90, color(colours[k]));
      dense(line(c, name, x, p50, color(colours[k]), stroke(colours[k])));
    }
    return c;
  }

  /**
   * Most curve points drawn per series of a fan chart without round time ticks (two per pixel
   * column); the CSV files keep every point.
   */
  static final int MAX_FAN_POINTS = 2 * WIDTH + 1;

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

  /**
   * The data of a size chart: the target's statistic at every value visited ({@code x},
   * increasing), its 95 % interval (NaN where undefined), the target's {@code bound} and the {@code
   * answer} (NaN when the target was not reached).
   */
  public record SizeChart(
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
   * Writes {@code size}: the statistic against the parameter at the values the search visited, with
   * its interval as a band, the target as a dashed line and the answer marked; returns a warning
   * line if it could not be drawn.
   *
   * @throws IOException if the chart file cannot be written
   */
  public static List<String> writeSize(
      SizeChart d, Caption caption, Format format, AtomicFiles files) throws IOException {
    return drawAll(
        List.of(new Named("size", () -> size(d, caption.heading()))), caption, format, files);
  }

  static XYChart size(SizeChart d, String heading) {
    XYChart c = base(heading + " — " + d.title(), d.xTitle(), d.yTitle());
    Color colour = color(0);
    if (d.x().length > 1 && allFinite(d.lo()) && allFinite(d.hi())) {
      band(c, "95 % interval", d.x(), d.lo(), d.hi(), colour);
    }
    XYSeries s = line(c, "estimate at each value visited", d.x(), d.y(), colour, stroke(0));
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(colour);
    double x0 = d.x()[0];
    double x1 = d.x()[d.x().length - 1];
    if (x1 == x0) {
      x0 -= 0.5;
      x1 += 0.5;
    }
    line(
        c,
        "target",
        new double[] {x0, x1},
        new double[] {d.bound(), d.bound()},
        color(3),
        stroke(1));
    if (Double.isFinite(d.answer())) {
      for (int i = 0; i < d.x().length; i++) {
        if (d.x()[i] == d.answer()) {
          XYSeries a = c.addSeries("answer", new double[] {d.answer()}, new double[] {d.y()[i]});
          a.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          a.setMarker(SeriesMarkers.DIAMOND);
          a.setMarkerColor(color(3));
        }
      }
    }
    c.getStyler().setMarkerSize(12);
    if (span(new double[][] {d.x()}) >= 1e5 && span(new double[][] {d.x()}) < 1e15) {
      c.getStyler().setXAxisDecimalPattern("#,##0");
    }
    double[][] ys = {d.y(), d.lo(), d.hi(), {d.bound()}};
    if (span(ys) >= 1e5 && span(ys) < 1e15) {
      c.getStyler().setYAxisDecimalPattern("#,##0");
    }
    return c;
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
    XYChart c = base(d.title(), d.xTitle(), d.yTitle());
    Color colour = d.colour() < 0 ? TOTAL_COLOR : color(d.colour());
    int n = d.names().size();
    for (int k = 0; k < n; k++) {
      Color shade = n == 1 ? colour : shade(colour, 0.35 + 0.65 * k / (n - 1));
      if (d.x()[k].length > 1 && allFinite(d.lo()[k]) && allFinite(d.hi()[k])) {
        band(c, d.names().get(k) + " 95 % band", d.x()[k], d.lo()[k], d.hi()[k], shade);
      }
      XYSeries s = line(c, d.names().get(k), d.x()[k], d.y()[k], shade, stroke(n == 1 ? 0 : k));
      s.setMarker(MARKERS[k % MARKERS.length]);
      s.setMarkerColor(shade);
    }
    c.getStyler().setMarkerSize(9);
    // XChart writes a linear axis spanning more than 10^5 as 3.2E8: whole numbers read better.
    if (span(d.x()) >= 1e5 && span(d.x()) < 1e15) {
      c.getStyler().setXAxisDecimalPattern("#,##0");
    }
    if (span(d.y(), d.lo(), d.hi()) >= 1e5 && span(d.y(), d.lo(), d.hi()) < 1e15) {
      c.getStyler().setYAxisDecimalPattern("#,##0");
    }
    return c;
  }

  /** max − min of the finite values of {@code v}; 0 when there are none. */
  private static double span(double[][]... v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[][] a : v) {
      for (double[] row : a) {
        for (double x : row) {
          if (Double.isFinite(x)) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
          }
        }
      }
    }
    return hi > lo ? hi - lo : 0;
  }

  private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
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

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static void empty(XYChart c, String why) {
    XYSeries s = c.addSeries(why, new double[] {1, 10}, new double[] {1, 1});
    s.setLineColor(translucent(Color.GRAY, 0));
    s.setMarker(SeriesMarkers.NONE);
  }

  /** Height of the line under a chart that names its overrides. */
  private static final int FOOTER = 40;

  /**
   * Encodes {@code chart} to {@code path}; with a {@code footer}, the chart takes the height less
   * one line and the footer is drawn under it, as outlines like XChart's own text.
   */
  private static void save(XYChart chart, String footer, Path path, Format format)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(path)) {
      if (footer == null) {
        if (format == Format.SVG) {
          VectorGraphicsEncoder.saveVectorGraphic(
              chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } else {
          BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return;
      }
      if (format == Format.SVG) {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(chart, footer, g);
        new SVGProcessor()
            .getDocument(g.getCommands(), new PageSize(0, 0, WIDTH, HEIGHT))
            .writeTo(out);
      } else {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        paint(chart, footer, g);
        g.dispose();
        ImageIO.write(image, "png", out);
      }
    }
  }

  private static void paint(XYChart chart, String footer, Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    chart.paint(g, WIDTH, HEIGHT - FOOTER);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    TextLayout text = new TextLayout(footer, font, g.getFontRenderContext());
    double room = WIDTH - 2 * 24.0;
    if (text.getAdvance() > room) {
      // Too long for one line: smaller, down to 10 pt, then cut (run.json has them all).
      float size = (float) Math.max(10, 18 * room / text.getAdvance());
      font = font.deriveFont(size);
      String shown = footer;
      text = new TextLayout(shown, font, g.getFontRenderContext());
      while (text.getAdvance() > room && shown.length() > 10) {
        shown = shown.substring(0, shown.length() - 10) + "…";
        text = new TextLayout(shown, font, g.getFontRenderContext());
      }
    }
    Shape outline =
        text.getOutline(AffineTransform.getTranslateInstance(24, HEIGHT - FOOTER / 2.0 + 6));
    g.setColor(new Color(0x333333));
    g.fill(outline);
  }
}
