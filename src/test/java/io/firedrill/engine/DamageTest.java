package io.firedrill.engine;

import static io.firedrill.engine.KernelAnalyticTest.assertMean;
import static io.firedrill.engine.KernelAnalyticTest.forced;
import static io.firedrill.engine.KernelAnalyticTest.plan;
import static io.firedrill.engine.KernelAnalyticTest.simulate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import org.junit.jupiter.api.Test;

/**
 * Damaged hardware (docs/simulation.md, "Damage") against exact answers: the damaged share stays
 * out for its repair from the end of the outage, side by side with the restart; destroyed hardware
 * stays out to the horizon; overlapping damage adds up; a zone's damage takes its share only; a
 * cooling failure within its ride-through damages nothing; a stationary start carries the repairs
 * of failures before t = 0.
 *
 * <p>Stochastic checks allow 5 standard errors of the estimate itself: each fails falsely with
 * probability about 5.7e-7 (two-sided normal tail at z = 5); seeds are fixed and printed. Checks
 * with fixed durations compare to 1e-9.
 */
class DamageTest {
  @Test
  void damageWithProbabilityP_andFixedRepairR_addsPTimesROfDowntimePerOutage() throws Exception {
    // A fault at t = 100 h, 201 h, ... (fixed 100 h up, 1 h down): 9 outages in 1000 h; each
    // damages, with p = 0.5, a quarter of the site for R = 10 h from its end. The service is down
    // (served 0.75 < slo 0.99) for the outage and the repair: E[downtime] = 9 (1 + p R) = 54, and
    // it loses 1 user-hour per outage hour and 0.25 per repair hour: E[user-hours] = 9 (1 + p ×
    // 0.25 R) = 20.25. Repairs end before the next fault, so nothing overlaps.
    long seed = 71;
    RunStats r =
        simulate(
            """
            name: damage
            horizon: 1000h
            sites:
              a:
                fault:
                  ttf: "fixed(100h)"
                  outage: "fixed(1h)"
                  damage: {probability: 0.5, share: 0.25, repair: "fixed(10h)"}
            services:
              api: {users: 1, deploy: {a: 1}}
            """,
            100_000,
            seed);
    assertMean(54, r.metric(0, Metric.DOWNTIME_H), "downtime with damage", seed);
    assertMean(20.25, r.metric(0, Metric.USER_HOURS), "user-hours with damage", seed);
    assertMean(9, r.metric(0, Metric.OUTAGES), "outages with damage", seed);
  }

  @Test
  void forcedFault_damageWithExponentialRepair_downtimeIsOutagePlusPTimesMeanRepair()
      throws Exception {
    // Forced at 0: dark D = 2 h, then with p = 0.3 the whole site (share 1) is repaired for
    // R ~ Exp(mean 10 h): E[downtime] = D + p E[R] = 5; the outage list has one outage per trial.
    long seed = 72;
    RunStats r =
        forced(
            """
            name: damage
            horizon: 1000h
            sites:
              a:
                fault:
                  rate: 1/y
                  outage: "fixed(2h)"
                  damage: {probability: 0.3, repair: "exponential(mean=10h)"}
            services:
              api: {deploy: {a: 1}}
            """,
            100_000,
            seed,
            "fault@a",
            0);
    assertMean(5, r.metric(0, Metric.DOWNTIME_H), "outage plus p E[repair]", seed);
    assertEquals(1, r.metric(0, Metric.OUTAGES).mean(), 0.0);
  }

  @Test
  void repairAndRestart_runSideBySide_fromTheEndOfTheOutage() throws Exception {
    // Dark 1 h, then the restart (3 h) and the repair of the whole site run together: down until
    // the later of the two ends, 1 + max(3, R).
    for (double repair : new double[] {2, 5}) {
      RunStats r =
          forced(
              """
              name: damage
              horizon: 100h
              sites:
                a:
                  restart: "fixed(3h)"
                  fault: {rate: 1/y, outage: "fixed(1h)", damage: {repair: "fixed(%sh)"}}
              services:
                api: {deploy: {a: 1}}
              """
                  .formatted(repair),
              10,
              73,
              "fault@a",
              0);
      assertEquals(1 + Math.max(3, repair), r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9);
    }
  }

