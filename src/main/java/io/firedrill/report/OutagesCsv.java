package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.RunStats;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code outages.csv} (docs/outputs.md), written while the trials run: the header at once, then the
 * first outages of each merged block, in trial order (within a trial, in the order they end).
 */
public final class OutagesCsv implements TrialRunner.OutageSink {
  private final Plan plan;
  private final CSVPrinter csv;

  /** Writes the header to {@code out}; {@link #close} closes it. */
  public OutagesCsv(Plan plan, Writer out) throws IOException {
    this.plan = plan;
    this.csv =
        Csv.printer(
            out, "trial", "service", "cause", "start_h", "end_h", "duration_h", "user_hours");
  }

  @Override
  public void outages(RunStats.OutageList o, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      csv.printRecord(
          o.trial[i],
          plan.serviceNames[o.service[i]],
          plan.causeNames[o.cause[i]],
          Numbers.csv(o.start[i]),
          Numbers.csv(o.end[i]),
          Numbers.csv(o.end[i] - o.start[i]),
          Numbers.csv(o.userHours[i]));
    }
  }

  /** Flushes and closes the file. */
  public void close() throws IOException {
    csv.close();
  }
}
