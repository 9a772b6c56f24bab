package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code sweep} and {@code size} on models whose answers are known in closed form. */
class StudyCommandsTest {
  /**
   * A fault at east every 15 h (fixed 10 h up, 5 h down), six in 100 h. The standby joins after 30
   * min; it restores service only if it brings served to the slo, 0.99 × 100 = 99 units. So the
   * worst trial's downtime is 6 × 0.5 = 3 h with a standby of 99 or more, else 6 × 5 = 30 h: the
   * smallest standby meeting "max downtime <= 10" is exactly 99.
   */
  static final String MODEL =
      """
      name: size-test
      horizon: 100h
      sites:
        east: {fault: {ttf: "fixed(10h)", outage: "fixed(5h)"}}
        west: {}
      cost: {east: 10, west: 3}
      services:
        api:
          demand: 100
          deploy: {east: 100}
          standby: {west: 0}
          failover: {time: "fixed(30m)", success: 1}
      """;

  @Test
  void size_findsTheExactThreshold_withCostAndEveryPointVisited(@TempDir Path tmp)
      throws Exception {
    Path m = ScenarioCommandTest.model(tmp, MODEL);
    Cli.Result r =
        Cli.run(
            "size",
            m.toString(),
            "--vary",
            "services.api.standby.west",
            "--target",
            "api.downtime_h.max <= 10",
            "--min",
            "0",
            "--max",
            "200",
            "--trials",
            "200",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        r.out().contains("answer: services.api.standby.west = 99 (cost 1297 per year)"),
        r::toString);
    assertTrue(r.out().contains("one step below (98): 30"), r::toString);
    List<CSVRecord> rows = ScenarioCommandTest.csv(tmp.resolve("out/size.csv"));
    assertTrue(rows.size() >= 3 && rows.size() <= 12, "bisection visits log2(200) points");
    for (CSVRecord row : rows) {
      int standby = Integer.parseInt(row.get(0));
      assertEquals(standby >= 99 ? 3 : 30, Double.parseDouble(row.get(1)), 1e-9, row.toString());
      assertEquals(1000 + 3 * standby, Double.parseDouble(row.get("cost_per_year")), 1e-9);
    }
  }

  @Test
  void size_unreachableTarget_isAnAnswer_exitZero(@TempDir Path tmp) throws Exception {
    Path m = ScenarioCommandTest.model(tmp, MODEL);
    Cli.Result r =
        Cli.run(
            "size",
            m.toString(),
            "--vary",
            "services.api.standby.west",
            "--target",
            "api.downtime_h.max <= 1",
            "--trials",
            "100",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        r.out().contains("not reachable: api.downtime_h.max <= 1h is not met anywhere in [0, 400]"),
        r::toString);
  }

