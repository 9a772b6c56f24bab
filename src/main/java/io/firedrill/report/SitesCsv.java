package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.stats.RunStats;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code sites.csv} of a scenario (docs/outputs.md): per curve time and site, the share of the
 * site's capacity back: mean, p10, p50 and p90 over trials.
 */
public final class SitesCsv {
  private SitesCsv() {}

  /** Writes the site-capacity curves of {@code stats} at {@code times} (hours); closes out. */
  public static void write(Writer out, Plan plan, RunStats stats, double[] times)
      throws IOException {
    CurveCsv.write(out, stats.curves, times, "site", plan.siteNames, plan.services);
  }
}
