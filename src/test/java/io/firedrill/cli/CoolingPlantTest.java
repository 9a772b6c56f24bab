package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static io.firedrill.cli.ScenarioCommandTest.row;
import static io.firedrill.cli.ScenarioCommandTest.value;
import static io.firedrill.cli.SeveralFeedsTest.causeLines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
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

  private static List<CSVRecord> scenario(Path tmp, String... events) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    java.util.List<String> args = new java.util.ArrayList<>(List.of("scenario", m.toString()));
    for (String e : events) {
      args.addAll(List.of("--event", e));
    }
    args.addAll(
        List.of("--background", "off", "--trials", "10", "--out", tmp.resolve("out").toString()));
    Cli.Result r = Cli.run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r::toString);
    return csv(tmp.resolve("out/summary.csv"));
  }

  @Test
  void coolingFailure_shutsTheSiteDownAfterTheRideThrough_thenRestarts(@TempDir Path tmp)
      throws Exception {
    // Failure at 0 for 5 h: down [2 h, 5 h), restart to 6 h.
    List<CSVRecord> s = scenario(tmp, "cooling@s");
    assertEquals(4, value(row(s, "a", "downtime_h"), "mean"), 0.0);
    assertEquals(6, value(row(s, "a", "recover_h"), "mean"), 0.0);
    // A failure no longer than the ride-through does nothing.
    assertEquals(0, value(row(scenario(tmp, "cooling@t"), "b", "downtime_h"), "mean"), 0.0);
  }

  @Test
  void aGridOutageTheUpsCarries_tripsTheChillers_causedByTheGrid(@TempDir Path tmp)
      throws Exception {
    // 20 minutes of grid outage, within the UPS's 30: the IT never loses power, but the chillers
    // trip at 0 (trips 1): down [2 h, 5 h), restart to 6 h, caused by grid@g.
    List<CSVRecord> s = scenario(tmp, "grid@g");
    assertEquals(4, value(row(s, "a", "downtime_h"), "mean"), 0.0);
    assertEquals(List.of("a grid@g 10"), causeLines(csv(tmp.resolve("out/causes.csv"))));
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
