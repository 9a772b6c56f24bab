package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        r.out()
            .contains(
                "not reachable: api.downtime_h.max <= 1 is not met anywhere in" + " [0, 400]"),
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
        List.of("firedrill size: --target: unknown service 'apx' (known: api)"), r.errLines());
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

  @Test
  void sweep_badPath_isRejectedWithTheKnownKeys(@TempDir Path tmp) throws Exception {
    Path m = ScenarioCommandTest.model(tmp, MODEL);
    Cli.Result r = Cli.run("sweep", m.toString(), "--vary", "services.api.stanby.west=0..10:5");
    assertEquals(2, r.code(), r::toString);
    assertTrue(
        r.errLines()
            .get(0)
            .startsWith(
                "--set services.api.stanby.west=0:"
                    + " services.api.stanby: unknown key 'stanby', did you mean 'standby'?"),
        r::toString);
    Cli.Result bad = Cli.run("sweep", m.toString(), "--vary", "services.api.standby.west=5..1:1");
    assertEquals(2, bad.code(), bad::toString);
    assertEquals(1, bad.errLines().size());
  }
}
