package io.firedrill.engine;

import static io.firedrill.engine.KernelAnalyticTest.forced;
import static io.firedrill.engine.KernelAnalyticTest.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Staffing by time of day (docs/simulation.md, "Staffing"): recovery work (restarts, repairs of
 * damaged hardware, manual failovers and repairs) goes on at pace 1 / f(u) in each hour u of the
 * week, so a task of d hours as drawn that starts at t ends at T with ∫_t^T du / f(u) = d. Fixed
 * durations: every check is exact (to 1e-9).
 */
class StaffingTest {
  /**
   * Factor {@code night} from 00:00 to 06:00 every day, {@code weekend} all Saturday and Sunday.
   */
  static String staffing(double night, double weekend) {
    List<String> f = new ArrayList<>();
    for (int h = 0; h < 168; h++) {
      double v = h >= 120 ? weekend : h % 24 < 6 ? night : 1;
      f.add(Double.toString(v));
    }
    return "[" + String.join(", ", f) + "]";
  }

  static final String FAILOVER =
      """
      name: staffed
      horizon: 100h
      start: %s
      staffing: %s
      sites:
        a: {fault: {rate: 1/y, outage: "fixed(10h)"}}
        b: {}
      services:
        api:
          deploy: {a: 1}
          standby: {b: 1}
          failover: {time: "fixed(5m)", success: 0, manual: "fixed(1h)"}
      """;

  @Test
  void manualFailover_atTwoInTheMorning_takesTwiceAsLong_whenTheNightShiftIsHalf()
      throws Exception {
    // The automatic path always fails (success 0): the standby joins after the manual 1 h of
    // work. At 02:00 (factor 2) that takes 2 h; at noon (factor 1) 1 h. The service is down until
    // the standby joins.
    String night = FAILOVER.formatted("mon 02:00", staffing(2, 1));
    String noon = FAILOVER.formatted("mon 12:00", staffing(2, 1));
    assertEquals(2, down(night, "fault@a"), 1e-9);
    assertEquals(1, down(noon, "fault@a"), 1e-9);
  }

  @Test
  void restartAcrossTheEndOfTheNight_goesOnAtEachHoursPace() throws Exception {
    // A fault at 05:00 for 30 min; the restart of 1 h starts at 05:30: its first half hour (pace
    // 0.5) does 0.25 h of work, the remaining 0.75 h take 0.75 h after 06:00: back at 06:45,
    // down 1.75 h (1.5 h without staffing).
    String model =
        """
        name: staffed
        horizon: 100h
        start: tue 05:00
        staffing: %s
        sites:
          a: {restart: "fixed(1h)", fault: {rate: 1/y, outage: "fixed(30m)"}}
        services:
          api: {deploy: {a: 1}}
        """;
    assertEquals(1.75, down(model.formatted(staffing(2, 1)), "fault@a"), 1e-9);
    assertEquals(1.5, down(model.formatted(staffing(1, 1)), "fault@a"), 1e-9);
  }

  @Test
  void repairOfDamage_overWeeks_takesTheWeeksWork() throws Exception {
    // Weekends at factor 2: a week holds 120 + 48 / 2 = 144 hours of work. A fault at mon 00:00
    // for 1 h damages the site, repaired in 288 h of work from mon 01:00: exactly two weeks,
    // back at mon 01:00 two weeks on. Down 1 + 336 h.
    String model =
        """
        name: staffed
        horizon: 1000h
        start: mon 00:00
        staffing: %s
        sites:
          a: {fault: {rate: 1/y, outage: "fixed(1h)", damage: {repair: "fixed(288h)"}}}
        services:
          api: {deploy: {a: 1}}
        """;
    assertEquals(337, down(model.formatted(staffing(1, 2)), "fault@a"), 1e-9);
  }

  @Test
  void generatorRepair_atNight_takesTwiceAsLong() throws Exception {
    // The grid fails at 01:00 for 10 h; the generator (no UPS) is forced to fail at once and is
    // repaired in 1 h of work: 2 h at night, then it runs to the grid's return. Dark 2 h.
    String model =
        """
        name: staffed
        horizon: 100h
        start: mon 01:00
        staffing: %s
        grids:
          g: {rate: 1/y, outage: "fixed(10h)"}
        sites:
          a: {grid: g, generator: {repair: "fixed(1h)"}}
        services:
          api: {deploy: {a: 1}}
        """;
    assertEquals(
        2,
        forced(model.formatted(staffing(2, 1)), 10, 83, "grid@g", 0, "generator@a", 0)
            .metric(0, Metric.DOWNTIME_H)
            .mean(),
        1e-9);
  }

