package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static io.firedrill.cli.ScenarioCommandTest.row;
import static io.firedrill.cli.ScenarioCommandTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's own restore curve and curves that fall, end to end in {@code run} and {@code
 * scenario}: the model's one fire has a fixed time to ignition, so every trial of a run is the same
 * trial and its results are exact (docs/simulation.md, "A service's own restoration", "Curves that
 * fall").
 */
class RestoreCurveCommandTest {
  /**
   * A fire at 10 h (a fixed time to ignition), dark 1 h, then restored over 10 h along a curve that
   * falls from 0.6 at 30 % to 0.3 at half the restore time; the next ignition would be 10 h after
   * the restore, past the 30-hour horizon.
   */
  static final String MODEL =
      """
      name: curves
      horizon: 30h
      sites:
        a:
          fire:
            ttf: "fixed(10h)"
            contained: 0
            outage: "fixed(1h)"
            restore: "fixed(10h)"
            restore_curve: [[0, 0], [0.3, 0.6], [0.5, 0.3], [1, 1]]
      services:
        site: {users: 1, demand: 10, deploy: {a: 10}, slo: 0.5}
        db: {users: 1, demand: 10, deploy: {a: 10}, slo: 1, restore_curve: [[0, 0], [0.25, 1], [1, 1]]}
      """;

  @Test
  void run_everyTrialIsTheFireOfTheModel_exactly(@TempDir Path tmp) throws Exception {
    // site follows the site's curve c(τ), τ = (t − 11) / 10: above 0.5 from τ = 0.25 (13.5 h) to
    // τ = 11/30 (14.667 h), then below until τ = 0.5 + 1/7 (17.429 h): outages [10, 13.5] and
    // [14.667, 17.429]. db is whole from where c reaches 0.25 (τ = 0.125, 12.25 h) on, since c
    // never falls below 0.3 again: one outage [10, 12.25].
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run(
            "run",
            m.toString(),
            "--trials",
            "50",
            "--charts",
            "none",
            "--out",
            tmp.resolve("run").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> rows = csv(tmp.resolve("run/summary.csv"));
    double down = 11 + 110.0 / 30;
    double up = 11 + 10 * (0.5 + 1.0 / 7);
    assertEquals(2, value(row(rows, "site", "outages"), "mean"), 0.0);
    assertEquals(3.5 + (up - down), value(row(rows, "site", "downtime_h"), "mean"), 1e-8);
    assertEquals(1, value(row(rows, "db", "outages"), "mean"), 0.0);
    assertEquals(2.25, value(row(rows, "db", "downtime_h"), "mean"), 1e-8);
  }

  @Test
  void curvesOfMoreThan100Points_areOneLine(@TempDir Path tmp) throws Exception {
    // 101 points, rising from [0, 0] to [1, 1]: one too many for a service's curve, a restart
    // curve and a fire's restore curve.
    StringBuilder points = new StringBuilder("[[0, 0]");
    for (int i = 1; i <= 100; i++) {
      points.append(", [").append(i / 100.0).append(", ").append(i / 100.0).append("]");
    }
    String curve = points.append("]").toString();
    String[][] cases = {
      {"services.db.restore_curve", "a service's restore curve has at most 100"},
      {"sites.a.restart_curve", "a restart curve has at most 100"},
      {"sites.a.fire.restore_curve", "a fire's restore curve has at most 100"}
    };
    for (String[] c : cases) {
      Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
      Cli.Result r = Cli.run("validate", m.toString(), "--set", c[0] + "=" + curve);
      assertEquals(2, r.code(), r::toString);
      assertEquals(1, r.errLines().size(), r::toString);
      assertTrue(r.errLines().get(0).contains("101 points; " + c[1]), r::toString);
    }
  }

  @Test
  void scenario_theForcedFire_givesTheSameOutages(@TempDir Path tmp) throws Exception {
    // Forced at 0 (background off): the same fire 10 h earlier. site recovers when its second
    // outage ends, 10 h earlier than in the run.
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "fire@a",
            "--no-background",
            "--trials",
            "10",
            "--charts",
            "none",
            "--out",
            tmp.resolve("sc").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> rows = csv(tmp.resolve("sc/summary.csv"));
    assertEquals(1 + 10 * (0.5 + 1.0 / 7), value(row(rows, "site", "recover_h"), "mean"), 1e-8);
    assertEquals(2, value(row(rows, "site", "outages"), "mean"), 0.0);
    assertEquals(2.25, value(row(rows, "db", "recover_h"), "mean"), 1e-8);
  }
}
