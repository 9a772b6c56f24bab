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
 * Cascades ({@code also}, docs/simulation.md, "Cascades"): a hazard's failure sets off effects at
 * other sites (power, dark, network), each after its delay, for its own outage or the initiating
 * one's; causes follow the chain back to the initiating hazard. End to end with fixed durations and
 * certain effects, so every check is exact; the probability of an effect is checked against its
 * closed form in {@code KernelAnalyticTest}.
 */
class CascadesTest {
  static final String MODEL =
      """
      name: cascades
      horizon: 1000h
      scenario_horizon: 2d
      grids:
        g: {ttf: "fixed(500h)", outage: "fixed(6h)"}
      sites:
        a:
          fire:
            ttf: "fixed(500h)"
            contained: 0
            outage: "fixed(2h)"
            restore: "fixed(4h)"
            also:
              b: {effect: dark, delay: "fixed(3h)", outage: "fixed(10h)"}
              c: {effect: network, delay: "fixed(1h)", outage: "fixed(2h)"}
          fault:
            ttf: "fixed(500h)"
            outage: "fixed(5h)"
            also: {d: {effect: power}}
        b: {restart: "fixed(1h)"}
        c: {}
        d: {grid: g, ups: 1h}
        e: {grid: g, ups: 1h, generator: {fail_to_start: 0}}
      services:
        sb: {deploy: {b: 1}}
        sc: {deploy: {c: 1}}
        sd: {deploy: {d: 1}}
      """;

  @Test
  void fireAtA_darkensBAfterItsDelay_andCutsCOff_causedByTheFire(@TempDir Path tmp)
      throws Exception {
    var out = FixedScenario.run(tmp, MODEL, "fire@a");
    // b: off [3 h, 13 h), then a 1-hour restart: down [3 h, 14 h).
    assertEquals(11, out.mean("sb", "downtime_h"), 0.0);
    assertEquals(14, out.mean("sb", "recover_h"), 0.0);
    assertEquals(1, out.mean("sb", "affected"), 0.0);
    // c: unreachable [1 h, 3 h); no restart.
    assertEquals(2, out.mean("sc", "downtime_h"), 0.0);
    assertEquals(3, out.mean("sc", "recover_h"), 0.0);
    assertEquals(List.of("sb fire@a 10", "sc fire@a 10"), out.causeLines());
  }

  @Test
  void powerEffect_goesThroughTheUps_andMergesWithTheGridsOutage(@TempDir Path tmp)
      throws Exception {
    // The fault at a lasts 5 h and cuts d's power for as long: the UPS (1 h) carries the first
    // hour, d is dark [1 h, 5 h).
    var fault = FixedScenario.run(tmp, MODEL, "fault@a");
    assertEquals(4, fault.mean("sd", "downtime_h"), 0.0);
    assertEquals(List.of("sd fault@a 10"), fault.causeLines());
    // With d's grid out [2 h, 8 h) too: utility lost [0, 8 h), one supply outage; dark [1 h, 8 h).
    var both = FixedScenario.run(tmp, MODEL, "fault@a", "grid@g+2h");
    assertEquals(7, both.mean("sd", "downtime_h"), 0.0);
    assertEquals(1, both.mean("sd", "outages"), 0.0);
    assertEquals(List.of("sd fault@a 10"), both.causeLines());
    // A generator that starts bridges the cut.
    var generator =
        FixedScenario.run(
            tmp,
            MODEL.replace("also: {d: {effect: power}}", "also: {e: {effect: power}}")
                + "  se: {deploy: {e: 1}}\n",
            "fault@a");
    assertEquals(0, generator.mean("se", "downtime_h"), 0.0);
  }

  @Test
  void aSiteWithoutAGrid_whosePowerAnEffectCuts_usesItsUps_withoutAWarning(@TempDir Path tmp)
      throws Exception {
    String yaml = MODEL.replace("d: {grid: g, ups: 1h}", "d: {ups: 1h}");
    Path m = Files.writeString(tmp.resolve("v.yaml"), yaml);
    Cli.Result v = Cli.run("validate", m.toString());
    assertEquals(0, v.code(), v::toString);
    assertEquals(List.of(), v.errLines().stream().filter(l -> l.contains("sites.d")).toList());
    // Without the effect, the UPS of a site without a grid does nothing, and validate says so.
    Path alone =
        Files.writeString(
            tmp.resolve("w.yaml"), yaml.replace("also: {d: {effect: power}}", "also: {}"));
    assertEquals(
        1,
        Cli.run("validate", alone.toString()).errLines().stream()
            .filter(l -> l.contains("sites.d.ups: has no effect"))
            .count());
    assertEquals(4, FixedScenario.run(tmp, yaml, "fault@a").mean("sd", "downtime_h"), 0.0);
  }

