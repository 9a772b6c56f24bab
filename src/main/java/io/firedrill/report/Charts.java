package io.firedrill.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import io.firedrill.plan.Plan;
import io.firedrill.stats.RunStats;
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
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of docs/outputs.md, drawn with XChart: what every chart shares (size, fonts, colours,
 * line patterns, the caption, drawing and saving) and which charts each command writes. The charts
 * themselves are drawn by their families: {@link ExceedanceCharts} (user-hours exceedance, outage
 * durations), {@link CausesChart}, {@link RecoveryCharts} (a scenario's recovery and sites fans),
 * {@link SweepCharts} and {@link SizeChart}.
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

  static Color translucent(Color c, int alpha) {
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
            new Named(
                "user-hours-exceedance", () -> ExceedanceCharts.exceedance(plan, stats, heading)),
            new Named("outage-durations", () -> ExceedanceCharts.durations(plan, stats, heading)),
            new Named("causes", () -> CausesChart.causes(plan, stats, heading))),
        caption,
        format,
        files);
  }

  /**
   * Writes the charts of a scenario, at the curve {@code times} (hours), with the {@code observed}
   * points (none if empty) on the recovery and sites charts; returns one warning line per chart
   * that could not be drawn.
   *
   * @throws IOException if a chart file cannot be written
   */
  public static List<String> writeScenario(
      Plan plan,
      RunStats stats,
      double[] times,
      List<Observation> observed,
      Caption caption,
      Format format,
      AtomicFiles files)
      throws IOException {
    String heading = caption.heading();
    int[] sites = new int[plan.sites];
    Arrays.setAll(sites, i -> i);
    return drawAll(
        List.of(
            new Named(
                "recovery",
                () ->
                    RecoveryCharts.fan(
                        heading + " — served fraction (median, p10–p90)",
                        "served fraction",
                        plan.serviceNames,
                        plan.serviceModelIndex,
                        0,
                        stats.curves,
                        times,
                        observed.stream().filter(o -> !o.site()).toList())),
            new Named(
                "sites",
                () ->
                    RecoveryCharts.fan(
                        heading + " — site capacity back (median, p10–p90)",
                        "capacity back (share)",
                        plan.siteNames,
                        sites,
                        plan.services,
                        stats.curves,
                        times,
                        observed.stream().filter(Observation::site).toList())),
            new Named("causes", () -> CausesChart.causes(plan, stats, heading))),
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

  static XYSeries line(
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
  static XYSeries dense(XYSeries s) {
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
  static void band(XYChart c, String name, double[] x, double[] lo, double[] hi, Color color) {
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

  /** max − min of the finite values of {@code v}; 0 when there are none. */
  static double span(double[][]... v) {
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

  static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  static void empty(XYChart c, String why) {
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
