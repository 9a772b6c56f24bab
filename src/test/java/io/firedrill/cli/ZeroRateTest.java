package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rate: 0/y}: a hazard that never strikes on its own. It validates, runs without events, can
 * still be forced in a scenario, and a sweep of a rate may start at 0.
 */
class ZeroRateTest {
  static final String MODEL =
      """
      name: zero
      grids:
        g: {rate: 0/y, outage: "fixed(2h)"}
      networks:
        n: {rate: 0/y, outage: "fixed(2h)"}
      sites:
        a:
          grid: g
          networks: [n]
          fault: {rate: 0/y, outage: "fixed(10h)"}
          fire: {rate: 0/y, outage: "fixed(10h)", restore: "fixed(5h)"}
      services:
        sa: {users: 10, deploy: {a: 1}}
      """;

  static Path model(Path tmp) throws Exception {
    Path m = tmp.resolve("zero.yaml");
    Files.writeString(m, MODEL);
    return m;
  }

  @Test
  void validate_describesRateZeroAsNever(@TempDir Path tmp) throws Exception {
    Cli.Result r = Cli.run("validate", model(tmp).toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("g     rate 0/y (never on its own), outage fixed(2h)"), r.out());
  }

  @Test
  void run_withEveryRateZero_hasNoDowntime(@TempDir Path tmp) throws Exception {
    Cli.Result r =
        Cli.run(
            "run",
            model(tmp).toString(),
            "--trials",
            "1000",
            "--charts",
            "none",
            "--out",
            tmp.resolve("run").toString());
    assertEquals(0, r.code(), r.toString());
    CSVRecord down =
        ScenarioCommandTest.row(
            ScenarioCommandTest.csv(tmp.resolve("run/summary.csv")), "sa", "downtime_h");
    assertEquals("0", down.get("mean"));
    assertEquals("0", down.get("max"));
  }

  @Test
  void scenario_forcesAHazardOfRateZero_onceAndNeverAgain(@TempDir Path tmp) throws Exception {
    for (String background : List.of("stationary", "fresh")) {
      Path out = tmp.resolve(background);
      Cli.Result r =
          Cli.run(
              "scenario",
              model(tmp).toString(),
              "--event",
              "fault@a",
              "--background",
              background,
              "--trials",
              "1000",
              "--charts",
              "none",
              "--out",
              out.toString());
      assertEquals(0, r.code(), r.toString());
      List<CSVRecord> rows = ScenarioCommandTest.csv(out.resolve("summary.csv"));
      assertEquals(
          10, ScenarioCommandTest.value(ScenarioCommandTest.row(rows, "sa", "recover_h"), "max"));
      assertEquals(
          10, ScenarioCommandTest.value(ScenarioCommandTest.row(rows, "sa", "downtime_h"), "mean"));
      assertEquals(
          1, ScenarioCommandTest.value(ScenarioCommandTest.row(rows, "sa", "outages"), "max"));
    }
  }

  @Test
  void sweep_ofARate_mayStartAtZero(@TempDir Path tmp) throws Exception {
    Cli.Result r =
        Cli.run(
            "sweep",
            model(tmp).toString(),
            "--vary",
            "sites.a.fault.rate=0/y..2/y:1/y",
            "--trials",
            "5000",
            "--charts",
            "none",
            "--out",
            tmp.resolve("sweep").toString());
    assertEquals(0, r.code(), r.toString());
    List<CSVRecord> rows = ScenarioCommandTest.csv(tmp.resolve("sweep/sweep.csv"));
    CSVRecord first =
        rows.stream()
            .filter(x -> x.get("point").equals("0") && x.get("metric").equals("downtime_h"))
            .findFirst()
            .orElseThrow();
    assertEquals("0", first.get("mean"));
  }
}
