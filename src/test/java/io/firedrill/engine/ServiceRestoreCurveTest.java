package io.firedrill.engine;

import static io.firedrill.engine.KernelAnalyticTest.forced;
import static io.firedrill.engine.KernelAnalyticTest.plan;
import static io.firedrill.engine.KernelAnalyticTest.service;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import org.junit.jupiter.api.Test;

/**
 * A service's own restore curve (docs/simulation.md, "A service's own restoration") against exact
 * answers: at a site whose capacity factor is c, a placement of the service has the curve's value
 * at c. Every duration is fixed, so the answers are exact up to rounding (1e-9).
 */
class ServiceRestoreCurveTest {
  /**
   * One site; a fire forced at 0 keeps it dark 1 h, then restores it linearly over 10 h (its factor
   * is (t − 1) / 10 from 1 h to 11 h). Three services on it: one whole at half the site, one on the
   * site's own curve, one that needs 60 % of the site before any of it runs.
   */
  private static final String MODEL =
      """
      name: curves
      horizon: 20h
      sites:
        a:
          fire: {rate: 1/y, contained: 0, outage: "fixed(1h)", restore: "fixed(10h)"}
      services:
        db: {users: 1, demand: 2, deploy: {a: 2}, slo: %1$s, restore_curve: [[0, 0], [0.5, 1], [1, 1]]}
        storage: {users: 1, demand: 5, deploy: {a: 5}, slo: %1$s}
        batch: {users: 1, demand: 3, deploy: {a: 3}, slo: %1$s, restore_curve: [[0, 0], [0.6, 0], [1, 1]]}
      """;

  @Test
  void eachServiceRecoversAlongItsOwnCurve() throws Exception {
    // slo 1. db is whole when the site is at 0.5: 1 + 5 = 6 h; user-hours 1 (dark) + ∫ over 5 h
    // of (1 − c / 0.5) = 1 + 2.5 = 3.5. storage follows the site: whole at 11 h, 1 + 5 = 6.
    // batch gets nothing until the site is at 0.6 (7 h), then rises linearly to 1 at 11 h:
    // user-hours 1 + 6 + 2 = 9.
    String m = MODEL.formatted(1);
    RunStats r = forced(m, 10, 101, "fire@a", 0);
    Plan p = plan(m);
    double[][] expected = {{6, 3.5}, {11, 6}, {11, 9}};
    String[] names = {"db", "storage", "batch"};
    for (int i = 0; i < 3; i++) {
      int a = service(p, names[i]);
      assertEquals(expected[i][0], r.metric(a, Metric.RECOVER_H).mean(), 1e-9, names[i]);
      assertEquals(expected[i][0], r.metric(a, Metric.DOWNTIME_H).mean(), 1e-9, names[i]);
      assertEquals(expected[i][1], r.metric(a, Metric.USER_HOURS).mean(), 1e-9, names[i]);
    }
  }

  @Test
  void sloCrossingOnTheCurve_isFoundExactly() throws Exception {
    // slo 0.5: db reaches 0.5 where the site is at 0.25, at 1 + 2.5 = 3.5 h, degraded until 6 h;
    // batch reaches 0.5 halfway between 0.6 and 1, at site 0.8, 1 + 8 = 9 h, degraded until 11 h.
    String m = MODEL.formatted(0.5);
    RunStats r = forced(m, 10, 102, "fire@a", 0);
    Plan p = plan(m);
    assertEquals(3.5, r.metric(service(p, "db"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(2.5, r.metric(service(p, "db"), Metric.DEGRADED_H).mean(), 1e-9);
    assertEquals(9, r.metric(service(p, "batch"), Metric.RECOVER_H).mean(), 1e-9);
    assertEquals(2, r.metric(service(p, "batch"), Metric.DEGRADED_H).mean(), 1e-9);
  }

  @Test
  void theIdentityCurve_givesExactlyTheSiteOwnRestoration() throws Exception {
    // [[0, 0], [1, 1]] is the site's own curve: db then recovers as storage does, to the bit.
    String m =
        MODEL
            .formatted(1)
            .replace("[[0, 0], [0.5, 1], [1, 1]]", "[[0, 0], [1, 1]]")
            .replace("demand: 2, deploy: {a: 2}", "demand: 5, deploy: {a: 5}");
    RunStats r = forced(m, 10, 103, "fire@a", 0);
    Plan p = plan(m);
    for (Metric k : new Metric[] {Metric.DOWNTIME_H, Metric.USER_HOURS}) {
      assertEquals(
          r.metric(service(p, "storage"), k).mean(), r.metric(service(p, "db"), k).mean(), 0.0);
    }
  }

  @Test
  void aDependencyOnACurve_limitsTheServiceThatRequiresIt() throws Exception {
    // storage requires batch: served = own_storage × own_batch; batch is 0 until 7 h, then
    // (t − 7) / 4 while storage's own is (t − 1) / 10: user-hours 1 + 6 (to 7 h) + ∫_7^11 of
    // 1 − (t − 1)(t − 7) / 40 dt = 7 + 4 − (1/40) ∫_0^4 (x + 6) x dx = 11 − (64/3 + 48) / 40.
    String m =
        MODEL.formatted(1).replace("storage: {users: 1,", "storage: {requires: batch, users: 1,");
    RunStats r = forced(m, 10, 104, "fire@a", 0);
    Plan p = plan(m);
    assertEquals(
        11 - (64.0 / 3 + 48) / 40, r.metric(service(p, "storage"), Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(11, r.metric(service(p, "storage"), Metric.RECOVER_H).mean(), 1e-9);
  }

  @Test
  void onAZone_eachZoneFollowsTheCurve_byShare() throws Exception {
    // Site a: zones x and y, half each. A fire in x alone (dark 1 h, restored linearly over 4 h)
    // takes db's half there; db's curve is whole at 0.5 of a unit, so x's half of db is back 2 h
    // into x's restore, at 3 h. slo 1: down 3 h; user-hours 0.5 × 1 + 0.5 × ∫_0^2 (1 − x/2) dx
    // = 0.5 + 0.5.
    String zoned =
        """
        name: curves
        horizon: 20h
        sites:
          a:
            zones:
              x:
                share: 0.5
                fire: {rate: 1/y, contained: 0, outage: "fixed(1h)", restore: "fixed(4h)"}
              y: {share: 0.5}
        services:
          db: {users: 1, demand: 2, deploy: {a: 2}, slo: 1, restore_curve: [[0, 0], [0.5, 1], [1, 1]]}
        """;
    RunStats r = forced(zoned, 10, 105, "fire@a/x", 0);
    Plan p = plan(zoned);
    assertEquals(3, r.metric(service(p, "db"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(1, r.metric(service(p, "db"), Metric.USER_HOURS).mean(), 1e-9);
  }

  @Test
  void onCurve_isExactAtItsPoints_andLinearBetween() {
    double[] at = {0, 0.25, 0.6, 1};
    double[] value = {0, 0.5, 0.5, 1};
    assertEquals(0, CapacityState.onCurve(0, at, value), 0.0);
    assertEquals(0.5, CapacityState.onCurve(0.25, at, value), 0.0);
    assertEquals(0.25, CapacityState.onCurve(0.125, at, value), 1e-15);
    assertEquals(0.5, CapacityState.onCurve(0.4, at, value), 0.0);
    assertEquals(0.75, CapacityState.onCurve(0.8, at, value), 1e-15);
    assertEquals(1, CapacityState.onCurve(1, at, value), 0.0);
  }
}
