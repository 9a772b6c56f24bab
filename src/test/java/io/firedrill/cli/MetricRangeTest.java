package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.stats.LogHistogram;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Results at the edges of what a metric can be, end to end: percentiles of user-hours far above and
 * far below what the quantile sketch once clamped (2^60 ≈ 1.15e18 and 2^-30 ≈ 9.3e-10).
 */
class MetricRangeTest {
  /**
   * users 1e15 (the most a model may give) and outages of 100 to 1000 days over 10 years: a trial
   * loses up to ~8.8e19 user-hours, the median ~1e19; users 1e-12 and outages of 1 to 100 hours:
   * ~1e-12 to 1e-9 user-hours. Each percentile in summary.csv must be within the sketch's relative
   * accuracy (2^-8) of the exact sample percentile of the same trials, read from trials.csv (lower
   * nearest rank on q (n − 1)); the max is exact. Deterministic: same trials both ways.
   */
  @ParameterizedTest
  @CsvSource({
    "1e15,  10y, 0.2/y, 'uniform(100d, 1000d)', 1.152921504606846976e18, above",
    "1e-12, 1y,  10/y,  'uniform(1h, 100h)',    9.313225746154785e-10,   below"
  })
  void userHours_beyondTheOldClamp_percentilesWithinTheSketchAccuracy(
      String users,
      String horizon,
      String rate,
      String outage,
      double oldClamp,
      String side,
      @TempDir Path dir)
      throws Exception {
    Path model =
        ScenarioCommandTest.model(
            dir,
            String.format(
                """
                name: edge
                horizon: %s
                sites:
                  a:
                    fault: {rate: %s, outage: "%s"}
                services:
                  s:
                    users: %s
                    demand: 10
                    deploy: {a: 10}
                """,
                horizon, rate, outage, users));
    Cli.Result r =
        Cli.run(
            "run",
            model.toString(),
            "--trials",
            "4000",
            "--seed",
            "7",
            "--per-trial",
            "--charts",
            "none",
            "--out",
            dir.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    double[] exact =
        ScenarioCommandTest.csv(dir.resolve("out/trials.csv")).stream()
            .mapToDouble(t -> Double.parseDouble(t.get("user_hours")))
            .sorted()
            .toArray();
    CSVRecord row = row(dir.resolve("out/summary.csv"), "s", "user_hours");
    int n = exact.length;
    for (String[] q :
        List.of(
            new String[] {"p50", "0.5"},
            new String[] {"p90", "0.9"},
            new String[] {"p99", "0.99"},
            new String[] {"p999", "0.999"},
            new String[] {"max", "1"})) {
      double want = exact[(int) Math.floor(Double.parseDouble(q[1]) * (n - 1))];
      double got = Double.parseDouble(row.get(q[0]));
      assertEquals(want, got, want * (LogHistogram.ACCURACY + 1e-9), q[0] + " of " + users);
    }
    double p50 = Double.parseDouble(row.get("p50"));
    assertTrue(side.equals("above") ? p50 > oldClamp : p50 > 0 && p50 < oldClamp, "p50 " + p50);
    double[] distinct = Arrays.stream(exact).distinct().toArray();
    assertTrue(distinct.length > n / 2, "the trials must spread: " + distinct.length);
  }

  /** The issue's example: one site, a fault 0.1/y of exactly 1 h, 1000 users. */
  static final String ONE_SITE =
      """
      name: one
      horizon: 1y
      sites:
        a: {fault: {rate: 0.1/y, outage: "fixed(1h)"}}
      services:
        s: {users: 1000, demand: 10, deploy: {a: 10}}
      """;

  /**
   * 10 trials, seed 3: one trial has the fault (1 h, 1000 user-hours), nine have none. Mean 0.1 h,
   * SE = sqrt(0.1 / 10) = 0.1, so the normal interval is 0.1 ± 0.196 = [-0.096, 0.296]; downtime
   * cannot be negative, so it is truncated to [0, 0.296]; user-hours likewise [0, 296].
   */
  @Test
  void run_issueExample_intervalsTruncatedAtZero(@TempDir Path dir) throws Exception {
    Path model = ScenarioCommandTest.model(dir, ONE_SITE);
    Cli.Result r =
        Cli.run(
            "run",
            model.toString(),
            "--trials",
            "10",
            "--seed",
            "3",
            "--per-trial",
            "--charts",
            "none",
            "--out",
            dir.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    // The premise, from the per-trial rows: exactly one trial of ten lost 1 h.
    assertEquals(
        List.of("0", "0", "0", "0", "0", "0", "0", "0", "0", "1"),
        ScenarioCommandTest.csv(dir.resolve("out/trials.csv")).stream()
            .map(t -> t.get("downtime_h"))
            .sorted()
            .toList());
    Path summary = dir.resolve("out/summary.csv");
    assertInterval(row(summary, "s", "downtime_h"), "0.1", "0", "0.2959963985");
    assertInterval(row(summary, "s", "user_hours"), "100", "0", "295.9963985");
    assertInterval(row(summary, "s", "outages"), "0.1", "0", "0.2959963985");
    assertInterval(row(summary, "s", "longest_h"), "0.1", "0", "0.2959963985");
    // Availability follows from downtime: 1 - [0, 0.296] / 8760.
    assertInterval(row(summary, "s", "availability"), "0.9999885845", "0.9999662105", "1");
    // The upper bound of nines (no downtime at the interval's low end) is unbounded: empty.
    assertInterval(row(summary, "s", "nines"), "4.942504106", "4.471217679", "");
    assertTrue(r.out().contains("0.1 [0, 0.296]"), r::toString);
    for (String[] cells : allRows(summary)) {
      for (String c : cells) {
        assertFalse(c.startsWith("-"), String.join(",", cells));
      }
    }
  }

  /** With one trial no interval can be estimated: empty cells and "n/a", never [x, x]. */
  @ParameterizedTest
  @CsvSource({"run, ''", "scenario, fault@a"})
  void oneTrial_everyIntervalIsUndefined(String command, String event, @TempDir Path dir)
      throws Exception {
    Path model = ScenarioCommandTest.model(dir, ONE_SITE);
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                command,
                model.toString(),
                "--trials",
                "1",
                "--charts",
                "none",
                "--out",
                dir.resolve("out").toString()));
    if (!event.isEmpty()) {
      args.addAll(List.of("--event", event));
    }
    Cli.Result r = Cli.run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> rows = ScenarioCommandTest.csv(dir.resolve("out/summary.csv"));
    assertTrue(rows.size() >= 7, rows::toString);
    for (CSVRecord x : rows) {
      assertEquals("", x.get("ci95_low"), x.toString());
      assertEquals("", x.get("ci95_high"), x.toString());
    }
    if (command.equals("run")) {
      assertTrue(r.out().contains("0 [n/a]"), r::toString);
    }
  }

