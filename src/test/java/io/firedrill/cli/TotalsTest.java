package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.stats.LogHistogram;
import io.firedrill.stats.Tally;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code total} row: downtime, outages and user-hours summed over services within each trial,
 * so its mean, interval and percentiles are those of the per-trial sums, not sums of percentiles.
 * Checked against the sums of trials.csv, which hold the same trials exactly.
 */
class TotalsTest {
  static final String MODEL =
      """
      name: totals
      horizon: 1y
      sites:
        a: {fault: {rate: 1/y, outage: "lognormal(median=4h, p90=20h)"}}
        b: {fault: {rate: 3/y, outage: "lognormal(median=1h, p90=5h)"}}
      services:
        ops: {users: 0, demand: 1, deploy: {a: 1}}
        sa: {users: 1000, demand: 10, deploy: {a: 10}}
        sb: {users: 10, demand: 10, deploy: {b: 10}}
      """;

  static final String[] METRICS = {"downtime_h", "outages", "user_hours", "degraded_h"};
  static final int TRIALS = 20_000;

  @TempDir static Path dir;
  static Cli.Result run;

  @BeforeAll
  static void runOnce() throws Exception {
    Path m = ScenarioCommandTest.model(dir, MODEL);
    run =
        Cli.run(
            "run",
            m.toString(),
            "--trials",
            Integer.toString(TRIALS),
            "--seed",
            "5",
            "--per-trial",
            "--threads",
            "2",
            "--charts",
            "none",
            "--out",
            dir.resolve("run").toString());
    assertEquals(0, run.code(), run::toString);
  }

  /** Per metric, the per-trial sums over services, read from trials.csv. */
  static Map<String, double[]> sums() throws Exception {
    Map<String, double[]> sums = new HashMap<>();
    for (String metric : METRICS) {
      sums.put(metric, new double[TRIALS]);
    }
    for (CSVRecord t : ScenarioCommandTest.csv(dir.resolve("run/trials.csv"))) {
      int trial = Integer.parseInt(t.get("trial"));
      for (String metric : METRICS) {
        sums.get(metric)[trial] += Double.parseDouble(t.get(metric));
      }
    }
    return sums;
  }

  @Test
  void totalRow_isThePerTrialSumOverServices() throws Exception {
    Map<String, double[]> sums = sums();
    for (String metric : METRICS) {
      double[] x = sums.get(metric);
      Tally t = new Tally();
      Arrays.stream(x).forEach(t::add);
      double[] ci = t.interval95(0, Double.POSITIVE_INFINITY);
      double[] sorted = x.clone();
      Arrays.sort(sorted);
      CSVRecord row = MetricRangeTest.row(dir.resolve("run/summary.csv"), "total", metric);
      assertEquals(t.mean(), d(row, "mean"), 1e-9 * t.mean(), metric);
      assertEquals(ci[0], d(row, "ci95_low"), 1e-9 * t.mean(), metric);
      assertEquals(ci[1], d(row, "ci95_high"), 1e-9 * t.mean(), metric);
      for (String[] q :
          List.of(
              new String[] {"p50", "0.5"},
              new String[] {"p90", "0.9"},
              new String[] {"p99", "0.99"},
              new String[] {"p999", "0.999"},
              new String[] {"max", "1"})) {
        double want = sorted[(int) Math.floor(Double.parseDouble(q[1]) * (TRIALS - 1))];
        assertEquals(
            want, d(row, q[0]), want * (LogHistogram.ACCURACY + 1e-9), metric + " " + q[0]);
      }
    }
    // The quantiles above are those of the per-trial sums, not sums of the services' quantiles:
    // quantiles do not add (neither bound holds in general), so no test compares the two.
  }

  @Test
  void totalRow_onTheConsole_andOnlyForMetricsThatAddUp() throws Exception {
    String total = run.out().lines().filter(l -> l.startsWith("total ")).findFirst().orElseThrow();
    double mean =
        d(MetricRangeTest.row(dir.resolve("run/summary.csv"), "total", "downtime_h"), "mean");
    assertTrue(total.contains(io.firedrill.report.Numbers.brief(mean, 4) + " ["), total);
    List<String> metrics =
        ScenarioCommandTest.csv(dir.resolve("run/summary.csv")).stream()
            .filter(r -> r.get("service").equals("total"))
            .map(r -> r.get("metric"))
            .toList();
    assertEquals(List.of(METRICS), metrics);
  }

  @Test
  void totals_areTheSameAtAnyThreadCount() throws Exception {
    Path m = dir.resolve("model.yaml");
    Cli.Result one =
        Cli.run(
            "run",
            m.toString(),
            "--trials",
            Integer.toString(TRIALS),
            "--seed",
            "5",
            "--threads",
            "1",
            "--charts",
            "none",
            "--out",
            dir.resolve("one").toString());
    assertEquals(0, one.code(), one::toString);
    assertEquals(
        Files.readString(dir.resolve("run/summary.csv")),
        Files.readString(dir.resolve("one/summary.csv")));
  }

  @Test
  void sweep_totalRows_matchTheRun_andTheirPairedDifference() throws Exception {
    Path m = dir.resolve("model.yaml");
    Cli.Result r =
        Cli.run(
            "sweep",
            m.toString(),
            "--vary",
            "services.sa.users=1000..2000:1000",
            "--chart",
            "total.user_hours.p99",
            "--trials",
            Integer.toString(TRIALS),
            "--seed",
            "5",
            "--charts",
            "none",
            "--out",
            dir.resolve("sweep").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("total user_hours p99 [95% CI]"), r::toString);
    List<CSVRecord> rows = ScenarioCommandTest.csv(dir.resolve("sweep/sweep.csv"));
    for (String metric : METRICS) {
      CSVRecord first = find(rows, "0", "total", metric);
      CSVRecord inRun = MetricRangeTest.row(dir.resolve("run/summary.csv"), "total", metric);
      // The first point is the run's trials: the same total, cell for cell.
      for (String column : List.of("mean", "ci95_low", "ci95_high", "p50", "p99", "max")) {
        assertEquals(inRun.get(column), first.get(column), metric + " " + column);
      }
      assertEquals("0", first.get("diff_mean"));
    }
    // Only sa's users change: the total's paired difference is sa's.
    CSVRecord sa = find(rows, "1", "sa", "user_hours");
    CSVRecord total = find(rows, "1", "total", "user_hours");
    for (String column : List.of("diff_mean", "diff_ci95_low", "diff_ci95_high")) {
      assertEquals(d(sa, column), d(total, column), 1e-9 * d(sa, "diff_mean"), column);
    }
    assertTrue(d(total, "diff_ci95_low") > 0, total.toString());
  }

  @Test
  void causes_serviceWithoutUsers_hasAnEmptyUserHoursShare() throws Exception {
    List<CSVRecord> ops =
        ScenarioCommandTest.csv(dir.resolve("run/causes.csv")).stream()
            .filter(r -> r.get("service").equals("ops"))
            .toList();
    assertEquals(1, ops.size(), ops::toString);
    assertEquals("fault@a", ops.get(0).get("cause"));
    assertEquals("1", ops.get(0).get("downtime_h_share"));
    assertEquals("", ops.get(0).get("user_hours_share"));
  }

  private static CSVRecord find(List<CSVRecord> rows, String point, String service, String metric) {
    return rows.stream()
        .filter(
            x ->
                x.get("point").equals(point)
                    && x.get("service").equals(service)
                    && x.get("metric").equals(metric))
        .findFirst()
        .orElseThrow();
  }

  private static double d(CSVRecord r, String column) {
    return Double.parseDouble(r.get(column));
  }
}
