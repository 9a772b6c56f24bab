package io.firedrill.engine;

import static io.firedrill.engine.KernelAnalyticTest.assertMean;
import static io.firedrill.engine.KernelAnalyticTest.forced;
import static io.firedrill.engine.KernelAnalyticTest.plan;
import static io.firedrill.engine.KernelAnalyticTest.service;
import static io.firedrill.engine.KernelAnalyticTest.simulate;
import static io.firedrill.engine.KernelAnalyticTest.stationary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import org.junit.jupiter.api.Test;

/**
 * Repair that needs services (docs/simulation.md, "Repair that needs services"): an outage of a
 * hazard with {@code needs} lasts its {@code outage} if every service it needs is served at least
 * its slo when the outage begins, else its {@code manual}, exactly as a failover's needs choose its
 * path. Fixed durations: checks are exact (to 1e-9).
 *
 * <p>The stochastic check allows 5 standard errors of the estimate itself: it fails falsely with
 * probability about 5.7e-7 (two-sided normal tail at z = 5); its seed is fixed and printed.
 */
class RepairNeedsTest {
  /** Site a's only network fails every 100 h up (fixed); ops, which its repair needs, is on a. */
  static final String OWN_TOOLING =
      """
      name: locked-out
      horizon: 1000h
      networks:
        n: {ttf: "fixed(100h)", outage: "fixed(1h)"%s}
      sites:
        a: {networks: n}
      services:
        ops: {deploy: {a: 1}}
        api: {deploy: {a: 1}}
      """;

