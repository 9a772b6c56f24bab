package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studies an analyst can trust (issue 10, items 1.4, 5.1, 5.2, 5.3): options that would do nothing
 * are refused, an answer inside the noise says so, an unreachable target says why, the total over
 * services can be a target, and size draws its chart.
 */
class SizeStudyTest {
  @TempDir Path tmp;

  static final String WEB =
      """
      name: web
      grids:
        g: {rate: 2/y, outage: "lognormal(median=2h, p90=10h)"}
      sites:
        seoul: {grid: g, ups: 15m, fault: {rate: 1/y, outage: "lognormal(median=3h, p90=12h)"}}
        busan: {ups: 15m}
      services:
        web:
          users: 10M
          demand: 200
          deploy: {seoul: 200}
          standby: {busan: 0}
          failover: {time: "lognormal(median=10m, p90=1h)", success: 0.9, manual: "lognormal(median=4h, p90=12h)"}
      """;

  Path web() throws Exception {
    Path m = tmp.resolve("web.yaml");
    Files.writeString(m, WEB);
    return m;
  }

  Cli.Result cli(String... args) {
    return Cli.run(args);
  }

  // ---------------------------------------------------------------------------------------------
  // 1.4: scenario-only metrics and options that would do nothing

  @Test
  void size_scenarioMetricWithoutEvent_isRefusedNamingEvent() throws Exception {
    Cli.Result r =
        cli(
            "size",
            web().toString(),
            "--vary",
            "services.web.standby.busan",
            "--target",
            "web.recover_h.p99 <= 24");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill size: --target: recover_h is a scenario metric (recovery from an event):"
                + " give --event KIND@NAME, the hazard that fails at t = 0"),
        r.errLines());
  }

  @Test
  void studies_scenarioOptionsWithoutEvent_areRefused() throws Exception {
    String m = web().toString();
    for (String[] extra :
        List.of(
            new String[] {"--at", "sat 15:30"},
            new String[] {"--background", "fresh"},
            new String[] {"--no-background"})) {
      for (String command : List.of("sweep", "size")) {
        String vary =
            command.equals("sweep")
                ? "services.web.standby.busan=0..200:100"
                : "services.web.standby.busan";
        String[] args =
            command.equals("sweep")
                ? new String[] {command, m, "--vary", vary}
                : new String[] {
                  command, m, "--vary", vary, "--target", "web.user_hours.mean <= 1M"
                };
        Cli.Result r = cli(ScenarioBackgroundTest.concat(args, extra));
        assertEquals(2, r.code(), r::toString);
        assertEquals(
            List.of(
                "firedrill "
                    + command
                    + ": "
                    + extra[0]
                    + " needs --event KIND@NAME (it sets up the scenario's event; without one every"
                    + " point is a run of the model's horizon)"),
            r.errLines());
      }
    }
  }

  @Test
  void studies_perTrialAndOutages_areRefused() throws Exception {
    String m = web().toString();
    Cli.Result r =
        cli("sweep", m, "--vary", "services.web.standby.busan=0..200:100", "--per-trial");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill sweep: --per-trial is not written by sweep (one row per trial of every point"
                + " would be huge): run one point with run --set PATH=VALUE --per-trial"),
        r.errLines());
    r =
        cli(
            "size",
            m,
            "--vary",
            "services.web.standby.busan",
            "--target",
            "web.user_hours.mean <= 1M",
            "--outages",
            "10");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill size: --outages is not written by size: run one point with run --set"
                + " PATH=VALUE --outages N"),
        r.errLines());
  }

  @Test
  void size_writesItsChart_unlessChartsNone() throws Exception {
    String m = web().toString();
    Path out = tmp.resolve("png");
    Cli.Result r =
        cli(
            "size",
            m,
            "--vary",
            "services.web.standby.busan",
            "--target",
            "web.user_hours.mean <= 20M",
            "--trials",
            "4096",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r::toString);
    byte[] png = Files.readAllBytes(out.resolve("size.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    Path none = tmp.resolve("none");
    r =
        cli(
            "size",
            m,
            "--vary",
            "services.web.standby.busan",
            "--target",
            "web.user_hours.mean <= 20M",
            "--trials",
            "4096",
            "--charts",
            "none",
            "--out",
            none.toString());
    assertEquals(0, r.code(), r::toString);
    assertFalse(Files.exists(none.resolve("size.png")));
  }

  @Test
  void varyErrors_nameTheVaryOption_notASetTheUserNeverTyped() {
    String three = "models/three-site-example.yaml";
    Cli.Result r = cli("sweep", three, "--vary", "sites.eas.ups=0..30m:10m");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "--vary sites.eas.ups=0..30m:10m: sites.eas: unknown site 'eas', did you mean 'east'?"
                + " (known: east, west, north); to add a site give it whole: --set"
                + " 'sites.eas={...}'"),
        r.errLines());
    r =
        cli(
            "size",
            three,
            "--vary",
            "sites.east.fire.outage",
            "--max",
            "3h",
            "--target",
            "talk.downtime_h.mean <= 1h");
    assertEquals(2, r.code(), r::toString);
    assertTrue(
        r.errLines().get(0).startsWith("--vary sites.east.fire.outage: sites.east.fire.outage:"),
        r::toString);
    assertTrue(
        r.errLines()
            .get(0)
            .endsWith(
                "; --vary varies numbers only (compare distributions"
                    + " with --set in separate runs)"),
        r::toString);
  }

  @Test
  void size_durationWithTheDefaultMinimumZero_takesTheMaximumsUnit() throws Exception {
    Cli.Result r =
        cli(
            "size",
            web().toString(),
            "--vary",
            "sites.seoul.ups",
            "--max",
            "2h",
            "--step",
            "15m",
            "--target",
            "web.downtime_h.mean <= 10h",
            "--trials",
            "4096",
            "--charts",
            "none",
            "--out",
            tmp.resolve("ups").toString());
    assertEquals(0, r.code(), r::toString);
    // 2 h with a step of 15 min: the range is read in minutes, from 0m to 120m.
    assertTrue(r.out().contains("not met anywhere in [0m, 120m]"), r.out());
    assertTrue(r.out().contains("still moves towards the target at 120m: on the line"), r.out());
  }

  @Test
  void sweep_withoutChart_followsTheServiceWhoseParameterIsVaried() {
    // auth is the first service with users; varying talk's standby, the table follows talk.
    Cli.Result r =
        cli(
            "sweep",
            "models/three-site-example.yaml",
            "--vary",
            "services.talk.standby.north=0..4000:4000",
            "--trials",
            "4096",
            "--charts",
            "none",
            "--out",
            tmp.resolve("follow").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().lines().toList().get(1).contains("talk user_hours mean"), r.out());
  }

  @Test
  void sweep_samePathTwice_isRefused_andCsvColumnsNameTheirUnit() throws Exception {
    String three = "models/three-site-example.yaml";
    Cli.Result r =
        cli(
            "sweep",
            three,
            "--vary",
            "sites.east.ups=0m..60m:60m",
            "--vary",
            "sites.east.ups=1m..3m:1m");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill sweep: --vary sites.east.ups is given twice: the second range would replace"
                + " the first at every point; give one range, or two different parameters"),
        r.errLines());
    r =
        cli(
            "sweep",
            three,
            "--vary",
            "services.talk.users=1M..2M:1M",
            "--vary",
            "sites.east.ups=0..30m:30m",
            "--trials",
            "4096",
            "--charts",
            "none",
            "--out",
            tmp.resolve("units").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        Files.readAllLines(tmp.resolve("units/sweep.csv"))
            .get(0)
            .startsWith("point,services.talk.users (M),sites.east.ups (m),service,"));
  }

  @Test
  void size_conservative_answerIsAtLeastThePlainOne_andItsIntervalClearsTheTarget()
      throws Exception {
    String m = web().toString();
    String target = "web.user_hours.p99 <= 135M";
    Cli.Result plain =
        cli(
            "size",
            m,
            "--vary",
            "services.web.standby.busan",
            "--target",
            target,
            "--trials",
            "20000",
            "--charts",
            "none",
            "--out",
            tmp.resolve("plain").toString());
    Cli.Result safe =
        cli(
            "size",
            m,
            "--vary",
            "services.web.standby.busan",
            "--target",
            target,
            "--trials",
            "20000",
            "--charts",
            "none",
            "--conservative",
            "--out",
            tmp.resolve("safe").toString());
    assertEquals(0, plain.code(), plain::toString);
    assertEquals(0, safe.code(), safe::toString);
    int a = answer(plain.out());
    int c = answer(safe.out());
    assertTrue(c >= a, "conservative " + c + " below plain " + a);
    CSVRecord row =
        ScenarioCommandTest.csv(tmp.resolve("safe/size.csv")).stream()
            .filter(x -> x.get(0).equals(Integer.toString(c)))
            .findFirst()
            .orElseThrow();
    assertTrue(Double.parseDouble(row.get("ci95_high")) <= 135e6, row.toString());
    assertTrue(plain.out().contains("warning: the interval"), plain.out());
  }

  static int answer(String out) {
    String line = out.lines().filter(l -> l.startsWith("answer: ")).findFirst().orElseThrow();
    return Integer.parseInt(line.substring(line.indexOf("= ") + 2).split(" ")[0]);
  }

  // ---------------------------------------------------------------------------------------------
  // 5.2: why a target cannot be reached

  @Test
  void size_kakaoTalkRecoveryInAnHour_isNotReachable_andSaysTheToolingHoldsIt() {
    // Failover needs ops, which lives only in Pangyo: every failover in a Pangyo fire is manual,
    // whatever the standby, so talk's p99 recovery stays at the manual path's.
    Cli.Result r =
        cli(
            "size",
            "--event",
            "fire@pangyo",
            "--at",
            "sat 15:30",
            "--vary",
            "services.talk.standby.anyang",
            "--target",
            "talk.recover_h.p99 <= 1h",
            "--trials",
            "4096",
            "--charts",
            "none",
            "--out",
            tmp.resolve("kakao").toString());
    assertEquals(0, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(1).startsWith("not reachable: talk.recover_h.p99 <= 1h"), r.out());
    assertTrue(lines.get(2).startsWith("  why: talk.recover_h.p99 no longer moves ("), r.out());
    assertTrue(
        lines.contains("    the largest cause is fire@pangyo: 100 % of talk's downtime"), r.out());
    assertTrue(
        lines.contains(
            "    failovers of talk: 100 % manual, because a service its automatic path needs (ops)"
                + " was down"),
        r.out());
  }

  // ---------------------------------------------------------------------------------------------
  // 5.3: the total over services as a target

  @Test
  void size_totalUserHours_isATarget_andLongestHasNoTotal() throws Exception {
    String m = web().toString();
    Cli.Result r =
        cli(
            "size",
            m,
            "--vary",
            "services.web.standby.busan",
            "--target",
            "total.user_hours.mean <= 20M",
            "--trials",
            "4096",
            "--charts",
            "none",
            "--out",
            tmp.resolve("total").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("for total.user_hours.mean <= 20M"), r.out());
    assertTrue(
        Files.readString(tmp.resolve("total/size.csv"))
            .startsWith("services.web.standby.busan,total.user_hours.mean,"));
    r =
        cli(
            "size",
            m,
            "--vary",
            "services.web.standby.busan",
            "--target",
            "total.longest_h.mean <= 1h");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill size: --target: longest_h has no total over services (totals: downtime_h,"
                + " outages, user_hours, degraded_h)"),
        r.errLines());
  }

  @Test
  void aParameterThatOnlyHurts_isSaidSo_withUnits() throws Exception {
    // app is down 2 h + its lag after db's forced 2 h fault: 2, 7, 12 h at lags 0, 5 and 10 h,
    // monotone, but away from a target of at most 1 h: the warning says more of it should help.
    Path m = tmp.resolve("lag.yaml");
    Files.writeString(
        m,
        """
        name: lag
        sites:
          a: {fault: {rate: 1/y, outage: "fixed(2h)"}}
          b: {}
        services:
          db: {deploy: {a: 1}}
          app: {deploy: {b: 1}, requires: db, requires_lag: {db: 0h}}
        """);
    Cli.Result r =
        Cli.run(
            "size",
            m.toString(),
            "--vary",
            "services.app.requires_lag.db",
            "--event",
            "fault@a",
            "--background",
            "off",
            "--trials",
            "3",
            "--target",
            "app.downtime_h.mean <= 1h",
            "--max",
            "10h",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(
        r.out()
            .contains(
                "warning: the estimate moves away from the target as the value grows (between 0h"
                    + " and 5h): size looks for the smallest value that meets the target, so more"
                    + " of this parameter should help it"),
        r.out());
    assertFalse(r.out().contains("not monotone"), r.out());
  }

  @Test
  void lastLine_saysHowThePointsSharedTheFirstPointsHazards() {
    assertEquals("", SizeCommand.sharing(0, 0), "no point shared");
    assertEquals(", 16 of them on the hazards the first point sampled", SizeCommand.sharing(16, 1));
    assertEquals(
        ", 16 of them on the hazards the first point sampled for 19 % of their trials (the rest"
            + " did not fit in memory)",
        SizeCommand.sharing(16, 0.1939));
    // A part is never "100 %", and some is never "0 %".
    assertTrue(SizeCommand.sharing(3, 0.999).contains(" for 99 % "));
    assertTrue(SizeCommand.sharing(3, 0.0001).contains(" for 1 % "));
  }
}