  @Test
  void workDone_solvesTheIntegralOfThePace_atRandomStartsAndLengths() throws Exception {
    // Against a walk hour by hour: from t, take min(what is left / pace, to the next hour) until
    // the work is done. 10,000 random starts (over ±3 weeks) and lengths (0 to 500 h), with a
    // random staffing profile; seed printed on failure.
    long seed = 84;
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> f = new ArrayList<>();
    double[] factor = new double[168];
    for (int h = 0; h < 168; h++) {
      factor[h] = 0.25 + 3 * rng.nextDouble();
      f.add(Double.toString(factor[h]));
    }
    Plan p =
        plan(
            """
            name: staffed
            start: wed 13:20
            staffing: [%s]
            sites: {a: {}}
            services: {api: {deploy: {a: 1}}}
            """
                .formatted(String.join(", ", f)));
    double start = 2 * 24 + 13 + 1 / 3.0;
    for (int i = 0; i < 10_000; i++) {
      double t = (rng.nextDouble() - 0.5) * 6 * 168;
      double d = rng.nextDouble() * 500;
      double x = start + t;
      double left = d;
      while (left > 0) {
        double hourEnd = Math.floor(x) + 1;
        int h = (int) Math.floorMod((long) Math.floor(x), 168L);
        double pace = 1 / factor[h];
        double step = Math.min(left / pace, hourEnd - x);
        left -= step * pace;
        x += step;
        if (left < 1e-12) {
          break;
        }
      }
      double expected = x - start;
      assertEquals(expected, p.workDone(t, d), 1e-6, "t " + t + ", d " + d + ", seed " + seed);
    }
    assertTrue(p.staffed);
  }

  @Test
  void staffingOfOnesEverywhere_isNoStaffing_andFlatIsTPlusD() throws Exception {
    Plan ones =
        plan(
            """
            name: staffed
            staffing: [%s]
            sites: {a: {}}
            services: {api: {deploy: {a: 1}}}
            """
                .formatted(String.join(", ", Collections.nCopies(168, "1"))));
    assertEquals(false, ones.staffed);
    assertEquals(0.1 + 0.2, ones.workDone(0.1, 0.2), 0.0);
  }

  @Test
  void workStartingFarPastAnyHorizon_endsPastIt_withoutPlacingItByTheHour() throws Exception {
    // A restart after an outage of 1e150 h starts there: the hour of the week is lost in the
    // rounding (it indexed outside the profile); the task ends at t + d, past any horizon.
    Plan p =
        plan(
            """
            name: staffed
            staffing: %s
            sites: {a: {}}
            services: {api: {deploy: {a: 1}}}
            """
                .formatted(staffing(2, 1.5)));
    assertEquals(1e150 + 5, p.workDone(1e150, 5), 0.0);
    assertEquals(-1e150 + 5, p.workDone(-1e150, 5), 0.0);
    assertEquals(2, p.workDone(1, 1) - 1, 1e-12, "at 01:00, factor 2: the hour's work is placed");
  }

  private static double down(String yaml, String event) throws Exception {
    return forced(yaml, 10, 81, event, 0).metric(0, Metric.DOWNTIME_H).mean();
  }

  @Test
  void stationaryWarmUp_reachesAsFarBackAsTheSlowestStaffingMakesARepair() throws Exception {
    // Site a: a fault every 101 h (fixed), each damaging 0.15 of it for 250 h of work; with
    // staffing 2 at every hour the repair takes 500 h, so a repair overlaps the next four
    // outages (at 100, 201, 302 and 403 h after it begins) and at most five repairs run at once
    // (0.75 of the site, below all of it): each failure costs 1 + 0.15 × (500 − 4) = 75.4
    // user-hours, E[user-hours in [0, H]] = 75.4 H / 101 in the long run. The warm-up must reach
    // back over the staffed repair (500 h), not the drawn one (250 h).
    long seed = 85;
    List<String> f = Collections.nCopies(168, "2");
    io.firedrill.stats.RunStats r =
        KernelAnalyticTest.stationary(
            """
                name: staffed
                horizon: 1000h
                staffing: [%s]
                sites:
                  a:
                    fault:
                      ttf: "fixed(100h)"
                      outage: "fixed(1h)"
                      damage: {share: 0.15, repair: "fixed(250h)"}
                  b: {fault: {rate: 1/y, outage: "fixed(1h)"}}
                services:
                  api: {users: 1, deploy: {a: 1}}
                """
                .formatted(String.join(", ", f)),
            20_000,
            seed,
            "fault@b");
    KernelAnalyticTest.assertMean(
        75_400.0 / 101, r.metric(0, Metric.USER_HOURS), "staffed stationary user-hours", seed);
  }
}
