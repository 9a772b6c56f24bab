package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static io.firedrill.cli.ScenarioCommandTest.row;
import static io.firedrill.cli.ScenarioCommandTest.value;
import static io.firedrill.cli.SeveralFeedsTest.causeLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run("run", m.toString(), "--trials", "10", "--out", tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
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
  void run_repairsWithinOneOutageBeyondTheLimit_stopWithOneLine(@TempDir Path tmp)
      throws Exception {
    // A generator that never starts, repaired in a second, through a 1,000-year grid outage:
    // 3e10 repairs, far past the 2,000,000 events a trial may draw.
    Path m =
        Files.writeString(
            tmp.resolve("m.yaml"),
            MODEL
                .replace("horizon: 20h", "horizon: 2000y")
                .replace("outage: \"fixed(10h)\"", "outage: \"fixed(1000y)\"")
                .replace(
                    "repair: \"fixed(2h)\"}}\n        once",
                    "repair: \"fixed(1s)\"}}\n        once"));
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("run", m.toString(), "--trials", "10", "--out", out.toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill run: a trial drew more than 2,000,000 hazard events (the last"
                + " generator@never: a generator that fails again and again within one grid"
                + " outage, each time repaired in far less than the outage); make its repair"
                + " longer, its failures rarer or the horizon shorter"),
        r.errLines());
    assertFalse(Files.exists(out), "no half-written output");
  }
}
