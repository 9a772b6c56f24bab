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
  void eachGeneratorDrawsFromItsOwnSubstream_soTheHorizonMovesNoOutageBeforeIt(@TempDir Path tmp)
      throws Exception {
    // A 100-hour grid outage; two generators, both needed, failing at 0.5/h and repaired in 1 h.
    // The first generator's repairs stop at the horizon; the second's draws must not move with
    // them: every outage that ends before 45 h is the same at horizons of 50 h and 60 h.
    String yaml =
        MODEL
            .replace("fixed(10h)", "fixed(100h)")
            .replace("ups: 30m, ", "")
            .replace("fail_to_start: 0, count: 3, needed: 2", "rate: 0.5/h, count: 2, needed: 2")
            .replace("\"fixed(2h)\"", "\"fixed(1h)\"");
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    List<List<String>> early = new java.util.ArrayList<>();
    for (String h : List.of("50h", "60h")) {
      Path out = tmp.resolve(h);
      Cli.Result r =
          Cli.run(
              "scenario",
              m.toString(),
              "--event",
              "grid@g",
              "--background",
              "off",
              "--horizon",
              h,
              "--trials",
              "1",
              "--outages",
              "1000",
              "--out",
              out.toString());
      assertEquals(0, r.code(), r::toString);
      early.add(
          ScenarioCommandTest.csv(out.resolve("outages.csv")).stream()
              .filter(c -> Double.parseDouble(c.get("end_h")) < 45)
              .map(c -> c.get("start_h") + "-" + c.get("end_h"))
              .toList());
    }
    assertEquals(early.get(0), early.get(1));
    org.junit.jupiter.api.Assertions.assertTrue(early.get(0).size() > 5, early.get(0)::toString);
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