  /**
   * The same proportion gets the same interval in summary.csv, sweep.csv and the sweep's table:
   * Wilson's. Ten trials, each with an outage longer than the rto: P(breach) = 1, Wilson [0.72247,
   * 1] (a normal interval would be [1, 1]).
   */
  @Test
  void proportion_sameWilsonIntervalInEveryOutput(@TempDir Path dir) throws Exception {
    Path model =
        ScenarioCommandTest.model(
            dir,
            """
            name: breach
            horizon: 100h
            sites:
              a: {fault: {ttf: "fixed(10h)", outage: "fixed(5h)"}}
            services:
              s: {users: 10, demand: 10, deploy: {a: 10}, rto: 1h}
            """);
    Cli.Result run =
        Cli.run(
            "run",
            model.toString(),
            "--trials",
            "10",
            "--charts",
            "none",
            "--out",
            dir.resolve("run").toString());
    assertEquals(0, run.code(), run::toString);
    assertInterval(
        row(dir.resolve("run/summary.csv"), "s", "rto_breach"), "1", "0.7224672001", "1");
    Cli.Result sweep =
        Cli.run(
            "sweep",
            model.toString(),
            "--vary",
            "services.s.deploy.a=10..11:1",
            "--chart",
            "s.rto_breach",
            "--trials",
            "10",
            "--charts",
            "none",
            "--out",
            dir.resolve("sweep").toString());
    assertEquals(0, sweep.code(), sweep::toString);
    for (CSVRecord x : ScenarioCommandTest.csv(dir.resolve("sweep/sweep.csv"))) {
      if (x.get("metric").equals("rto_breach")) {
        assertEquals("0.7224672001", x.get("ci95_low"), x.toString());
        assertEquals("1", x.get("ci95_high"), x.toString());
      }
    }
    assertTrue(sweep.out().contains("1 [0.7225, 1]"), sweep::toString);
  }

  private static void assertInterval(CSVRecord row, String mean, String low, String high) {
    assertEquals(
        List.of(mean, low, high),
        List.of(row.get("mean"), row.get("ci95_low"), row.get("ci95_high")),
        row.toString());
  }

  private static List<String[]> allRows(Path csv) throws Exception {
    return ScenarioCommandTest.csv(csv).stream().map(CSVRecord::values).toList();
  }

  static CSVRecord row(Path summary, String service, String metric) throws Exception {
    return ScenarioCommandTest.csv(summary).stream()
        .filter(x -> x.get("service").equals(service) && x.get("metric").equals(metric))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + service + " " + metric));
  }
}
