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
 * Common-cause events ({@code common_cause}, docs/simulation.md, "Cascades"): a hazard that strikes
 * only the sites its effects name, each its own way and after its own delay; named {@code
 * common@NAME} as cause, source and scenario event. Exact, with fixed durations; the stationary
 * start is checked in {@code StationaryStartTest}.
 */
class CommonCauseTest {
  static final String MODEL =
      """
      name: storm
      horizon: 1000h
      scenario_horizon: 2d
      common_cause:
        storm:
          ttf: "fixed(500h)"
          outage: "fixed(6h)"
          also:
            a: {effect: power}
            b: {effect: network, delay: "fixed(1h)", outage: "fixed(2h)"}
            c: {effect: dark, delay: "fixed(30m)"}
      sites:
        a: {ups: 1h}
        b: {}
        c: {restart: "fixed(1h)"}
      services:
        sa: {deploy: {a: 1}}
        sb: {deploy: {b: 1}}
        sc: {deploy: {c: 1}}
        all: {deploy: {a: 1, b: 1, c: 1}, demand: 1}
      """;

  private static double mean(List<CSVRecord> summary, String service, String metric) {
    return value(row(summary, service, metric), "mean");
  }

  @Test
  void aStorm_strikesEachSiteItsOwnWay_inRunsAndScenarios(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result run =
        Cli.run("run", m.toString(), "--trials", "10", "--out", tmp.resolve("run").toString());
    assertEquals(0, run.code(), run::toString);
    Cli.Result scenario =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "common@storm",
            "--background",
            "off",
            "--trials",
            "10",
            "--out",
            tmp.resolve("sc").toString());
    assertEquals(0, scenario.code(), scenario::toString);
    for (String dir : List.of("run", "sc")) {
      List<CSVRecord> s = csv(tmp.resolve(dir).resolve("summary.csv"));
      // a: utility cut for the storm's 6 h, the UPS carries 1 h: dark 5 h.
      assertEquals(5, mean(s, "sa", "downtime_h"), 0.0, dir);
      // b: unreachable [1 h, 3 h).
      assertEquals(2, mean(s, "sb", "downtime_h"), 0.0, dir);
      // c: off [30 m, 6 h 30 m), then a 1-hour restart.
      assertEquals(7, mean(s, "sc", "downtime_h"), 0.0, dir);
      // A service on all three, any one enough: down only while every site is, [1 h, 3 h).
      assertEquals(2, mean(s, "all", "downtime_h"), 0.0, dir);
    }
    assertEquals(
        List.of(
            "sa common@storm 10",
            "sb common@storm 10",
            "sc common@storm 10",
            "all common@storm 10"),
        causeLines(csv(tmp.resolve("sc/causes.csv"))));
    List<CSVRecord> sc = csv(tmp.resolve("sc/summary.csv"));
    assertEquals(7.5, mean(sc, "sc", "recover_h"), 0.0);
  }

  @Test
  void aHeatwave_failsTheCoolingOfItsSites_afterEachOnesRideThrough(@TempDir Path tmp)
      throws Exception {
    // 5 hours of heat: a cooled site with a 2-hour ride-through is down [2 h, 5 h) and restarts
    // for 1 h; one without cooling has no ride-through: down [0, 5 h), then its 1-hour restart.
    String yaml =
        """
        name: heat
        scenario_horizon: 2d
        common_cause:
          heatwave: {rate: 0.1/y, outage: "fixed(5h)", also: {a: {effect: cooling}, b: {effect: cooling}}}
        sites:
          a: {restart: "fixed(1h)", cooling: {rate: 0/y, outage: "fixed(1h)", ride_through: 2h}}
          b: {restart: "fixed(1h)"}
        services:
          sa: {deploy: {a: 1}}
          sb: {deploy: {b: 1}}
        """;
    var out = FixedScenario.run(tmp, yaml, "common@heatwave");
    assertEquals(4, out.mean("sa", "downtime_h"), 0.0);
    assertEquals(6, out.mean("sb", "downtime_h"), 0.0);
    assertEquals(List.of("sa common@heatwave 10", "sb common@heatwave 10"), out.causeLines());
  }

  @Test
  void aGridThatNoSiteListsButThatHasEffects_isNotWarnedAbout(@TempDir Path tmp) throws Exception {
    String yaml =
        MODEL.replace(
            "common_cause:",
            "grids:\n  region: {rate: 1/y, outage: \"fixed(1h)\", also: {a: {effect: power}}}\n"
                + "  idle: {rate: 1/y, outage: \"fixed(1h)\"}\ncommon_cause:");
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(
        List.of(m + ":6:3: warning: grids.idle: no site is fed by this grid"), r.errLines());
  }

  @Test
  void aWarmUpTooLongForTheEventsLimit_refusesOnlyAStationaryScenario(@TempDir Path tmp)
      throws Exception {
    // A delay whose 1 − 1e-9 quantile is beyond 100,000 years: the stationary warm-up is cut
    // there, and at 6 grid outages a year it would draw about 1.2e6 events a trial. A run, a
    // fresh scenario and validate do not warm up and are not refused.
    Path m =
        Files.writeString(
            tmp.resolve("w.yaml"),
            """
            name: warm
            grids:
              g: {rate: 6/y, outage: "fixed(1h)", also: {b: {effect: dark, delay: "lognormal(median=10m, p90=1d)"}}}
            sites:
              a: {grid: g}
              b: {}
              c: {fault: {rate: 0/y, outage: "fixed(1h)"}}
            services:
              s: {deploy: {a: 1, b: 1}}
            """);
    Cli.Result run =
        Cli.run("run", m.toString(), "--trials", "10", "--out", tmp.resolve("r").toString());
    assertEquals(0, run.code(), run::toString);
    Cli.Result fresh =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "fault@c",
            "--background",
            "fresh",
            "--trials",
            "10",
            "--out",
            tmp.resolve("f").toString());
    assertEquals(0, fresh.code(), fresh::toString);
    Cli.Result stationary =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "fault@c",
            "--trials",
            "10",
            "--out",
            tmp.resolve("s").toString());
    assertEquals(2, stationary.code(), stationary::toString);
    assertEquals(
        List.of(
            "firedrill scenario: the model expects about 1.20e+06 hazard events per trial over 1w"
                + " with the stationary background's warm-up of about 100000y before t = 0 (for"
                + " effects with long delays or outages, or damage with long repairs); firedrill"
                + " simulates at most 1,000,000 (shorten their tails, or use --background fresh)"),
        stationary.errLines());
    assertFalse(Files.exists(tmp.resolve("s")));
  }

  @Test
  void effectsEmptiedByASet_areBlamedOnTheSet(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r = Cli.run("validate", m.toString(), "--set", "common_cause.storm.also={}");
    assertEquals(2, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertEquals(
        "--set common_cause.storm.also={}: common_cause.storm.also: no effects given: a"
            + " common-cause event strikes only the sites its also names (site → effect)",
        r.errLines().get(0));
  }

  @Test
  void aCommonCauseWithoutEffects_orOnAnUnknownSite_isOneLine(@TempDir Path tmp) throws Exception {
    String[][] cases = {
      {
        "    also:\n      a: {effect: power}\n      b: {effect: network, delay: \"fixed(1h)\","
            + " outage: \"fixed(2h)\"}\n      c: {effect: dark, delay: \"fixed(30m)\"}\n",
        "",
        "common_cause.storm.also: missing: a common-cause event strikes only the sites its also"
            + " names (site → effect)"
      },
      {
        "      a: {effect: power}",
        "      z: {effect: power}",
        "common_cause.storm.also.z: unknown site 'z', did you mean 'a'? (known: a, b, c)"
      },
    };
    for (String[] c : cases) {
      String yaml = MODEL.replace(c[0], c[1]);
      Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
      Path out = tmp.resolve("out");
      Cli.Result r = Cli.run("run", m.toString(), "--out", out.toString());
      assertEquals(2, r.code(), r::toString);
      assertEquals(1, r.errLines().size(), r::toString);
      String line = r.errLines().get(0);
      assertEquals(c[2], line.substring(line.indexOf(": ", m.toString().length()) + 2), line);
      assertFalse(Files.exists(out));
    }
  }
}
