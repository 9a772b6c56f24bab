package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static io.firedrill.cli.ScenarioCommandTest.row;
import static io.firedrill.cli.ScenarioCommandTest.value;
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
 * A hazard's {@code onset}: each failure's outage begins that long after the failure
 * (docs/simulation.md, "Late onset"), in runs and scenarios, with fixed durations so that every
 * check is exact. The stationary start with onsets is checked in {@code StationaryStartTest}.
 */
class LateOnsetTest {
  static final String MODEL =
      """
      name: onset
      horizon: 28h
      scenario_horizon: 2d
      grids:
        g: {ttf: "fixed(500h)", onset: "fixed(30m)", outage: "fixed(4h)"}
      sites:
        s: {grid: g}
        f: {fault: {ttf: "fixed(10h)", onset: "fixed(2h)", outage: "fixed(3h)"}}
      services:
        x: {deploy: {s: 1}}
        z: {deploy: {f: 1}}
      """;

  private static List<CSVRecord> summary(Path tmp, String yaml, String... args) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    List<String> all = new ArrayList<>(List.of(args));
    all.add(1, m.toString());
    all.addAll(List.of("--trials", "10", "--out", tmp.resolve("out").toString()));
    Cli.Result r = Cli.run(all.toArray(new String[0]));
    assertEquals(0, r.code(), r::toString);
    return csv(tmp.resolve("out/summary.csv"));
  }

  private static double mean(List<CSVRecord> summary, String service, String metric) {
    return value(row(summary, service, metric), "mean");
  }

  @Test
  void run_outagesBeginAfterTheOnset_andTheNextFailureCountsFromTheirEnd(@TempDir Path tmp)
      throws Exception {
    // Failures at 10 h (down [12 h, 15 h)) and 25 h (down [27 h, 28 h), cut at the horizon): 4 h.
    // Without the onset it would be [10, 13) and [23, 26): 6 h.
    var s = summary(tmp, MODEL, "run");
    assertEquals(4, mean(s, "z", "downtime_h"), 0.0);
    assertEquals(2, mean(s, "z", "outages"), 0.0);
  }

  @Test
  void run_anOnsetReachingPastTheHorizon_changesNothing(@TempDir Path tmp) throws Exception {
    var s = summary(tmp, MODEL.replace("fixed(2h)", "fixed(100h)"), "run");
    assertEquals(0, mean(s, "z", "downtime_h"), 0.0);
  }

  @Test
  void scenario_theForcedHazardFailsAtItsEvent_andItsOutageBeginsAfterTheOnset(@TempDir Path tmp)
      throws Exception {
    var fault = summary(tmp, MODEL, "scenario", "--event", "fault@f", "--background", "off");
    assertEquals(3, mean(fault, "z", "downtime_h"), 0.0);
    assertEquals(5, mean(fault, "z", "recover_h"), 0.0);
    var later = summary(tmp, MODEL, "scenario", "--event", "fault@f+1h", "--background", "off");
    assertEquals(6, mean(later, "z", "recover_h"), 0.0);
    // A grid's onset: the site is dark [30 m, 4 h 30 m).
    var grid = summary(tmp, MODEL, "scenario", "--event", "grid@g", "--background", "off");
    assertEquals(4, mean(grid, "x", "downtime_h"), 1e-12);
    assertEquals(4.5, mean(grid, "x", "recover_h"), 1e-12);
  }

  @Test
  void aFiresOnset_delaysItsDarkTime(@TempDir Path tmp) throws Exception {
    // Ignition at 0, dark from 1 h for 2 h, then a 4-hour ramp; slo 0.5: back at 1 + 2 + 2 h.
    String yaml =
        """
        name: smoulder
        scenario_horizon: 1d
        sites:
          a: {fire: {ttf: "fixed(500h)", onset: "fixed(1h)", outage: "fixed(2h)", restore: "fixed(4h)"}}
        services:
          s: {slo: 0.5, deploy: {a: 1}}
        """;
    var out = FixedScenario.run(tmp, yaml, "fire@a");
    assertEquals(5, out.mean("s", "recover_h"), 1e-12);
    assertEquals(4, out.mean("s", "downtime_h"), 1e-12);
  }

  @Test
  void aBadOnset_isOneLineWithItsPlace_andNothingWritten(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL.replace("fixed(2h)", "soon"));
    Cli.Result r = Cli.run("run", m.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertEquals(
        m + ":8:42: sites.f.fault.onset: ",
        r.errLines().get(0).substring(0, r.errLines().get(0).indexOf("onset: ") + 7));
    assertFalse(Files.exists(tmp.resolve("out")));
  }
}
