package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The horizon of a scenario: --horizon, else the model's scenario_horizon, else 7 d; and one line
 * whenever the horizon cut recovery off.
 */
class ScenarioHorizonTest {
  static final String MODEL =
      """
      name: slow
      %s
      sites:
        a: {fault: {rate: 0.001/y, outage: "fixed(100d)"}}
      services:
        sa: {deploy: {a: 1}}
      """;

  static Cli.Result scenario(Path tmp, String header, String... extra) throws Exception {
    Path m = tmp.resolve("m.yaml");
    Files.writeString(m, MODEL.formatted(header));
    String[] args = {
      "scenario",
      m.toString(),
      "--event",
      "fault@a",
      "--trials",
      "100",
      "--charts",
      "none",
      "--out",
      tmp.resolve("out").toString()
    };
    return Cli.run(ScenarioBackgroundTest.concat(args, extra));
  }

  @Test
  void modelScenarioHorizon_isUsed_andRecoveryWithinItIsNotCut(@TempDir Path tmp) throws Exception {
    Cli.Result r = scenario(tmp, "scenario_horizon: 120d");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("100 trials of 120d"), r.out());
    assertFalse(r.out().contains("note: the horizon"), r.out());
    assertTrue(Files.readString(tmp.resolve("out/summary.csv")).contains("sa,recover_h,2400,"));
  }

  @Test
  void defaultSevenDays_cutsA100DayRecovery_andSaysHowToExtendIt(@TempDir Path tmp)
      throws Exception {
    Cli.Result r = scenario(tmp, "horizon: 1y");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("100 trials of 1w"), r.out());
    assertTrue(
        r.out()
            .contains(
                "note: the horizon (1w) cut recovery off: not recovered from the event by then:"
                    + " sa in 100 % of trials; recover_h counts those trials as the horizon."
                    + " Extend it with --horizon 2w (or scenario_horizon: 2w in the model)."),
        r.out());
  }

  @Test
  void destroyedHardware_theNoteSaysNoHorizonBringsItBack(@TempDir Path tmp) throws Exception {
    Path m = tmp.resolve("gone.yaml");
    Files.writeString(
        m,
        """
        name: gone
        sites:
          a:
            fire:
              rate: 1/y
              outage: "fixed(5h)"
              restore: "fixed(10h)"
              damage: {probability: 1, share: 1, repair: "fixed(1d)", destroyed: 1}
        services:
          s: {deploy: {a: 1}}
        """);
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
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(
        r.out()
            .contains(
                "recover_h counts those trials as the horizon. Hardware destroyed (damage with"
                    + " destroyed above 0) never returns within a trial: trials that lost it do"
                    + " not recover at any horizon. Extend it with --horizon 2w"),
        r.out());
  }

  @Test
  void commandLineHorizon_winsOverTheModel(@TempDir Path tmp) throws Exception {
    Cli.Result r = scenario(tmp, "scenario_horizon: 120d", "--horizon", "200d");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("100 trials of 200d"), r.out());
  }

  @Test
  void eventOnAModelWithoutHazards_saysThereIsNothingToForce(@TempDir Path tmp) throws Exception {
    Path m = tmp.resolve("nohaz.yaml");
    Files.writeString(m, "name: nohaz\nsites:\n  a: {}\nservices:\n  s: {deploy: {a: 1}}\n");
    Cli.Result r = Cli.run("scenario", m.toString(), "--event", "fault@a");
    assertEquals(2, r.code(), r.toString());
    assertEquals(
        java.util.List.of(
            "firedrill scenario: --event: site 'a' declares no fault; give it sites.a.fault to"
                + " force one (the model has no hazard to force: give a site a fire, fault or"
                + " cooling, or a grid or network)"),
        r.errLines());
  }

  @Test
  void aHorizonNearTheLimit_isNeverExtendedPastIt(@TempDir Path tmp) throws Exception {
    // 60,000 y cut off a recovery that never comes (a fault of 1e9 y): twice that would be
    // refused, so the note suggests the longest horizon, 100,000 y; at 100,000 y it says so.
    String model =
        """
        name: slow
        sites:
          a: {fault: {rate: 0.001/y, outage: "fixed(1000000000y)"}}
        services:
          sa: {deploy: {a: 1}}
        """;
    Path m = tmp.resolve("m.yaml");
    Files.writeString(m, model);
    for (String[] c :
        new String[][] {
          {"60000y", "Extend it with --horizon 100000y"},
          {"100000y", "It is the longest horizon firedrill simulates."}
        }) {
      Cli.Result r =
          Cli.run(
              "scenario",
              m.toString(),
              "--event",
              "fault@a",
              "--background",
              "off",
              "--trials",
              "10",
              "--horizon",
              c[0],
              "--out",
              tmp.resolve("out-" + c[0]).toString());
      assertEquals(0, r.code(), r.toString());
      assertTrue(r.out().contains(c[1]), r.out());
    }
  }
}
