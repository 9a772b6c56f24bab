package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.stats.CurveStats;
import io.firedrill.stats.RunStats;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code observed.csv} of a scenario run with {@code --observed} (docs/outputs.md): each observed
 * point beside the simulated distribution of its series at the nearest curve time, and whether it
 * lies below, inside or above the simulated p10–p90 band.
 */
public final class ObservedCsv {
  private ObservedCsv() {}

  /**
   * How far outside [p10, p90] a point may lie and still count as inside: half a bin of the curves'
   * histograms ({@link CurveStats#BINS}), the resolution of their percentiles.
   */
  public static final double BAND_SLACK = 0.5 / CurveStats.BINS;

  /** Where a point lies against the simulated band: "below", "inside" or "above". */
  public static String band(double value, double p10, double p90) {
    return value < p10 - BAND_SLACK ? "below" : value > p90 + BAND_SLACK ? "above" : "inside";
  }

  /**
   * The index of the curve time nearest {@code hours} among {@code times}, evenly spaced from 0 to
   * the horizon (the earlier of two equally near).
   */
  public static int nearest(double hours, double[] times) {
    int last = times.length - 1;
    double h = times[last];
    int j = (int) Math.max(0, Math.min(last, Math.rint(hours / h * last)));
    // rint of the scaled time can miss by one where the spacing rounds: settle on the times.
    while (j > 0 && Math.abs(times[j - 1] - hours) <= Math.abs(times[j] - hours)) {
      j--;
    }
    while (j < last && Math.abs(times[j + 1] - hours) < Math.abs(times[j] - hours)) {
      j++;
    }
    return j;
  }

  /** The curve of an observation's series in the scenario's curves (services first, then sites). */
  static int curveSeries(Plan plan, Observation o) {
    return o.site() ? plan.services + o.index() : o.index();
  }

  /**
   * Writes one row per observation, in file order: series, kind, time_h, observed, curve_time_h,
   * p10, p50, p90, band, fitted, source; closes {@code out}.
   */
  public static void write(
      Writer out, Plan plan, RunStats stats, double[] times, List<Observation> observed)
      throws IOException {
    CurveStats curves = stats.curves;
    try (CSVPrinter csv =
        new CSVPrinter(
            out,
            Csv.FORMAT
                .builder()
                .setHeader(
                    "series",
                    "kind",
                    "time_h",
                    "observed",
                    "curve_time_h",
                    "p10",
                    "p50",
                    "p90",
                    "band",
                    "fitted",
                    "source")
                .get())) {
      for (Observation o : observed) {
        int j = nearest(o.hours(), times);
        int k = curveSeries(plan, o);
        double p10 = curves.quantile(j, k, 0.1);
        double p90 = curves.quantile(j, k, 0.9);
        csv.printRecord(
            o.series(),
            o.site() ? "site" : "service",
            Numbers.csv(o.hours()),
            Numbers.csv(o.value()),
            Numbers.csv(times[j]),
            Numbers.csv(p10),
            Numbers.csv(curves.quantile(j, k, 0.5)),
            Numbers.csv(p90),
            band(o.value(), p10, p90),
            o.fitted() ? "yes" : "no",
            o.source());
      }
    }
  }

  /**
   * One line for the console: how many points lie inside the simulated p10–p90 band, out of sample
   * and fitted apart, e.g. {@code "observed: 9 points; inside the simulated p10-p90 band: 4 of 6
   * out of sample, 3 of 3 fitted (observed.csv)"}.
   */
  public static String summary(Plan plan, RunStats stats, double[] times, List<Observation> obs) {
    int[] n = new int[2];
    int[] inside = new int[2];
    for (Observation o : obs) {
      int j = nearest(o.hours(), times);
      int k = curveSeries(plan, o);
      int f = o.fitted() ? 1 : 0;
      n[f]++;
      String b =
          band(o.value(), stats.curves.quantile(j, k, 0.1), stats.curves.quantile(j, k, 0.9));
      if (b.equals("inside")) {
        inside[f]++;
      }
    }
    StringBuilder s =
        new StringBuilder("observed: ")
            .append(obs.size())
            .append(obs.size() == 1 ? " point" : " points")
            .append("; inside the simulated p10-p90 band: ");
    if (n[0] > 0) {
      s.append(inside[0]).append(" of ").append(n[0]).append(" out of sample");
    }
    if (n[1] > 0) {
      s.append(n[0] > 0 ? ", " : "")
          .append(inside[1])
          .append(" of ")
          .append(n[1])
          .append(" fitted");
    }
    return s.append(" (observed.csv)").toString();
  }
}
