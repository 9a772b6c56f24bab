package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.stats.RunStats;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code recovery.csv} of a scenario (docs/outputs.md): per curve time and service, the served
 * fraction's mean, p10, p50 and p90 over trials.
 */
public final class RecoveryCsv {
  private RecoveryCsv() {}

  /** Writes the served-fraction curves of {@code stats} at {@code times} (hours); closes out. */
  public static void write(Writer out, Plan plan, RunStats stats, double[] times)
      throws IOException {
    CurveCsv.write(out, stats.curves, times, "service", plan.serviceNames, 0);
  }
}
