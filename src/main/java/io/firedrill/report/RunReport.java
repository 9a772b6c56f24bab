package io.firedrill.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The results of a {@code run}: the console summary and the CSV files of docs/outputs.md.
 *
 * <p>Services appear in dependency order everywhere. Every figure goes through {@link Numbers}, so
 * files are the same bytes for the same results and never hold NaN or Infinity.
 */
public final class RunReport {
  /** RFC 4180 with a header row and {@code \n} line ends, the same on every platform. */
  public static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  static final String[] SUMMARY_HEADER = {
    "service", "metric", "mean", "ci95_low", "ci95_high", "p50", "p90", "p99", "p999", "max"
  };

  private final Plan plan;
  private final RunStats stats;

  public RunReport(Plan plan, RunStats stats) {
    this.plan = plan;
    this.stats = stats;
  }

  /** {@code summary.csv} of a run: its metrics, plus availability and its nines. */
  public void writeSummary(Writer out) throws IOException {
    writeSummary(out, Metric.RUN, true);
  }

  /**
   * {@code summary.csv}: one row per service and metric (and availability, nines if asked), then
   * the {@code total} rows: the metrics with a total over services, summed per trial.
   */
  public void writeSummary(Writer out, List<Metric> metrics, boolean availability)
      throws IOException {
    try (CSVPrinter csv = new CSVPrinter(out, CSV.builder().setHeader(SUMMARY_HEADER).get())) {
      for (int a = 0; a < plan.services; a++) {
        String name = plan.serviceNames[a];
        for (Metric m : metrics) {
          if (m == Metric.RTO_BREACH && Double.isNaN(plan.rtoHours[a])) {
            // No rto, no breach to estimate: undefined, not a probability of 0.
            csv.printRecord(name, m.csvName(), "", "", "", "", "", "", "", "");
            continue;
          }
          metricRow(csv, name, m, stats.metric(a, m));
        }
        if (!availability) {
          continue;
        }
        intervalRow(csv, name, "availability", availability(a));
        intervalRow(csv, name, "nines", nines(a));
      }
      for (Metric m : metrics) {
        if (m.hasTotal()) {
          metricRow(csv, TOTAL, m, stats.total(m));
        }
      }
    }
  }

  /** The name of the row of totals over services in summary.csv, sweep.csv and the console. */
  public static final String TOTAL = "total";

  private static void metricRow(CSVPrinter csv, String service, Metric m, MetricStats ms)
      throws IOException {
    double[] ci = ms.interval95();
    csv.printRecord(
        service,
        m.csvName(),
        Numbers.csv(ms.mean()),
        Numbers.csv(ci[0]),
        Numbers.csv(ci[1]),
        Numbers.csv(ms.quantile(0.5)),
        Numbers.csv(ms.quantile(0.9)),
        Numbers.csv(ms.quantile(0.99)),
        Numbers.csv(ms.quantile(0.999)),
        Numbers.csv(ms.max()));
  }

  /** A summary row with a mean and its interval only (percentiles do not apply). */
  private static void intervalRow(CSVPrinter csv, String service, String metric, double[] v)
      throws IOException {
    csv.printRecord(
        service,
        metric,
        Numbers.csv(v[0]),
        Numbers.csv(v[1]),
        Numbers.csv(v[2]),
        "",
        "",
        "",
        "",
        "");
  }

