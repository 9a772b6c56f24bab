package io.firedrill.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
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
 * The charts of SPEC §5, drawn with XChart: for a run, the exceedance curve of user-hours lost per
 * trial, the CCDF of outage durations and the attribution to causes; for a scenario, the recovery
 * fan of every service and the restoration of every site.
 *
 * <p>Every chart stands on its own: a title with the model, the command, the variant's label and
 * the trial count; its {@code --set} values in a line under the plot; axis titles with units; a
 * legend; log axes where values span decades; one colour per service or site, the same in every
 * chart (Okabe–Ito, readable by colour-blind readers); 1600 × 1000. Axis numbers are formatted in
 * {@link Locale#ROOT}, like every other number firedrill writes.
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

  private Charts() {}

  /** The colour of series number i. */
  static Color color(int i) {
    return PALETTE[i % PALETTE.length];
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
    return drawAll(
        List.of(
            new Named(
                "recovery",
                () ->
                    fan(
                        heading + " — served fraction (median, p10–p90)",
                        "served fraction",
                        plan.serviceNames,
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
                        plan.services,
                        stats.curves,
                        times)),
            new Named("causes", () -> causes(plan, stats, heading))),
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
        save(n.chart().get(), caption.footer(), path, format);
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
    s.setChartTitleFont(titleFont(title));
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
    return c;
  }

  /**
   * Bold 24 pt, smaller (down to 14 pt) when the title would not fit: XChart centres it over the
   * plot, left of the legend, so it has about 1,400 of the 1,600 pixels; a label makes titles
   * longer.
   */
  static Font titleFont(String title) {
    Font font = new Font(Font.SANS_SERIF, Font.BOLD, 24);
    double room = 1400;
    double width =
        new TextLayout(title, font, new FontRenderContext(null, true, true)).getAdvance();
    return width <= room ? font : font.deriveFont((float) Math.max(14, 24 * room / width));
  }

  private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(3f));
    s.setMarker(SeriesMarkers.NONE);
    return s;
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
    c.getStyler().setXAxisDecimalPattern("#,##0.###");
    c.getStyler().setYAxisDecimalPattern("0.#####");
    c.getStyler().setYAxisMax(1.0);
    boolean any = false;
    for (int a = 0; a < plan.services; a++) {
      double[][] curve = histograms[a] == null ? null : ccdf(histograms[a]);
      if (curve == null) {
        continue;
      }
      any = true;
      band(c, plan.serviceNames[a] + " 95 % band", curve[0], curve[2], curve[3], color(a));
      line(c, plan.serviceNames[a], curve[0], curve[1], color(a));
    }
    if (!any) {
      empty(c, ifEmpty);
    }
    return c;
  }

  /**
   * {x, P(X > x), Wilson low, Wilson high} at 200 log-spaced points over the positive values of
   * {@code h}, for a log-scaled plot (points where the estimate is 0 are dropped); null if there
   * are no positive values.
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
    double[][] out = new double[4][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int k = 0; k < 4; k++) {
        out[k][i] = rows.get(i)[k];
      }
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

  /** Median line and p10–p90 band per series of a curve, against hours since the event. */
  static XYChart fan(
      String title, String yTitle, String[] names, int offset, CurveStats curves, double[] times) {
    XYChart c = base(title, "hours since the event", yTitle);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(1.0);
    c.getStyler().setYAxisDecimalPattern("0.0#");
    c.getStyler().setXAxisDecimalPattern("#,##0.#");
    c.getStyler().setXAxisTickMarkSpacingHint(120);
    c.getStyler().setXAxisMaxLabelCount(15);
    // At most two points per pixel column: more cannot be seen, and 100,001 points a series
    // made the SVG encoder hold millions of drawing commands (the JVM's collector gave up).
    int stride =
        (int) Math.max(1, (curves.points() - 1 + MAX_FAN_POINTS - 2) / (MAX_FAN_POINTS - 1));
    int points = (curves.points() - 1 + stride - 1) / stride + 1;
    double[] x = new double[points];
    for (int i = 0; i < points; i++) {
      x[i] = times[Math.min(curves.points() - 1, i * stride)];
    }
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
      band(c, names[k] + " p10–p90", x, p10, p90, color(k));
      line(c, names[k], x, p50, color(k));
    }
    return c;
  }

  /** Most curve points drawn per series of a fan chart (the CSV files keep every point). */
  static final int MAX_FAN_POINTS = 2 * WIDTH + 1;

  /** A sweep: one line per series against the swept parameter, each with its 95 % band. */
  static List<String> writeSweep(
      String title,
      Caption caption,
      String xTitle,
      String yTitle,
      List<String> names,
      double[][] x,
      double[][] mean,
      double[][] lo,
      double[][] hi,
      Format format,
      AtomicFiles files)
      throws IOException {
    return drawAll(
        List.of(new Named("sweep", () -> sweep(title, xTitle, yTitle, names, x, mean, lo, hi))),
        caption,
        format,
        files);
  }

  private static XYChart sweep(
      String title,
      String xTitle,
      String yTitle,
      List<String> names,
      double[][] x,
      double[][] mean,
      double[][] lo,
      double[][] hi) {
    XYChart c = base(title, xTitle, yTitle);
    for (int k = 0; k < names.size(); k++) {
      if (x[k].length > 1) {
        band(c, names.get(k) + " 95 % band", x[k], lo[k], hi[k], color(k));
      }
      XYSeries s = line(c, names.get(k), x[k], mean[k], color(k));
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(color(k));
    }
    c.getStyler().setMarkerSize(9);
    return c;
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