  @Test
  void destroyedHalf_capsTheFiresRestoreAtHalf_untilTheHorizon() throws Exception {
    // A fire forced at 0: dark 1 h, then a linear restore over 1 h; half the site is destroyed.
    // Capacity min(t − 1, 0.5) on [1, 2], 0.5 after: down from 0 to the horizon (100 h); user-
    // hours (1 user) 1 + ∫_0^1 (1 − min(x, 0.5)) dx + 0.5 × 98 = 1 + 0.625 + 49 = 50.625.
    RunStats r =
        forced(
            """
            name: damage
            horizon: 100h
            sites:
              a:
                fire:
                  rate: 1/y
                  outage: "fixed(1h)"
                  restore: "fixed(1h)"
                  damage: {share: 0.5, repair: "fixed(1h)", destroyed: 1}
            services:
              api: {users: 1, deploy: {a: 1}}
            """,
            10,
            74,
            "fire@a",
            0);
    assertEquals(100, r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(50.625, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
  }

  @Test
  void overlappingDamage_addsUpTheShares() throws Exception {
    // A fault and a cooling failure forced at 0, each dark 1 h; they damage 0.3 (repair 5 h) and
    // 0.4 (repair 10 h): capacity 0.3 on [1, 6), 0.6 on [6, 11). User-hours (1 user): 1 + 0.7 × 5
    // + 0.4 × 5 = 6.5; down [0, 11).
    RunStats r =
        forced(
            """
            name: damage
            horizon: 100h
            sites:
              a:
                fault: {rate: 1/y, outage: "fixed(1h)", damage: {share: 0.3, repair: "fixed(5h)"}}
                cooling: {rate: 1/y, outage: "fixed(1h)", damage: {share: 0.4, repair: "fixed(10h)"}}
            services:
              api: {users: 1, deploy: {a: 1}}
            """,
            10,
            75,
            "fault@a",
            0,
            "cooling@a",
            0);
    assertEquals(6.5, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(11, r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9);
  }

  @Test
  void coolingFailure_damagesOnlyWhenItOutlastsItsRideThrough() throws Exception {
    // Ride-through 2 h. An outage of 1 h shuts nothing down and damages nothing; one of 3 h shuts
    // the site down on [2, 3), then the repair of 4 h: down [2, 7).
    String model =
        """
        name: damage
        horizon: 100h
        sites:
          a:
            cooling:
              rate: 1/y
              outage: "fixed(%sh)"
              ride_through: 2h
              damage: {repair: "fixed(4h)"}
        services:
          api: {deploy: {a: 1}}
        """;
    assertEquals(
        0, forced(model.formatted(1), 10, 76, "cooling@a", 0).metric(0, Metric.DOWNTIME_H).mean());
    assertEquals(
        5,
        forced(model.formatted(3), 10, 76, "cooling@a", 0).metric(0, Metric.DOWNTIME_H).mean(),
        1e-9);
  }

  @Test
  void zonesDamage_takesItsShareOnly() throws Exception {
    // Zone x (half the site) has a fault forced at 0, dark 1 h, damaging all of x for 10 h: the
    // site serves 0.5 for the 1 h of the fault and the 10 h of the repair (zone y carries on).
    // User-hours (1 user) 0.5 × 11 = 5.5; down (0.5 < slo) for 11 h.
    RunStats r =
        forced(
            """
            name: damage
            horizon: 100h
            sites:
              a:
                zones:
                  x: {share: 0.5, fault: {rate: 1/y, outage: "fixed(1h)", damage: {repair: "fixed(10h)"}}}
                  y: {share: 0.5}
            services:
              api: {users: 1, deploy: {a: 1}}
            """,
            10,
            77,
            "fault@a/x",
            0);
    assertEquals(5.5, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(11, r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9);
    Plan p =
        plan(
            "name: z\nsites: {a: {fault: {rate: 1/y, outage: \"fixed(1h)\"}}}\nservices: {s: {deploy: {a: 1}}}");
    assertEquals(Plan.NONE, p.hazardDamage[0], "a fault without damage");
  }

  @Test
  void aSitesDamageAndAZonesOwn_addUpInTheZone() throws Exception {
    // A site fault at 0 (dark 1 h) damages 0.2 of every zone for 100 h, to 101 h; zone z2's own
    // fault at 2 h (dark 1 h) damages 0.3 of it for 100 h, to 103 h. z2: 0.8 on [1, 2), dark
    // [2, 3), 1 − 0.2 − 0.3 = 0.5 on [3, 101), 0.7 on [101, 103). slo 0.6: down [0, 1) and
    // [2, 101); user-hours (1 user) 1 + 0.2 + 1 + 98 × 0.5 + 2 × 0.3 = 51.8; degraded 1 + 2.
    // (It was the larger share alone, 0.3: 32.2 user-hours, down 2 h.)
    RunStats r =
        forced(
            """
            name: damage
            horizon: 200h
            sites:
              a:
                fault: {rate: 1/y, outage: "fixed(1h)", damage: {share: 0.2, repair: "fixed(100h)"}}
                zones:
                  z1: {share: 0.5}
                  z2:
                    share: 0.5
                    fault: {rate: 1/y, outage: "fixed(1h)", damage: {share: 0.3, repair: "fixed(100h)"}}
            services:
              zz: {users: 1, demand: 100, deploy: {a/z2: 100}, slo: 0.6}
            """,
            4,
            78,
            "fault@a",
            0,
            "fault@a/z2",
            2);
    assertEquals(2, r.metric(0, Metric.OUTAGES).mean(), 0.0);
    assertEquals(100, r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(51.8, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(3, r.metric(0, Metric.DEGRADED_H).mean(), 1e-9);
  }

  @Test
  void aSitesDamage_reachesAZoneWithoutDamageOfItsOwn_afreshInEveryTrial() throws Exception {
    // A site fault at 0 (dark 1 h) damages 0.2 of every zone for 10 h. Zone z1 has no damage of
    // its own: each trial, user-hours (1 user) 1 + 0.2 × 10 = 3. (The zone's repairs were once
    // kept from one trial to the next: 0.4 the second trial, 0.6 the third...)
    RunStats r =
        forced(
            """
            name: damage
            horizon: 100h
            sites:
              a:
                fault: {rate: 1/y, outage: "fixed(1h)", damage: {share: 0.2, repair: "fixed(10h)"}}
                zones:
                  z1: {share: 0.5}
                  z2: {share: 0.5}
            services:
              s: {users: 1, deploy: {a/z1: 1}, slo: 0.5}
            """,
            8,
            79,
            "fault@a",
            0);
    assertEquals(3, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(3, r.metric(0, Metric.USER_HOURS).quantile(1), 1e-9);
  }

  @Test
  void stationaryStart_carriesTheRepairsOfFailuresBeforeZero() throws Exception {
    // Site a: a fault every 101 h (100 h up, 1 h down, fixed), each damaging a quarter of the
    // site for 250 h: a repair overlaps the next two outages (1 h each, at 100 h and 201 h after
    // it begins), so each failure costs 1 + 0.25 × (250 − 2) = 63 user-hours (1 user). In the
    // long-run state, E[user-hours in [0, H]] = 63 H / 101 exactly; H = 1000 h reaches back over
    // two and a half cycles, so a stationary start must draw the failures before t = 0 whose
    // repairs are still under way (the warm-up). The scenario's event is at site b.
    long seed = 78;
    RunStats r =
        KernelAnalyticTest.stationary(
            """
                name: damage
                horizon: 1000h
                sites:
                  a:
                    fault:
                      ttf: "fixed(100h)"
                      outage: "fixed(1h)"
                      damage: {share: 0.25, repair: "fixed(250h)"}
                  b: {fault: {rate: 1/y, outage: "fixed(1h)"}}
                services:
                  api: {users: 1, deploy: {a: 1}}
                """,
            100_000,
            seed,
            "fault@b");
    assertMean(63_000.0 / 101, r.metric(0, Metric.USER_HOURS), "stationary user-hours", seed);
  }

  @Test
  void waterFromACascade_damagesTheSiteItDarkens_fromTheEndOfTheEffect() throws Exception {
    // A fire at a, forced at 0, darkens b 3 h later for 5 h (firefighting water); with p = 0.4 the
    // water damages all of b for 10 h from the effect's end: E[downtime at b] = 5 + 0.4 × 10 = 9,
    // every outage of b beginning at 3 h. A cooling effect on c within c's ride-through (2 h
    // against 1 h) takes nothing down and damages nothing. False-failure rate 5.7e-7 (z = 5).
    long seed = 79;
    RunStats r =
        forced(
            """
            name: water
            horizon: 1000h
            sites:
              a:
                fire:
                  rate: 1/y
                  outage: "fixed(1h)"
                  restore: "fixed(1h)"
                  also:
                    b: {effect: dark, delay: "fixed(3h)", outage: "fixed(5h)", damage: {probability: 0.4, repair: "fixed(10h)"}}
                    c: {effect: cooling, outage: "fixed(1h)", damage: {repair: "fixed(10h)"}}
              b: {}
              c: {cooling: {rate: 0/y, outage: "fixed(1h)", ride_through: 2h}}
            services:
              on-b: {deploy: {b: 1}}
              on-c: {deploy: {c: 1}}
            """,
            100_000,
            seed,
            "fire@a",
            0);
    assertMean(9, r.metric(0, Metric.DOWNTIME_H), "water damage at b", seed);
    assertEquals(0, r.metric(1, Metric.DOWNTIME_H).mean(), 0.0, "c within its ride-through");
    for (int i = 0; i < r.outages.size(); i++) {
      assertEquals(3.0, r.outages.start[i], 0.0, "start of outage " + i);
    }
  }

  @Test
  void stationaryStart_carriesNoHardwareDestroyedBeforeZero() throws Exception {
    // Site a's fire almost never burns (1e-9 a year), and when it does, destroys a fifth of the
    // site: in a scenario forced at b with a stationary background, the outage before a's up time
    // in progress ends before t = 0, and its destruction must not be carried into the trial (a
    // trial begins with every site built). The service on a is never down.
    RunStats r =
        KernelAnalyticTest.stationary(
            """
                name: destroyed
                horizon: 168h
                sites:
                  a:
                    fire:
                      rate: 1e-9/y
                      outage: "fixed(10h)"
                      restore: "fixed(10h)"
                      damage: {share: 0.2, repair: "fixed(14d)", destroyed: 1}
                    fault:
                      rate: 1e-9/y
                      outage: "fixed(1h)"
                      damage: {share: 0.2, repair: "fixed(1d)", destroyed: 1}
                  b: {fault: {rate: 1/y, outage: "fixed(1h)"}}
                services:
                  api: {users: 1, deploy: {a: 1}}
                """,
            20_000,
            80,
            "fault@b");
    assertEquals(0, r.metric(0, Metric.DOWNTIME_H).mean(), 0.0);
    assertEquals(0, r.metric(0, Metric.USER_HOURS).mean(), 0.0);
  }

  @Test
  void alwaysDestroyed_needsNoRepair_andHoldsTheShareOutToTheHorizon() throws Exception {
    // A fault forced at 0, dark 1 h, destroys half the site (destroyed 1, no repair given):
    // served 0.5 from 1 h to the horizon (100 h); user-hours (1 user) 1 + 0.5 × 99 = 50.5.
    RunStats r =
        forced(
            """
            name: destroyed
            horizon: 100h
            sites:
              a: {fault: {rate: 1/y, outage: "fixed(1h)", damage: {share: 0.5, destroyed: 1}}}
            services:
              api: {users: 1, deploy: {a: 1}}
            """,
            10,
            86,
            "fault@a",
            0);
    assertEquals(50.5, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(100, r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9);
  }

  @Test
  void gridSurge_damagesTheSitesItTookDown_whenPowerReturns() throws Exception {
    // The grid forced out at 0 for 2 h; site a has no UPS: dark [0, 2), then with p = 0.3 half of
    // it is damaged for 10 h: E[user-hours] (1 user) = 2 + 0.3 × 0.5 × 10 = 3.5. Site b, whose
    // generator carries it through, loses no power and takes no surge. False-failure rate
    // 5.7e-7 (z = 5); seed printed.
    long seed = 87;
    RunStats r =
        forced(
            """
            name: surge
            horizon: 100h
            grids:
              g: {rate: 1/y, outage: "fixed(2h)", damage: {probability: 0.3, share: 0.5, repair: "fixed(10h)"}}
            sites:
              a: {grid: g}
              b: {grid: g, generator: {fail_to_start: 0}}
            services:
              on-a: {users: 1, deploy: {a: 1}}
              on-b: {users: 1, deploy: {b: 1}}
            """,
            100_000,
            seed,
            "grid@g",
            0);
    assertMean(3.5, r.metric(0, Metric.USER_HOURS), "grid surge user-hours", seed);
    assertEquals(0, r.metric(1, Metric.USER_HOURS).mean(), 0.0);
  }
}
