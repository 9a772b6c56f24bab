package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.stats.RunStats;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code causes.csv} of a run or a scenario (docs/outputs.md): per service, each cause's outages
 * and shares of downtime and user-hours.
 */
public final class CausesCsv {
  private CausesCsv() {}

  /**
   * Writes one row per service and cause that began an outage or lost user-hours; closes {@code
   * out}.
   */
  public static void write(Writer out, Plan plan, RunStats stats) throws IOException {
    int nc = plan.causes();
    try (CSVPrinter csv =
        Csv.printer(out, "service", "cause", "outages", "downtime_h_share", "user_hours_share")) {
      for (int a = 0; a < plan.services; a++) {
        double down = 0;
        double uh = 0;
        for (int c = 0; c < nc; c++) {
          down += stats.causeDowntime[a * nc + c];
          uh += stats.causeUserHours[a * nc + c];
        }
        for (int c = 0; c < nc; c++) {
          int k = a * nc + c;
          if (stats.causeOutages[k] == 0 && stats.causeUserHours[k] == 0) {
            continue;
          }
          // A share of nothing is undefined: an empty cell, not 0 (docs/outputs.md).
          csv.printRecord(
              plan.serviceNames[a],
              plan.causeNames[c],
              stats.weighted()
                  ? Numbers.csv(stats.causeOutageWeight[k])
                  : String.valueOf(stats.causeOutages[k]),
              Numbers.csv(down > 0 ? stats.causeDowntime[k] / down : Double.NaN),
              Numbers.csv(uh > 0 ? stats.causeUserHours[k] / uh : Double.NaN));
        }
      }
    }
  }
}
