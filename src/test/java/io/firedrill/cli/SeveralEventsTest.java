package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios with several events, each at t = 0 or an offset after it, and generator events
 * (docs/simulation.md, "Scenarios"): end to end with fixed durations and no background, so every
 * check is exact. The closed forms with random durations are in {@code KernelAnalyticTest}.
 */
class SeveralEventsTest {
  static final String MODEL =
      """
      name: events
      horizon: 1000h
      scenario_horizon: 48h
      grids:
        a: {ttf: "fixed(500h)", outage: "fixed(4h)"}
        b: {ttf: "fixed(500h)", outage: "fixed(4h)"}
        g: {ttf: "fixed(500h)", outage: "fixed(10h)"}
      sites:
        two: {grid: [a, b]}
        gen: {grid: g, ups: 30m, generator: {fail_to_start: 0}}
        f:
          fault: {ttf: "fixed(500h)", outage: "fixed(3h)"}
          fire: {ttf: "fixed(500h)", contained: 0, outage: "fixed(2h)", restore: "fixed(10h)"}
      services:
        x: {deploy: {two: 1}}
        y: {deploy: {gen: 1}}
        z: {slo: 0.5, deploy: {f: 1}}
      """;

  @Test
  void secondFeedLostAnHourAfterTheFirst_siteIsDarkWhileBothAreOut(@TempDir Path tmp)
      throws Exception {
    // Feed a out [0, 4 h), feed b out [1 h, 5 h): both out [1 h, 4 h); no UPS, no generator.
    var out = FixedScenario.run(tmp, MODEL, "grid@a", "grid@b+1h");
    assertEquals(3, out.mean("x", "downtime_h"), 0.0);
    assertEquals(4, out.mean("x", "recover_h"), 0.0);
    assertEquals(1, out.mean("x", "affected"), 0.0);
    assertEquals(0, out.mean("y", "affected"), 0.0);
    // The feed that completed the loss is its cause.
    assertEquals(List.of("x grid@b 10"), out.causeLines());
  }

  @Test
  void generatorFailingWhileItRuns_darkFromItsFailurePlusTheUps(@TempDir Path tmp)
      throws Exception {
    // Grid out [0, 10 h); the generator carries the site until it fails at 2 h; the UPS 30 m more.
    var out = FixedScenario.run(tmp, MODEL, "grid@g", "generator@gen+2h");
    assertEquals(7.5, out.mean("y", "downtime_h"), 1e-12);
    assertEquals(10, out.mean("y", "recover_h"), 0.0);
    assertEquals(List.of("y generator@gen 10"), out.causeLines());
  }

  @Test
  void generatorFailedBeforeTheGridFails_failsToStart(@TempDir Path tmp) throws Exception {
    // The generator fails at 1 h; the grid at 3 h, out until 13 h: no start, dark from 3.5 h.
    var out = FixedScenario.run(tmp, MODEL, "grid@g+3h", "generator@gen+1h");
    assertEquals(9.5, out.mean("y", "downtime_h"), 1e-12);
    assertEquals(13, out.mean("y", "recover_h"), 0.0);
    assertEquals(List.of("y generator@gen 10"), out.causeLines());
  }

  @Test
  void generatorFailingAfterTheGridReturns_changesNothing(@TempDir Path tmp) throws Exception {
    var out = FixedScenario.run(tmp, MODEL, "grid@g", "generator@gen+11h");
    assertEquals(0, out.mean("y", "downtime_h"), 0.0);
    assertEquals(0, out.mean("y", "affected"), 0.0);
    // Alone, with no grid outage to carry: nothing happens either.
    var alone = FixedScenario.run(tmp, MODEL, "generator@gen");
    assertEquals(0, alone.mean("y", "affected"), 0.0);
  }

  @Test
  void hazardsAtAnOffset_failThere_andRecoveryIsTimedFromTZero(@TempDir Path tmp) throws Exception {
    // A fault at 5 h for 3 h: down [5 h, 8 h).
    var fault = FixedScenario.run(tmp, MODEL, "fault@f+5h");
    assertEquals(3, fault.mean("z", "downtime_h"), 0.0);
    assertEquals(8, fault.mean("z", "recover_h"), 0.0);
    // A fire at 6 h: dark 2 h, then a 10-hour ramp; served reaches the slo 0.5 at 6 + 2 + 5.
    var fire = FixedScenario.run(tmp, MODEL, "fire@f+6h");
    assertEquals(7, fire.mean("z", "downtime_h"), 1e-12);
    assertEquals(13, fire.mean("z", "recover_h"), 1e-12);
    // Both: the fault [2 h, 5 h) and the fire from 3 h (dark to 5 h, slo at 10 h): one outage.
    var both = FixedScenario.run(tmp, MODEL, "fault@f+2h", "fire@f+3h");
    assertEquals(8, both.mean("z", "downtime_h"), 1e-12);
    assertEquals(1, both.mean("z", "outages"), 0.0);
    assertEquals(10, both.mean("z", "recover_h"), 1e-12);
    // Two outages, [0, 3 h) and the fire's [6 h, 13 h): recovered when the last one is over.
    var twice = FixedScenario.run(tmp, MODEL, "fault@f", "fire@f+6h");
    assertEquals(2, twice.mean("z", "outages"), 0.0);
    assertEquals(10, twice.mean("z", "downtime_h"), 1e-12);
    assertEquals(13, twice.mean("z", "recover_h"), 1e-12);
  }

