package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's cooling plant (docs/model-format.md, "Cooling"): the thermal ride-through and the trips
 * of its chillers at a loss of utility, end to end with fixed durations, so every check is exact.
 * The closed forms with random outages are in {@code KernelAnalyticTest}.
 */
class CoolingPlantTest {
  static final String MODEL =
      """
      name: chillers
      horizon: 100h
      scenario_horizon: 2d
      grids:
        g: {ttf: "fixed(500h)", outage: "fixed(20m)"}
      sites:
        s:
          grid: g
          ups: 30m
          restart: "fixed(1h)"
          cooling: {ttf: "fixed(10h)", outage: "fixed(5h)", ride_through: 2h, trips: 1}
        t:
          cooling: {ttf: "fixed(10h)", outage: "fixed(2h)", ride_through: 2h}
      services:
        a: {deploy: {s: 1}}
        b: {deploy: {t: 1}}
      """;

  @Test
  void coolingFailure_shutsTheSiteDownAfterTheRideThrough_thenRestarts(@TempDir Path tmp)
      throws Exception {
    // Failure at 0 for 5 h: down [2 h, 5 h), restart to 6 h.
    var s = FixedScenario.run(tmp, MODEL, "cooling@s");
    assertEquals(4, s.mean("a", "downtime_h"), 0.0);
    assertEquals(6, s.mean("a", "recover_h"), 0.0);
    // A failure no longer than the ride-through does nothing.
    assertEquals(0, FixedScenario.run(tmp, MODEL, "cooling@t").mean("b", "downtime_h"), 0.0);
  }

  @Test
  void aGridOutageTheUpsCarries_tripsTheChillers_causedByTheGrid(@TempDir Path tmp)
      throws Exception {
    // 20 minutes of grid outage, within the UPS's 30: the IT never loses power, but the chillers
    // trip at 0 (trips 1): down [2 h, 5 h), restart to 6 h, caused by grid@g.
    var s = FixedScenario.run(tmp, MODEL, "grid@g");
    assertEquals(4, s.mean("a", "downtime_h"), 0.0);
    assertEquals(List.of("a grid@g 10"), s.causeLines());
  }

  @Test
  void tripsAtASiteWithoutAGrid_areWarnedAbout(@TempDir Path tmp) throws Exception {
    Path m =
        Files.writeString(
            tmp.resolve("m.yaml"),
            MODEL.replace("ride_through: 2h}", "ride_through: 2h, trips: 0.5}"));
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(
        List.of(
            m
                + ":13:73: warning: sites.t.cooling.trips: has no effect: the site has no grid, so"
                + " no loss of utility to trip its chillers"),
        r.errLines());
  }

  @Test
  void aBadRideThrough_isOneLineWithItsPlace(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL.replace("trips: 1", "trips: 1.5"));
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    String line = r.errLines().get(0);
    assertEquals(
        "sites.s.cooling.trips: ",
        line.substring(line.indexOf(": ", m.toString().length()) + 2).substring(0, 23));
  }
}