  @Test
  void size_badTarget_isAUsageError_namingWhatIsKnown(@TempDir Path tmp) throws Exception {
    Path m = ScenarioCommandTest.model(tmp, MODEL);
    Cli.Result r =
        Cli.run(
            "size",
            m.toString(),
            "--vary",
            "services.api.standby.west",
            "--target",
            "apx.downtime_h.max <= 10");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill size: --target: unknown service 'apx' (known: api, or total for the sum over services)"),
        r.errLines());
  }

  @Test
  void sweep_writesEveryPoint_withZeroDifferenceAtTheFirst(@TempDir Path tmp) throws Exception {
    Path m = ScenarioCommandTest.model(tmp, MODEL);
    Cli.Result r =
        Cli.run(
            "sweep",
            m.toString(),
            "--vary",
            "services.api.standby.west=97..101:1",
            "--trials",
            "200",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> down =
        ScenarioCommandTest.csv(tmp.resolve("out/sweep.csv")).stream()
            .filter(x -> x.get("metric").equals("downtime_h") && x.get("service").equals("api"))
            .toList();
    assertEquals(5, down.size());
    for (CSVRecord row : down) {
      int standby = Integer.parseInt(row.get("services.api.standby.west"));
      assertEquals(standby >= 99 ? 3 : 30, Double.parseDouble(row.get("mean")), 1e-9);
      assertEquals(standby >= 99 ? -27 : 0, Double.parseDouble(row.get("diff_mean")), 1e-9);
    }
    assertTrue(Files.exists(tmp.resolve("out/sweep.png")));
  }

  /**
   * {@code --chart SERVICE.METRIC.STAT}: the table shows the statistic with its interval, and both
   * charts are written: the statistic (p99 here, whose interval is distribution-free) and the
   * paired difference of the mean. Downtime is 30 h below a standby of 99 and 3 h from 99 on, in
   * every trial, so p99 is exactly 30 and 3, with intervals [30, 30] and [3, 3].
   */
  @Test
  void sweep_chartOfAStatistic_tableAndBothCharts(@TempDir Path tmp) throws Exception {
    Path m = ScenarioCommandTest.model(tmp, MODEL);
    Cli.Result r =
        Cli.run(
            "sweep",
            m.toString(),
            "--vary",
            "services.api.standby.west=98..99:1",
            "--chart",
            "api.downtime_h.p99",
            "--trials",
            "200",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertTrue(
        lines.get(1).contains("api downtime_h p99 [95% CI]")
            && lines.get(1).contains("mean difference to first [95% CI]"),
        r::toString);
    assertTrue(lines.get(2).contains("30 [30, 30]"), r::toString);
    assertTrue(
        lines.get(3).contains("3 [3, 3]") && lines.get(3).contains("-27 [-27, -27]"), r::toString);
    assertTrue(Files.exists(tmp.resolve("out/sweep.png")));
    assertTrue(Files.exists(tmp.resolve("out/sweep-difference.png")));
  }

  /** A bad {@code --chart} is a usage error: exit 2, one line naming what is wrong, no files. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "api|expected SERVICE.METRIC or SERVICE.METRIC.STAT, for example talk.user_hours.p99",
        "apx.user_hours|unknown service 'apx' (services: api, or total)",
        "api.uptime|unknown metric 'uptime' (metrics: downtime_h, outages, longest_h, user_hours,"
            + " degraded_h, rto_breach)",
        "api.recover_h|recover_h is a scenario metric: give --event to study a scenario",
        "api.user_hours.p95|unknown statistic 'p95' (statistics: mean, p50, p90, p99, p999, max)",
        "total.rto_breach|rto_breach has no total over services (totals: downtime_h, outages,"
            + " user_hours, degraded_h)"
      })
  void sweep_badChart_isAUsageError(String chart, String message, @TempDir Path tmp)
      throws Exception {
    Path m = ScenarioCommandTest.model(tmp, MODEL);
    Cli.Result r =
        Cli.run(
            "sweep",
            m.toString(),
            "--vary",
            "services.api.standby.west=98..99:1",
            "--chart",
            chart,
            "--trials",
            "10",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(List.of("firedrill sweep: --chart '" + chart + "': " + message), r.errLines());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void sweep_badPath_isRejectedWithTheKnownKeys(@TempDir Path tmp) throws Exception {
    Path m = ScenarioCommandTest.model(tmp, MODEL);
    Cli.Result r = Cli.run("sweep", m.toString(), "--vary", "services.api.stanby.west=0..10:5");
    assertEquals(2, r.code(), r::toString);
    assertTrue(
        r.errLines()
            .get(0)
            .startsWith(
                "--vary services.api.stanby.west=0..10:5:"
                    + " services.api.stanby: unknown key 'stanby', did you mean 'standby'?"),
        r::toString);
    Cli.Result bad = Cli.run("sweep", m.toString(), "--vary", "services.api.standby.west=5..1:1");
    assertEquals(2, bad.code(), bad::toString);
    assertEquals(1, bad.errLines().size());
  }
}