  @Test
  void repairThatCutsOffItsOwnTooling_takesTheManualPath_atEveryOutage() throws Exception {
    // The outage cuts site a off, and ops with it: each repair is manual (5 h). Failures at 100,
    // 205, ..., 940 h (100 h up after each outage's end): 9 outages of 5 h, downtime 45. Without
    // needs: at 100, 201, ..., 908 h, 9 outages of 1 h. Fixed times: exact.
    String manual = OWN_TOOLING.formatted(", needs: ops, manual: \"fixed(5h)\"");
    String plain = OWN_TOOLING.formatted("");
    int api = service(plan(manual), "api");
    RunStats r = simulate(manual, 4, 1);
    assertEquals(45, r.metric(api, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(9, r.metric(api, Metric.OUTAGES).mean(), 0.0);
    assertEquals(5, r.metric(api, Metric.LONGEST_H).mean(), 1e-9);
    assertEquals(9, simulate(plain, 4, 1).metric(api, Metric.DOWNTIME_H).mean(), 1e-9);
  }

  /**
   * Site a's network n1 (needs ops, which lives on a) fails at 100 h; site b's fault (needs ops
   * too) at 105 h, while n1's repair is under way. Whether ops is up at 105 depends on the path
   * n1's repair took: only the second round of sampling can know it.
   */
  static final String CHAIN =
      """
      name: chain
      horizon: 150h
      networks:
        n1: {ttf: "fixed(100h)", outage: "fixed(1h)", needs: ops, manual: "fixed(%s)"}
      sites:
        a: {networks: n1}
        b: {fault: {ttf: "fixed(105h)", outage: "fixed(1h)", needs: ops, manual: "fixed(3h)"}}
      services:
        ops: {deploy: {a: 1}}
        api: {deploy: {b: 1}}
      """;

  @Test
  void aRepairJudgedWhileAnotherManualRepairKeepsItsToolingDown_isManualToo() throws Exception {
    // n1's repair is manual (it cuts ops off): ops is down 100–110 h. b's fault at 105 h then
    // finds ops down: manual, 3 h (api down 105–108). With n1's manual repair of 4 h, ops is back
    // at 104 h: b's repair is automatic, 1 h. Exact.
    String ten = CHAIN.formatted("10h");
    String four = CHAIN.formatted("4h");
    Plan p = plan(ten);
    RunStats r = simulate(ten, 3, 2);
    assertEquals(10, r.metric(service(p, "ops"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(3, r.metric(service(p, "api"), Metric.DOWNTIME_H).mean(), 1e-9);
    RunStats s = simulate(four, 3, 2);
    assertEquals(4, s.metric(service(p, "ops"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(1, s.metric(service(p, "api"), Metric.DOWNTIME_H).mean(), 1e-9);
  }

  @Test
  void forcedOutage_withItsToolingDownWithItsStationaryProbability_lastsTheMixture()
      throws Exception {
    // Routing n of site a is forced at t = 0 (rate 0: only then); its repair needs ops, on site
    // b, whose fault (up Exp(mean 100 h), down Exp(mean 50 h)) is down at t = 0 with its
    // stationary probability q = 50 / 150 = 1/3. api (on a) is down 1 h when ops is up, 7 h (the
    // manual path) when it is down: E[downtime] = 1 + 6q = 3, with the estimate's standard error
    // 6 sqrt(q (1 − q) / n). False-failure rate 5.7e-7 (z = 5).
    long seed = 93;
    String yaml =
        """
        name: mixture
        horizon: 100h
        networks:
          n: {rate: 0/y, outage: "fixed(1h)", needs: ops, manual: "fixed(7h)"}
        sites:
          a: {networks: n}
          b: {fault: {ttf: "exponential(mean=100h)", outage: "exponential(mean=50h)"}}
        services:
          ops: {deploy: {b: 1}}
          api: {deploy: {a: 1}}
        """;
    RunStats r = stationary(yaml, 40_000, seed, "routing@n");
    assertMean(
        3, r.metric(service(plan(yaml), "api"), Metric.DOWNTIME_H), "1 + 6q with q = 1/3", seed);
  }

  @Test
  void manualRepair_atTwoInTheMorning_takesTwiceAsLong_whenTheNightShiftIsHalf() throws Exception {
    // The manual path is staff work: 1 h from 02:00 at factor 2 takes 2 h; from noon, 1 h. The
    // automatic 10 min, which is not staff work, is not the path taken (the outage cuts ops off).
    String yaml =
        """
        name: staffed
        horizon: 100h
        start: %s
        staffing: %s
        networks:
          n: {rate: 1/y, outage: "fixed(10m)", needs: ops, manual: "fixed(1h)"}
        sites:
          a: {networks: n}
        services:
          ops: {deploy: {a: 1}}
          api: {deploy: {a: 1}}
        """;
    String night = yaml.formatted("mon 02:00", StaffingTest.staffing(2, 1));
    String noon = yaml.formatted("mon 12:00", StaffingTest.staffing(2, 1));
    int api = service(plan(night), "api");
    assertEquals(
        2, forced(night, 3, 94, "routing@n", 0).metric(api, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(
        1, forced(noon, 3, 94, "routing@n", 0).metric(api, Metric.DOWNTIME_H).mean(), 1e-9);
  }

  @Test
  void fire_isJudgedAtItsIgnition_andItsManualDarkTimeCountsFromItsOnset() throws Exception {
    // A fire ignites at 0 (forced); its dark time begins 2 h later (onset) and needs ops, on site
    // b, which a fault takes down over [0, 5 h) (forced too). At the ignition ops is down: the
    // dark time is the manual 6 h, 2–8 h, then a linear restore of 1 h. api (on a, slo 0.5) is
    // down until half the restore: 6.5 h. With the fault forced at 1 h instead, ops is up at the
    // ignition: dark 1 h as drawn, down 1.5 h.
    String yaml =
        """
        name: fire
        horizon: 100h
        sites:
          a:
            fire:
              rate: 1/y
              onset: "fixed(2h)"
              outage: "fixed(1h)"
              restore: "fixed(1h)"
              needs: ops
              manual: "fixed(6h)"
          b: {fault: {rate: 1/y, outage: "fixed(5h)"}}
        services:
          ops: {deploy: {b: 1}}
          api: {deploy: {a: 1}, slo: 0.5}
        """;
    int api = service(plan(yaml), "api");
    assertEquals(
        6.5,
        forced(yaml, 3, 95, "fire@a", 0, "fault@b", 0).metric(api, Metric.DOWNTIME_H).mean(),
        1e-9);
    assertEquals(
        1.5,
        forced(yaml, 3, 95, "fire@a", 0, "fault@b", 1).metric(api, Metric.DOWNTIME_H).mean(),
        1e-9);
  }

  @Test
  void needsThatAreAlwaysMet_leaveEveryResultAsWithoutNeeds() throws Exception {
    // ops lives on a site no hazard strikes: every repair takes its automatic path, and the
    // manual draws come from their own source, so every result of every trial is the same as
    // without needs (common random numbers), though the trial is now swept in rounds.
    String yaml =
        """
        name: crn
        horizon: 10y
        grids:
          g: {rate: 2/y, outage: "lognormal(median=2h, p90=8h)"%s}
        networks:
          n: {rate: 3/y, outage: "lognormal(median=30m, p90=3h)"%s}
        sites:
          a: {grid: g, networks: n, restart: "fixed(1h)", fault: {rate: 1/y, outage: "fixed(4h)"%s}}
          b: {networks: n}
          safe: {}
        services:
          ops: {deploy: {safe: 1}}
          api: {users: 100, deploy: {a: 1, b: 1}, slo: 0.9}
        """;
    String needs = ", needs: ops, manual: \"fixed(30h)\"";
    RunStats with = simulate(yaml.formatted(needs, needs, needs), 2_000, 96);
    RunStats without = simulate(yaml.formatted("", "", ""), 2_000, 96);
    int api = service(plan(yaml.formatted("", "", "")), "api");
    for (Metric m : new Metric[] {Metric.DOWNTIME_H, Metric.USER_HOURS, Metric.OUTAGES}) {
      assertEquals(without.metric(api, m).mean(), with.metric(api, m).mean(), 0.0, m.toString());
    }
    assertTrue(without.metric(api, Metric.OUTAGES).mean() > 1, "the hazards strike");
  }

  @Test
  void aCoolingTrippedByAGridOutage_isJudgedAtTheTrip_asItsOwnFailuresAre() throws Exception {
    // Grid g fails at 1 h; the UPS carries site a, but its chillers trip (trips 1): a cooling
    // failure at 1 h whose repair needs ops, which a fault at c keeps down over 0–5 h: manual,
    // 10 h. api (on a) is down 1–11 h. With the fault at c forced at 2 h instead, ops is up at
    // the trip: 2 h as drawn.
    String yaml =
        """
        name: trips
        horizon: 100h
        grids:
          g: {rate: 1/y, outage: "fixed(3h)"}
        sites:
          a:
            grid: g
            ups: 1d
            cooling: {rate: 0/y, outage: "fixed(2h)", trips: 1, needs: ops, manual: "fixed(10h)"}
          c: {fault: {rate: 1/y, outage: "fixed(5h)"}}
        services:
          ops: {deploy: {c: 1}}
          api: {deploy: {a: 1}}
        """;
    int api = service(plan(yaml), "api");
    assertEquals(
        10,
        forced(yaml, 3, 97, "fault@c", 0, "grid@g", 1).metric(api, Metric.DOWNTIME_H).mean(),
        1e-9);
    assertEquals(
        2,
        forced(yaml, 3, 97, "fault@c", 2, "grid@g", 1).metric(api, Metric.DOWNTIME_H).mean(),
        1e-9);
  }
}