  @Test
  void aWarmUp_movesNoDrawOfItsHazardAfterTimeZero(@TempDir Path tmp) throws Exception {
    // A stationary scenario: grid g feeds a and b. Giving g an effect (which brings a warm-up
    // before t = 0) or a's cooling trips must not change g's outages after 0, so b's results stay
    // the same to the bit (common random numbers; the history before 0 has its own substream).
    String yaml =
        """
        name: crn
        grids:
          g: {rate: 20/y, outage: "exponential(mean=3h)"}
        sites:
          a: {grid: g, fault: {rate: 1/y, outage: "fixed(5h)"}, cooling: {rate: 0/y, outage: "fixed(4h)", trips: 0}}
          b: {grid: g}
          c: {}
        services:
          sa: {deploy: {a: 1}}
          sb: {deploy: {b: 1}}
        """;
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    List<String> sb = new ArrayList<>();
    for (String set :
        List.of(
            "sites.a.cooling.trips=0",
            "sites.a.cooling.trips=0.5",
            "grids.g.also={c: {effect: dark, delay: \"fixed(30h)\"}}")) {
      Path out = tmp.resolve("o" + sb.size());
      Cli.Result r =
          Cli.run(
              "scenario",
              m.toString(),
              "--event",
              "fault@a",
              "--trials",
              "5000",
              "--set",
              set,
              "--out",
              out.toString());
      assertEquals(0, r.code(), r::toString);
      sb.add(
          csv(out.resolve("summary.csv")).stream()
              .filter(c -> c.get("service").equals("sb"))
              .map(CSVRecord::toString)
              .toList()
              .toString());
    }
    assertEquals(sb.get(0), sb.get(1));
    assertEquals(sb.get(0), sb.get(2));
  }

  @Test
  void run_effectsRecurWithEveryFailure(@TempDir Path tmp) throws Exception {
    // Fires at 500 h (one in 1000 h): b down [503 h, 514 h). The fault at a at 500 h cuts d
    // [500 h, 505 h): dark [501 h, 505 h); d's grid [500 h, 506 h) too: dark [501 h, 506 h).
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run("run", m.toString(), "--trials", "10", "--out", tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> s = csv(tmp.resolve("out/summary.csv"));
    assertEquals(11, value(row(s, "sb", "downtime_h"), "mean"), 0.0);
    assertEquals(5, value(row(s, "sd", "downtime_h"), "mean"), 0.0);
  }

  @Test
  void badEffects_areOneLineWithTheirPlace_andNothingWritten(@TempDir Path tmp) throws Exception {
    String[][] cases = {
      {
        "b: {effect: dark,",
        "bb: {effect: dark,",
        "sites.a.fire.also.bb: unknown site 'bb', did you" + " mean 'b'? (known: a, b, c, d, e)"
      },
      {
        "effect: network",
        "effect: smoke",
        "sites.a.fire.also.c.effect: expected power or dark or network or cooling, got 'smoke'"
      },
      {
        "also: {d: {effect: power}}",
        "also: {d: {effect: power, probability: 2}}",
        "sites.a.fault.also.d.probability: "
      },
    };
    for (String[] c : cases) {
      Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL.replace(c[0], c[1]));
      Path out = tmp.resolve("out");
      Cli.Result r = Cli.run("run", m.toString(), "--out", out.toString());
      assertEquals(2, r.code(), r::toString);
      assertEquals(1, r.errLines().size(), r::toString);
      String line = r.errLines().get(0);
      String message = line.substring(line.indexOf(": ", m.toString().length()) + 2);
      assertEquals(c[2], message.substring(0, Math.min(message.length(), c[2].length())), line);
      assertFalse(Files.exists(out));
    }
  }
}
