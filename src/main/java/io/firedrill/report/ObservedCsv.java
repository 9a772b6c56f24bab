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

  /**
   * An observation beside its series' curve at the nearest curve time j: the percentiles there and
   * where the point lies against the band ({@link #band}).
   */
  private record Compared(int j, double p10, double p50, double p90, String band) {}

  private static Compared compare(Plan plan, CurveStats curves, double[] times, Observation o) {
    int j = nearest(o.hours(), times);
    // The scenario's curves hold the services first, then the sites.
    int k = o.site() ? plan.services + o.index() : o.index();
    double p10 = curves.quantile(j, k, 0.1);
    double p90 = curves.quantile(j, k, 0.9);
    return new Compared(j, p10, curves.quantile(j, k, 0.5), p90, band(o.value(), p10, p90));
  }

  /**
   * Writes one row per observation, in file order: series, kind, time_h, observed, curve_time_h,
   * p10, p50, p90, band, fitted, source; closes {@code out}.
   */
  public static void write(
      Writer out, Plan plan, RunStats stats, double[] times, List<Observation> observed)
      throws IOException {
    try (CSVPrinter csv =
        Csv.printer(
            out,
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
            "source")) {
      for (Observation o : observed) {
        Compared c = compare(plan, stats.curves, times, o);
        csv.printRecord(
            o.series(),
            o.site() ? "site" : "service",
            Numbers.csv(o.hours()),
            Numbers.csv(o.value()),
            Numbers.csv(times[c.j()]),
            Numbers.csv(c.p10()),
            Numbers.csv(c.p50()),
            Numbers.csv(c.p90()),
            c.band(),
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
      int f = o.fitted() ? 1 : 0;
      n[f]++;
      if (compare(plan, stats.curves, times, o).band().equals("inside")) {
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
