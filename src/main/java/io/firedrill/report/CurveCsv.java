package io.firedrill.report;

import io.firedrill.stats.CurveStats;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVPrinter;

/** The table recovery.csv and sites.csv share: per curve time and series, mean, p10, p50, p90. */
final class CurveCsv {
  private CurveCsv() {}

  /**
   * Writes the curves {@code offset} to {@code offset + names.length − 1} of {@code curves} at
   * {@code times} (hours), the series column headed {@code what}; closes {@code out}.
   */
  static void write(
      Writer out, CurveStats curves, double[] times, String what, String[] names, int offset)
      throws IOException {
    try (CSVPrinter csv = Csv.printer(out, "time_h", what, "mean", "p10", "p50", "p90")) {
      for (int j = 0; j < curves.points(); j++) {
        for (int k = 0; k < names.length; k++) {
          csv.printRecord(
              Numbers.csv(times[j]),
              names[k],
              Numbers.csv(curves.mean(j, offset + k)),
              Numbers.csv(curves.quantile(j, offset + k, 0.1)),
              Numbers.csv(curves.quantile(j, offset + k, 0.5)),
              Numbers.csv(curves.quantile(j, offset + k, 0.9)));
        }
      }
    }
  }
}
