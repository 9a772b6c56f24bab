package io.firedrill.report;

import io.firedrill.study.Sizing;
import io.firedrill.study.Target;
import io.firedrill.study.Vary;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code size.csv} (docs/outputs.md): one row per value the sizing search visited, in increasing
 * order: the value, the target's statistic and its 95 % interval, whether the value meets the
 * target and its yearly cost.
 */
public final class SizeCsv {
  private SizeCsv() {}

  /**
   * Writes the points {@code result} visited in its search of {@code range} for {@code target};
   * closes {@code out}.
   */
  public static void write(Writer out, Sizing.Result result, Target t, Vary range)
      throws IOException {
    try (CSVPrinter csv =
        Csv.printer(
            out,
            range.column(),
            t.service() + "." + t.metric().csvName() + "." + t.stat(),
            "ci95_low",
            "ci95_high",
            "target_met",
            "cost_per_year")) {
      for (Sizing.Point p : result.visited()) {
        csv.printRecord(
            Vary.text(p.value()),
            Numbers.csv(p.estimate()),
            Numbers.csv(p.low()),
            Numbers.csv(p.high()),
            p.met() ? 1 : 0,
            Numbers.csv(p.cost()));
      }
    }
  }
}
