package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plant of several generators, k of n needed (docs/simulation.md, "Power"), end to end with fixed
 * durations so that every check is exact; the closed forms with random starts and failures are in
 * {@code KernelAnalyticTest}.
 */
class GeneratorPlantTest {
  static final String MODEL =
      """
      name: plant
      horizon: 100h
      scenario_horizon: 2d
      grids:
        g: {ttf: "fixed(500h)", outage: "fixed(10h)"}
      sites:
        s: {grid: g, ups: 30m, generator: {fail_to_start: 0, count: 3, needed: 2, repair: "fixed(2h)"}}
      services:
        a: {deploy: {s: 1}}
      """;

  private static double downtime(Path tmp, String yaml, String... events) throws Exception {
    return FixedScenario.run(tmp, yaml, events).mean("a", "downtime_h");
  }

  @Test
  void aPlantThatStarts_carriesTheSite_andAForcedFailureStopsEveryGenerator(@TempDir Path tmp)
      throws Exception {
    assertEquals(0, downtime(tmp, MODEL, "grid@g"), 0.0);
    // Every generator stops at 4 h and is repaired in 2 h: the UPS carries 30 minutes of it.
    assertEquals(1.5, downtime(tmp, MODEL, "grid@g", "generator@s+4h"), 0.0);
    // Without repairs, from 4 h 30 m to the grid's return at 10 h.
    assertEquals(
        5.5,
        downtime(tmp, MODEL.replace(", repair: \"fixed(2h)\"", ""), "grid@g", "generator@s+4h"),
        0.0);
  }

  @Test
  void aCountSetBelowTheFilesNeeded_isBlamedOnTheSet(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r = Cli.run("validate", m.toString(), "--set", "sites.s.generator.count=1");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "--set sites.s.generator.count=1: sites.s.generator.needed: 2 generators needed, but"
                + " the site has 1 (count)"),
        r.errLines());
  }

  @Test
  void moreNeededThanThereAre_isOneLineWithItsPlace(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL.replace("needed: 2", "needed: 4"));
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            m + ":7:74: sites.s.generator.needed: 4 generators needed, but the site has 3 (count)"),
        r.errLines());
  }
}
