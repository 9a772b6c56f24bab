package io.firedrill.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --vary} reads numbers of the model syntax, then one unit of the model syntax. */
class VaryTest {
  @ParameterizedTest
  @CsvSource({
    "sites.a.feeds_needed, true, 1",
    "sites.a.generator.count, true, 1",
    "sites.a.generator.needed, true, 1",
    "services.x.deploy.a, true, 0",
    "sites.a.ups, false, 0",
    "sites.a.generator.fail_to_start, false, 0"
  })
  void wholeNumberKeys_areSearchedInWholeSteps_fromTheirSmallestValue(
      String path, boolean whole, String smallest) {
    assertEquals(whole, Vary.isWhole(path), path);
    assertEquals(smallest, Vary.smallest(path), path);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "services.a.users=1e2..3e2:1e2||3|services.a.users=100",
        "services.a.users=1e300..1e300:1||1|services.a.users=1e300",
        "services.a.users=1K..3K:1K|K|3|services.a.users=1K",
        "sites.e.ups=10m..20m:5|m|3|sites.e.ups=10m",
        "sites.e.ups=1.5h..2.5h:0.5h|h|3|sites.e.ups=1.5h",
        "grids.g.rate=0.1/y..0.3/y:0.1/y|/y|3|grids.g.rate=0.1/y",
        "services.a.slo=0.9..0.99:0.01||10|services.a.slo=0.9",
        "services.a.demand=-2..2:1||5|services.a.demand=-2",
        "sites.e.ups=0..30m:10m|m|4|sites.e.ups=0m",
        "sites.e.ups=10m..2h:10m|m|12|sites.e.ups=10m",
        "sites.e.ups=0..1d:6h|h|5|sites.e.ups=0h",
        "sites.e.fire.rate=0..0.01/y:0.005/y|/y|3|sites.e.fire.rate=0/y"
      })
  void range_numberThenUnit(String text, String unit, long count, String first) {
    Vary v = Vary.parse(text);
    assertEquals(unit == null ? "" : unit, v.unit());
    assertEquals(count, v.count());
    assertEquals(first, v.override(v.numbers().get(0)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "x.y=1..2:1q|--vary x.y=1..2:1q: unknown unit 'q' in '1q' (units: s, m, h, d, w, y, /y, /d,"
            + " /h, K, M or none)",
        "x.y=1e3x..2e3x:1e3x|--vary x.y=1e3x..2e3x:1e3x: unknown unit 'x' in '1e3x' (units: s, m,"
            + " h, d, w, y, /y, /d, /h, K, M or none)",
        "x.y=10m..2/y:10m|--vary x.y=10m..2/y:10m: FROM, TO and STEP must share a unit (FROM has 'm', TO '/y', STEP 'm'; a bare 0 takes the others' unit)",
        "x.y=1..2:1s|--vary x.y=1..2:1s: FROM, TO and STEP must share a unit (FROM has none, TO none, STEP 's'; a bare 0 takes the others' unit)",
        "x.y=0..1e400:1|--vary x.y=0..1e400:1: '1e400' is too large to compute with (above"
            + " 1.8e308)",
        "x.y=0..1:1e-400|--vary x.y=0..1:1e-400: '1e-400' is too small to compute with (below"
            + " 2.2e-308)",
        "x.y=0..2147483647:1|--vary x.y=0..2147483647:1: 2147483648 points (at most 1000)",
        "x.y=0..1e300:1e-300|--vary x.y=0..1e300:1e-300: about 1e600 points (at most 1000)",
        "x.y=0..10:0|--vary x.y=0..10:0: STEP must be positive",
        "x.y=5..1:1|--vary x.y=5..1:1: TO is below FROM",
        "x.y=0x1..2:1|--vary x.y=0x1..2:1: unknown unit 'x1' in '0x1' (units: s, m, h, d, w, y, /y,"
            + " /d, /h, K, M or none)"
      })
  void range_outsideTheSyntax_isOneLine(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Vary.parse(text));
    assertEquals(message, e.getMessage());
  }

  @Test
  void range_withMoreThanTwoToThe31Points_isCountedAsALong() {
    Vary v = Vary.search("--min/--max/--step", "services.s.users", "0", "2147483647", "1");
    assertEquals(2_147_483_648L, v.count());
  }

  @Test
  void searchRange_beyondTwoToThe53Points_isRefused_andWithoutStepIsSplitIn1024() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Vary.search("--min/--max/--step", "services.s.users", "0", "1e16", "1"));
    assertEquals(
        "--min/--max/--step: 10000000000000001 points (at most 9007199254740992, 2^53; give a"
            + " larger --step)",
        e.getMessage());
    Vary v = Vary.search("--min/--max/--step", "sites.e.ups", "0m", "1e300m", null);
    assertEquals(0, new BigDecimal("9.765625e296").compareTo(v.step()), v.step()::toString);
    assertEquals(1025, v.count());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "seed=1..3:1|seed is a run setting, not a model parameter (seed, trials and horizon are run"
            + " settings: sweep and size run every point on the same trials); use --seed",
        "trials=1..3:1|trials is a run setting, not a model parameter (seed, trials and horizon are"
            + " run settings: sweep and size run every point on the same trials); use --trials",
        "horizon=1y..2y:1y|horizon is a run setting, not a model parameter (seed, trials and horizon"
            + " are run settings: sweep and size run every point on the same trials); use --horizon",
        "scenario_horizon=1d..2d:1d|scenario_horizon is a run setting, not a model parameter (seed,"
            + " trials and horizon are run settings: sweep and size run every point on the same"
            + " trials); use --horizon with --event",
        "name=1..2:1|name only labels the model and its output folder; it is not a model parameter",
        "description=1..2:1|description is free text, not a model parameter",
        "start=1..2:1|start is where t = 0 falls in the week, a setting of the run, not a model"
            + " parameter; use --at with --event",
        "profile=1..2:1|profile is a list of 168 weights, not one number that can be varied"
      })
  void runSettingsAndLabels_cannotBeVaried(String text, String why) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Vary.parse(text));
    assertEquals("--vary " + text + ": " + why, e.getMessage());
  }

  @Test
  void modelParameters_mayBeVaried() {
    for (String p :
        List.of(
            "services.a.users", "sites.e.ups", "grids.g.rate", "cost.e", "services.seed.users")) {
      assertEquals(null, Vary.notAParameter(p), p);
    }
  }

  @Test
  void grid_twoRanges_everyCombinationWithTheSecondVaryingFastest() {
    List<BigDecimal[]> grid =
        Vary.grid(
            List.of(Vary.parse("services.a.users=1..2:1"), Vary.parse("sites.e.ups=0m..10m:10m")));
    assertEquals(
        List.of("1 0", "1 10", "2 0", "2 10"),
        grid.stream().map(p -> Vary.text(p[0]) + " " + Vary.text(p[1])).toList());
  }

  @Test
  void grid_samePathTwiceOrTooManyPoints_isRefused() {
    Vary small = Vary.parse("services.a.users=1..3:1");
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> Vary.grid(List.of(small, small)));
    assertEquals(
        "--vary services.a.users is given twice: the second range would replace the first at"
            + " every point; give one range, or two different parameters",
        twice.getMessage());
    Vary a = Vary.parse("services.a.users=1..40:1");
    Vary b = Vary.parse("sites.e.ups=1m..26m:1m");
    IllegalArgumentException many =
        assertThrows(IllegalArgumentException.class, () -> Vary.grid(List.of(a, b)));
    assertEquals("--vary: 1040 points in all (at most 1000)", many.getMessage());
  }
}
