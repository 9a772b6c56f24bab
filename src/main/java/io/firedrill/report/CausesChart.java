package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.stats.RunStats;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The {@code causes} chart of a run or a scenario (docs/outputs.md, "Charts"): the share of all
 * services' user-hours and downtime per cause, horizontal bars, largest first (15 at most).
 */
final class CausesChart {
  private CausesChart() {}

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
        Charts.base(
            heading + " — what causes the losses", "share of the total over all services", "");
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
      Charts.empty(c, "no outages and no user-hours lost");
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
          Charts.color(0),
          i == 0);
      bar(
          c,
          i == 0 ? "share of downtime" : "dt " + k,
          y - 0.38,
          y - 0.04,
          downShare,
          Charts.color(1),
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
}
