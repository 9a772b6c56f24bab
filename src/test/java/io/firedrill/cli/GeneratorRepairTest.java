package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static io.firedrill.cli.ScenarioCommandTest.row;
import static io.firedrill.cli.ScenarioCommandTest.value;
import static io.firedrill.cli.SeveralFeedsTest.causeLines;
import static io.firedrill.cli.SeveralFeedsTest.runTen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generator with a {@code repair} is repaired and started again while the grid is still out
 * (docs/simulation.md, "Power"): end to end with fixed durations, so every check is exact. The
 * closed forms of random repairs are in {@code KernelAnalyticTest}.
 *
 * <p>One grid outage per trial, [5 h, 15 h).
 */
class GeneratorRepairTest {
  static final String MODEL =
      """
      name: repairs
      horizon: 20h
      grids:
        g: {ttf: "fixed(5h)", outage: "fixed(10h)"}
      sites:
        never: {grid: g, generator: {fail_to_start: 1, repair: "fixed(2h)"}}
        once: {grid: g, generator: {fail_to_start: 1}}
        fine: {grid: g, ups: 1h, generator: {fail_to_start: 0, repair: "fixed(2h)"}}
      services:
        a: {deploy: {never: 1}}
        b: {deploy: {once: 1}}
        c: {deploy: {fine: 1}}
      """;

  @Test
  void run_aGeneratorThatNeverStarts_isOneLossForTheWholeOutage_repairedOrNot(@TempDir Path tmp)
      throws Exception {
    runTen(tmp, MODEL);
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    // Failed starts after each 2-hour repair extend one stop: the UPS does not recharge.
    assertEquals(10, value(row(summary, "a", "downtime_h"), "mean"), 0.0);
    assertEquals(1, value(row(summary, "a", "outages"), "mean"), 0.0);
    assertEquals(10, value(row(summary, "b", "downtime_h"), "mean"), 0.0);
    // A generator that starts and never fails carries the site: the repair is never needed.
    assertEquals(0, value(row(summary, "c", "downtime_h"), "mean"), 0.0);
    List<CSVRecord> causes = csv(tmp.resolve("out/causes.csv"));
    assertEquals(List.of("a generator@never 10", "b generator@once 10"), causeLines(causes));
  }

  @Test
  void run_theUpsRechargesOnlyWhileTheGeneratorRuns(@TempDir Path tmp) throws Exception {
    // A 100-hour grid outage from 5 h; the generator starts every time but fails within
    // milliseconds (1e6 failures per running hour) and is repaired in 5 minutes; the UPS holds 10
    // minutes. The UPS carries the first stop and half the second, then recharges only during the
    // runs (the first-order cause of the total: under 0.01 h over 1,200 stops), so the site is dark
    // for the outage less the UPS's 10 minutes and less at most the runs' recharge. (A UPS full at
    // every stop would leave it dark 0 h.)
    runTen(
        tmp,
        """
            name: flaky
            horizon: 110h
            grids:
              g: {ttf: "fixed(5h)", outage: "fixed(100h)"}
            sites:
              s: {grid: g, ups: 10m, generator: {fail_to_start: 0, rate: 1e6/h, repair: "fixed(5m)"}}
            services:
              a: {deploy: {s: 1}}
            """);
    double dark = value(row(csv(tmp.resolve("out/summary.csv")), "a", "downtime_h"), "mean");
    double most = 100 - 10.0 / 60;
    assertTrue(dark <= most && dark >= most - 0.01, "dark " + dark + " h, at most " + most);
  }

  @Test
  void run_repairsAfterTheHorizon_areNotSimulated(@TempDir Path tmp) throws Exception {
    // A generator that never starts, repaired in a second, through a 1,000-year grid outage, with
    // a horizon of a day: the 3e10 repairs of the whole outage would be refused; the 86,400 of the
    // horizon run. Dark from 5 h to the horizon.
    runTen(
        tmp,
        MODEL
            .replace("horizon: 20h", "horizon: 1d")
            .replace("outage: \"fixed(10h)\"", "outage: \"fixed(1000y)\"")
            .replace(
                "fail_to_start: 1, repair: \"fixed(2h)\"",
                "fail_to_start: 1, repair: \"fixed(1s)\""));
    assertEquals(
        19, value(row(csv(tmp.resolve("out/summary.csv")), "a", "downtime_h"), "mean"), 0.0);
  }

  @Test
  void repairsBeyondTheLimit_areRefusedUpFront_byValidateAsByRun(@TempDir Path tmp)
      throws Exception {
    // A generator that never starts, repaired in a second, through a 1,000-year grid outage
    // (about 3 per 2,000 years): some 3e10 repairs a trial each, far past the 1,000,000 events a
    // trial may expect. Refused before any trial, with nothing written.
    Path m =
        Files.writeString(
            tmp.resolve("m.yaml"),
            MODEL
                .replace("horizon: 20h", "horizon: 2000y")
                .replace("outage: \"fixed(10h)\"", "outage: \"fixed(1000y)\"")
                .replace(
                    "fail_to_start: 1, repair: \"fixed(2h)\"",
                    "fail_to_start: 1, repair: \"fixed(1s)\""));
    String expected =
        "the model expects about 9.46e+10 hazard events per trial over 2000y; firedrill simulates"
            + " at most 1,000,000 (lower a rate or the horizon)";
    Cli.Result v = Cli.run("validate", m.toString());
    assertEquals(2, v.code(), v::toString);
    assertEquals(List.of("firedrill validate: " + expected), v.errLines());
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("run", m.toString(), "--trials", "10", "--out", out.toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(List.of("firedrill run: " + expected), r.errLines());
    assertFalse(Files.exists(out), "no half-written output");
  }
}