  @Test
  void severalEvents_areByteIdenticalAtOneAndTwoThreads(@TempDir Path tmp) throws Exception {
    ScenarioCommandTest.assertByteIdenticalAtOneAndTwoThreads(
        tmp,
        "--event",
        "grid@kepco-seongnam",
        "--event",
        "generator@pangyo+10m",
        "--event",
        "fire@anyang+2h");
  }

  @Test
  void badEvents_areOneLineUsageErrors_withNothingWritten(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    String[][] cases = {
      {"grid@g", "grid@g+1h"},
      {"grid@g+2d"},
      {"grid@g+soon"},
      {"grid@g+-1h"},
      {"generator@two"},
    };
    String[] expected = {
      "--event grid@g is given twice; a scenario forces each hazard or generator once",
      "--event 'grid@g+2d': it falls at or after the horizon, 2d (the model's scenario_horizon, or"
          + " --horizon), where it changes nothing",
      "--event 'grid@g+soon': the offset after '+' 'soon' is not a duration: 'soon' is not a"
          + " number (a duration is a number and a unit: 15m, 4h or 2d)",
      "--event 'grid@g+-1h': the offset after '+' is negative; an event falls at t = 0 or after it",
      "--event: site 'two' declares no generator; give it sites.two.generator to force one"
          + " (valid: fire@f, fault@f, grid@a, grid@b, grid@g, generator@gen)",
    };
    for (int i = 0; i < cases.length; i++) {
      List<String> args = new ArrayList<>(List.of("scenario", m.toString()));
      for (String e : cases[i]) {
        args.addAll(List.of("--event", e));
      }
      Path out = tmp.resolve("out" + i);
      args.addAll(List.of("--out", out.toString()));
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals(2, r.code(), r::toString);
      assertEquals(1, r.errLines().size(), r::toString);
      assertEquals("firedrill scenario: " + expected[i], r.errLines().get(0));
      assertFalse(Files.exists(out), "nothing written for " + List.of(cases[i]));
    }
    // An offset written another way gets a hint.
    Cli.Result minus =
        Cli.run(
            "scenario", m.toString(), "--event", "grid@g-1h", "--out", tmp.resolve("m").toString());
    assertEquals(2, minus.code(), minus::toString);
    assertEquals(
        List.of(
            "firedrill scenario: --event: unknown event 'grid@g-1h' (an offset from t = 0 is"
                + " written KIND@NAME+DURATION, such as fire@a+2h) (valid: fire@f, fault@f, grid@a,"
                + " grid@b, grid@g, generator@gen)"),
        minus.errLines());
    // The studies take the same events.
    Cli.Result sweep =
        Cli.run(
            "sweep",
            m.toString(),
            "--vary",
            "sites.gen.ups=0m..30m:30m",
            "--event",
            "grid@a",
            "--event",
            "grid@g+50h",
            "--out",
            tmp.resolve("sw").toString());
    assertEquals(2, sweep.code(), sweep::toString);
    assertEquals(
        List.of(
            "firedrill sweep: --event 'grid@g+50h': it falls at or after the horizon, 2d (the"
                + " model's scenario_horizon, or --horizon), where it changes nothing"),
        sweep.errLines());
  }

  @Test
  void generatorEventOnASiteWithoutAGrid_isRefused_andStudiesPointToScenario(@TempDir Path tmp)
      throws Exception {
    Path m =
        Files.writeString(
            tmp.resolve("m.yaml"),
            MODEL.replace("two: {grid: [a, b]}", "two: {generator: {fail_to_start: 0}}"));
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "generator@two",
            "--out",
            tmp.resolve("o").toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill scenario: --event: site 'two' has no grid, so its generator never runs and"
                + " an event on it changes nothing; give it sites.two.grid (valid: fire@f,"
                + " fault@f, grid@a, grid@b, grid@g, generator@gen)"),
        r.errLines());
    Cli.Result sweep =
        Cli.run(
            "sweep",
            m.toString(),
            "--vary",
            "sites.gen.ups=0m..30m:30m",
            "--event",
            "grid@g",
            "--per-trial",
            "--out",
            tmp.resolve("sw").toString());
    assertEquals(
        List.of(
            "firedrill sweep: --per-trial is not written by sweep (one row per trial of every point"
                + " would be huge): run one point with scenario --event ... --set PATH=VALUE"
                + " --per-trial"),
        sweep.errLines());
  }

  @Test
  void sweep_withSeveralEvents_variesTheUps(@TempDir Path tmp) throws Exception {
    // Grid out [0, 10 h), the generator fails at 2 h: dark 8 h less the UPS.
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run(
            "sweep",
            m.toString(),
            "--vary",
            "sites.gen.ups=0m..60m:30m",
            "--event",
            "grid@g",
            "--event",
            "generator@gen+2h",
            "--background",
            "off",
            "--trials",
            "10",
            "--out",
            tmp.resolve("sw").toString());
    assertEquals(0, r.code(), r::toString);
    List<Double> down = new ArrayList<>();
    for (CSVRecord c : csv(tmp.resolve("sw/sweep.csv"))) {
      if (c.get("service").equals("y") && c.get("metric").equals("downtime_h")) {
        down.add(Double.parseDouble(c.get("mean")));
      }
    }
    assertEquals(List.of(8.0, 7.5, 7.0), down);
  }
}