  /**
   * {@code causes.csv}: per service, each cause's outages and shares of downtime and user-hours.
   */
  public void writeCauses(Writer out) throws IOException {
    int nc = plan.causes();
    try (CSVPrinter csv =
        new CSVPrinter(
            out,
            CSV.builder()
                .setHeader("service", "cause", "outages", "downtime_h_share", "user_hours_share")
                .get())) {
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
              stats.causeOutages[k],
              Numbers.csv(down > 0 ? stats.causeDowntime[k] / down : Double.NaN),
              Numbers.csv(uh > 0 ? stats.causeUserHours[k] / uh : Double.NaN));
        }
      }
    }
  }

  /**
   * {@code outages.csv}, written while the trials run: the header at once, then the first outages
   * of each merged block, in trial order (within a trial, in the order they end).
   */
  public static final class OutagesCsv implements io.firedrill.run.TrialRunner.OutageSink {
    private final Plan plan;
    private final CSVPrinter csv;

    /** Writes the header to {@code out}; {@link #close} closes it. */
    public OutagesCsv(Plan plan, Writer out) throws IOException {
      this.plan = plan;
      this.csv =
          new CSVPrinter(
              out,
              CSV.builder()
                  .setHeader(
                      "trial", "service", "cause", "start_h", "end_h", "duration_h", "user_hours")
                  .get());
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

  /**
   * {@code recovery.csv}: per curve time and service, the served fraction's mean, p10, p50 and p90
   * over trials.
   */
  public void writeRecovery(Writer out, double[] times) throws IOException {
    writeCurves(out, times, "service", plan.serviceNames, 0);
  }

  /** {@code sites.csv}: per curve time and site, the share of the site's capacity back. */
  public void writeSites(Writer out, double[] times) throws IOException {
    writeCurves(out, times, "site", plan.siteNames, plan.services);
  }

  private void writeCurves(Writer out, double[] times, String what, String[] names, int offset)
      throws IOException {
    io.firedrill.stats.CurveStats c = stats.curves;
    try (CSVPrinter csv =
        new CSVPrinter(
            out, CSV.builder().setHeader("time_h", what, "mean", "p10", "p50", "p90").get())) {
      for (int j = 0; j < c.points(); j++) {
        for (int k = 0; k < names.length; k++) {
          csv.printRecord(
              Numbers.csv(times[j]),
              names[k],
              Numbers.csv(c.mean(j, offset + k)),
              Numbers.csv(c.quantile(j, offset + k, 0.1)),
              Numbers.csv(c.quantile(j, offset + k, 0.5)),
              Numbers.csv(c.quantile(j, offset + k, 0.9)));
        }
      }
    }
  }

  /** The console summary of a scenario: time to recover and impact per service. */
  public void printScenarioSummary(PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "service",
          "P(affected)",
          "recover h p10",
          "p50",
          "p90",
          "P(recovered)",
          "downtime h",
          "user-hours"
        });
    for (int a = 0; a < plan.services; a++) {
      MetricStats r = stats.metric(a, Metric.RECOVER_H);
      rows.add(
          new String[] {
            plan.serviceNames[a],
            Numbers.brief(stats.metric(a, Metric.AFFECTED).mean(), 4),
            Numbers.brief(r.quantile(0.1), 4),
            Numbers.brief(r.quantile(0.5), 4),
            Numbers.brief(r.quantile(0.9), 4),
            Numbers.brief(stats.metric(a, Metric.RECOVERED).mean(), 4),
            Numbers.brief(stats.metric(a, Metric.DOWNTIME_H).mean(), 4),
            Numbers.brief(stats.metric(a, Metric.USER_HOURS).mean(), 4)
          });
    }
    rows.add(
        new String[] {
          TOTAL,
          "",
          "",
          "",
          "",
          "",
          Numbers.brief(stats.total(Metric.DOWNTIME_H).mean(), 4),
          Numbers.brief(stats.total(Metric.USER_HOURS).mean(), 4)
        });
    printTable(out, rows);
  }

  /**
   * One line saying that the horizon cut recovery off, naming every service that had not recovered
   * from the event by then in some trials (P(recovered) &lt; 1) and how to extend the horizon; null
   * when every service recovered in every trial.
   */
  public String censoringNote(double horizonHours) {
    List<String> cut = new ArrayList<>();
    for (int a = 0; a < plan.services; a++) {
      MetricStats r = stats.metric(a, Metric.RECOVERED);
      if (r.count() > 0 && r.mean() < 1) {
        cut.add(
            plan.serviceNames[a]
                + " in "
                + Numbers.brief(100 * (1 - r.mean()), 3)
                + " % of trials");
      }
    }
    if (cut.isEmpty()) {
      return null;
    }
    String longer = io.firedrill.dist.Units.formatDuration(2 * horizonHours);
    return "note: the horizon ("
        + io.firedrill.dist.Units.formatDuration(horizonHours)
        + ") cut recovery off: not recovered from the event by then: "
        + String.join(", ", cut)
        + "; recover_h counts those trials as the horizon. Extend it with --horizon "
        + longer
        + " (or scenario_horizon: "
        + longer
        + " in the model).";
  }

  /** Header of {@code trials.csv}. */
  public static final String[] TRIALS_HEADER = {
    "trial", "service", "downtime_h", "outages", "longest_h", "user_hours", "rto_breach"
  };

  /** {@code run.json}: what was run, with which versions, and how long it took. */
  public static void writeRunJson(Writer out, Map<String, Object> fields) throws IOException {
    Map<String, Object> all = new LinkedHashMap<>(fields);
    all.put("versions", versions());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, all);
  }

  /** The versions of firedrill, Java and the libraries it was built with. */
  public static Map<String, String> versions() {
    Map<String, String> v = new LinkedHashMap<>();
    Properties p = new Properties();
    try (InputStream in = RunReport.class.getResourceAsStream("/io/firedrill/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Versions are informative; a missing file leaves them out.
    }
    v.put("firedrill", p.getProperty("version", "unknown"));
    v.put("java", System.getProperty("java.version"));
    for (String k :
        List.of(
            "commons-rng",
            "commons-statistics",
            "commons-math3",
            "commons-csv",
            "xchart",
            "picocli",
            "jackson")) {
      v.put(k, p.getProperty(k, "unknown"));
    }
    return v;
  }

  /**
   * The console summary: one line per service, then the total over services (downtime, outages and
   * user-hours summed per trial; the other columns do not add up and stay empty).
   */
  public void printSummary(PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "service",
          "availability",
          "nines",
          "downtime h [95% CI]",
          "p99 downtime h",
          "outages",
          "p99 longest h",
          "user-hours",
          "P(rto breach)"
        });
    for (int a = 0; a < plan.services; a++) {
      MetricStats down = stats.metric(a, Metric.DOWNTIME_H);
      MetricStats rto = stats.metric(a, Metric.RTO_BREACH);
      double[] av = availability(a);
      double[] ni = nines(a);
      rows.add(
          new String[] {
            plan.serviceNames[a],
            Numbers.brief(av[0], 6),
            Double.isFinite(ni[0]) ? Numbers.brief(ni[0], 3) : "no downtime",
            Numbers.withInterval(down.mean(), down.interval95()),
            Numbers.brief(down.quantile(0.99), 4),
            Numbers.brief(stats.metric(a, Metric.OUTAGES).mean(), 4),
            Numbers.brief(stats.metric(a, Metric.LONGEST_H).quantile(0.99), 4),
            Numbers.brief(stats.metric(a, Metric.USER_HOURS).mean(), 4),
            Double.isNaN(plan.rtoHours[a]) ? "no rto" : Numbers.brief(rto.mean(), 3)
          });
    }
    MetricStats down = stats.total(Metric.DOWNTIME_H);
    rows.add(
        new String[] {
          TOTAL,
          "",
          "",
          Numbers.withInterval(down.mean(), down.interval95()),
          Numbers.brief(down.quantile(0.99), 4),
          Numbers.brief(stats.total(Metric.OUTAGES).mean(), 4),
          "",
          Numbers.brief(stats.total(Metric.USER_HOURS).mean(), 4),
          ""
        });
    printTable(out, rows);
  }

  /** Prints rows as a table: first column left-aligned, the others right-aligned. */
  static void printTable(PrintWriter out, List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        b.append(i == 0 ? "" : "  ");
        b.append(i == 0 ? pad(r[i], width[i]) : padLeft(r[i], width[i]));
      }
      out.println(b.toString().stripTrailing());
    }
  }

  /**
   * Mean availability 1 − downtime/H with the interval that follows from downtime's, {mean, low,
   * high}: within [0, 1] because downtime's interval is within [0, H]; undefined (NaN) where
   * downtime's is.
   */
  double[] availability(int a) {
    MetricStats down = stats.metric(a, Metric.DOWNTIME_H);
    double[] ci = down.interval95();
    double h = plan.horizonHours;
    return new double[] {1 - down.mean() / h, 1 - ci[1] / h, 1 - ci[0] / h};
  }

  /**
   * −log10 of the unavailability downtime/H, with the interval that follows from downtime's, {mean,
   * low, high}; NaN (an empty cell) where unbounded (no downtime) or undefined.
   */
  double[] nines(int a) {
    MetricStats down = stats.metric(a, Metric.DOWNTIME_H);
    double[] ci = down.interval95();
    double h = plan.horizonHours;
    return new double[] {nines(down.mean() / h), nines(ci[1] / h), nines(ci[0] / h)};
  }

  private static double nines(double unavailability) {
    return unavailability > 0 ? -Math.log10(Math.min(1, unavailability)) : Double.NaN;
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  private static String padLeft(String s, int w) {
    return " ".repeat(w - s.length()) + s;
  }
}
