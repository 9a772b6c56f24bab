package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static io.firedrill.cli.ScenarioCommandTest.row;
import static io.firedrill.cli.ScenarioCommandTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code damage} end to end (docs/model-format.md, "Damage"): in a scenario's files, the repair
 * extends the outage and is blamed on the hazard; bad values are one line each with the file, line,
 * column and path, exit 2, and no output folder; the key exists on fires, faults, cooling and
 * grids, not on networks. Fixed durations, so every check is exact.
 */
class DamageCommandTest {
  static final String MODEL =
      """
      name: damaged
      grids:
        g: {rate: 1/y, outage: "fixed(1h)"}
      sites:
        a:
          grid: g
          restart: "fixed(1h)"
          fault: {rate: 1/y, outage: "fixed(2h)", damage: {share: 0.5, repair: "fixed(10h)"}}
        b: {}
      services:
        api: {users: 100, deploy: {a: 1}}
        web: {deploy: {b: 1}}
      """;

  @Test
  void scenario_theRepairExtendsTheOutage_andIsBlamedOnTheFault(@TempDir Path tmp)
      throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "fault@a",
            "--no-background",
            "--horizon",
            "2d",
            "--trials",
            "50",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    // Dark 2 h, restart 1 h, the damaged half out 10 h from the end of the fault: served 0 on
    // [0, 3), 0.5 on [3, 12). Down 12 h; user-hours 100 × (3 + 0.5 × 9) = 750.
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    assertEquals(12, value(row(summary, "api", "downtime_h"), "mean"), 1e-9);
    assertEquals(12, value(row(summary, "api", "recover_h"), "mean"), 1e-9);
    assertEquals(750, value(row(summary, "api", "user_hours"), "mean"), 1e-9);
    assertEquals(1, value(row(summary, "api", "outages"), "mean"), 0.0);
    List<CSVRecord> causes = csv(tmp.resolve("out/causes.csv"));
    assertEquals(1, causes.size(), causes::toString);
    assertEquals("fault@a", causes.get(0).get("cause"));
    assertEquals("1", causes.get(0).get("user_hours_share"));
  }

  @Test
  void badDamage_isOneLinePerError_exit2_noOutput(@TempDir Path tmp) throws Exception {
    String bad =
        MODEL
            .replace("share: 0.5, repair: \"fixed(10h)\"", "share: 1.5")
            .replace(
                "grids:\n",
                "networks:\n  n: {rate: 1/y, outage: \"fixed(1h)\", damage: {repair: \"fixed(1h)\"}}\n"
                    + "grids:\n");
    Path m = Files.writeString(tmp.resolve("m.yaml"), bad);
    Cli.Result r = Cli.run("run", m.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(2, r.code(), r::toString);
    String f = m.toString();
    assertEquals(
        List.of(
            f
                + ":3:39: networks.n.damage: unknown key 'damage' (expected one of: rate, ttf,"
                + " outage, onset, also, needs, manual)",
            // Line 10: `    fault: {rate: 1/y, outage: "fixed(2h)", damage: {share: 1.5}}`; a
            // missing key is reported at its mapping (column 53), a bad value at the value
            // (column 61).
            f
                + ":10:53: sites.a.fault.damage.repair: missing: a distribution such as"
                + " lognormal(median=1h, p90=4h)",
            f
                + ":10:61: sites.a.fault.damage.share: must be a probability between 0 and 1, got"
                + " 1.5"),
        r.errLines());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void set_ofADamageKey_isRefusedWhereItIsWrong(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run(
            "run",
            m.toString(),
            "--set",
            "sites.a.fault.damage.destroyed=2",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "--set sites.a.fault.damage.destroyed=2: sites.a.fault.damage.destroyed: must be a"
                + " probability between 0 and 1, got 2"),
        r.errLines());
  }

  @Test
  void damage_onAPowerOrNetworkEffect_isRefused_oneLine(@TempDir Path tmp) throws Exception {
    String bad =
        MODEL.replace(
            "damage: {share: 0.5, repair: \"fixed(10h)\"}}",
            "also: {b: {effect: power, damage: {repair: \"fixed(1d)\"}}}}");
    Path m = Files.writeString(tmp.resolve("m.yaml"), bad);
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            m
                + ":8:71: sites.a.fault.also.b.damage: a 'power' effect reaches no hardware (it cuts"
                + " the utility); damage goes with dark or cooling"),
        r.errLines());
  }

  @Test
  void repairUnderWayAtZero_inAStationaryScenario_isBlamedOnTheHazardThatDamaged(@TempDir Path tmp)
      throws Exception {
    // Site a's fault damages a quarter of it for 250 h at every outage (one each 101 h), so in a
    // stationary background a repair is always under way at t = 0: the outage api is in then is
    // the fault's, not baseline (a shortfall with every site up).
    Path m =
        Files.writeString(
            tmp.resolve("m.yaml"),
            """
            name: carried
            sites:
              a: {fault: {ttf: "fixed(100h)", outage: "fixed(1h)", damage: {share: 0.25, repair: "fixed(250h)"}}}
              b: {fault: {rate: 1/y, outage: "fixed(1h)"}}
            services:
              api: {users: 1, deploy: {a: 1}}
            """);
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "fault@b",
            "--trials",
            "200",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> causes = csv(tmp.resolve("out/causes.csv"));
    assertEquals(List.of("fault@a"), causes.stream().map(c -> c.get("cause")).distinct().toList());
  }

  @Test
  void validate_showsADamageInDeclaredOrder_withItsDefaults(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(
        1,
        r.out()
            .lines()
            .filter(
                l ->
                    l.trim()
                        .equals(
                            "fault: rate 1/y, outage fixed(2h), onset none (left out), also none"
                                + " (left out), damage {probability 1 (default), share 0.5,"
                                + " repair fixed(10h), destroyed 0 (default)}, needs none (left"
                                + " out), manual none (left out)"))
            .count(),
        r.out());
  }
}
