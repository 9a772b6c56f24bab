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
 * Restoration order (docs/simulation.md, "Restoration order") against exact answers: capacity that
 * comes back at a site goes to restore priority 1 first, then 2, then the services without one;
 * services of one class share it in proportion. Every duration is fixed, so the answers are exact
 * up to rounding (1e-9).
 */
class RestorationOrderTest {
  /**
   * One site of 10 capacity units; a fire forced at 0 keeps it dark 1 h, then restores it linearly
   * over 10 h: one unit an hour, a fixed restoration rate.
   */
  private static final String MODEL =
      """
      name: order
      horizon: 20h
      sites:
        a:
          fire: {rate: 1/y, contained: 0, outage: "fixed(1h)", restore: "fixed(10h)"}
      services:
        first: {users: 1, demand: 2, deploy: {a: 2}, slo: %s, restore_priority: 1}
        second: {users: 1, demand: 3, deploy: {a: 3}, slo: %s, restore_priority: 2}
        rest: {users: 1, demand: 5, deploy: {a: 5}, slo: %s}
      """;

  @Test
  void fixedRate_eachServiceRecoversAtItsCumulativeCapacityOverTheRate() throws Exception {
    // Rate 1 unit/h from t = 1: first (2 units) is whole at 1 + 2 = 3 h, second (3 more) at
    // 1 + 5 = 6 h, rest (5 more) at 1 + 10 = 11 h. With slo 1 each is down until then. User-hours
    // (1 user each): dark 1 h, then nothing while the classes before it come back, then a linear
    // ramp over its own capacity: 1 + 0 + 1 = 2, 1 + 2 + 1.5 = 4.5, 1 + 5 + 2.5 = 8.5.
    RunStats r = forced(MODEL.formatted(1, 1, 1), 10, 91, "fire@a", 0);
    Plan p = plan(MODEL.formatted(1, 1, 1));
    double[][] expected = {{3, 2}, {6, 4.5}, {11, 8.5}};
    String[] names = {"first", "second", "rest"};
    for (int i = 0; i < 3; i++) {
      int a = service(p, names[i]);
      assertEquals(expected[i][0], r.metric(a, Metric.RECOVER_H).mean(), 1e-9, names[i]);
      assertEquals(expected[i][0], r.metric(a, Metric.DOWNTIME_H).mean(), 1e-9, names[i]);
      assertEquals(expected[i][1], r.metric(a, Metric.USER_HOURS).mean(), 1e-9, names[i]);
      // With slo 1 a service is down or whole, never degraded: exactly 0.
      assertEquals(0, r.metric(a, Metric.DEGRADED_H).max(), 0.0, names[i]);
    }
  }

  @Test
  void sloCrossing_withinItsClass_isFoundExactly() throws Exception {
    // slo 0.5: second is at 0.5 when 2 + 1.5 units are back, at 1 + 3.5 = 4.5 h; then degraded
    // until 6 h. rest at 0.5 at 1 + 7.5 = 8.5 h, degraded until 11 h.
    RunStats r = forced(MODEL.formatted(0.5, 0.5, 0.5), 10, 92, "fire@a", 0);
    Plan p = plan(MODEL.formatted(0.5, 0.5, 0.5));
    assertEquals(2, r.metric(service(p, "first"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(4.5, r.metric(service(p, "second"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(1.5, r.metric(service(p, "second"), Metric.DEGRADED_H).mean(), 1e-9);
    assertEquals(8.5, r.metric(service(p, "rest"), Metric.RECOVER_H).mean(), 1e-9);
    assertEquals(2.5, r.metric(service(p, "rest"), Metric.DEGRADED_H).mean(), 1e-9);
  }

  @Test
  void oneClass_sharesInProportion_asWithoutPriorities() throws Exception {
    // Two services of priority 1 (2 and 3 units) and one without (5): the class holds the first
    // half of the site and its two services come back together, each whole at 1 + 5 = 6 h; with
    // every service in one class (no priorities) each is whole at 11 h, as the site.
    String same = MODEL.formatted(1, 1, 1).replace("restore_priority: 2", "restore_priority: 1");
    RunStats r = forced(same, 10, 93, "fire@a", 0);
    Plan p = plan(same);
    assertEquals(6, r.metric(service(p, "first"), Metric.RECOVER_H).mean(), 1e-9);
    assertEquals(6, r.metric(service(p, "second"), Metric.RECOVER_H).mean(), 1e-9);
    assertEquals(11, r.metric(service(p, "rest"), Metric.RECOVER_H).mean(), 1e-9);
    String none =
        MODEL
            .formatted(1, 1, 1)
            .replace(", restore_priority: 1", "")
            .replace(", restore_priority: 2", "");
    RunStats n = forced(none, 10, 94, "fire@a", 0);
    for (int a = 0; a < 3; a++) {
      assertEquals(11, n.metric(a, Metric.RECOVER_H).mean(), 1e-9);
      assertEquals(1 + 5, n.metric(a, Metric.USER_HOURS).mean(), 1e-9);
    }
  }

  @Test
  void dependency_onAServiceRestoredLater_waitsForIt() throws Exception {
    // first requires rest: first's own capacity is whole at 3 h, but it is served only as much as
    // rest is, whole at 11 h. served = own_first × own_rest: user-hours 1 (dark) + ∫ over the
    // ramps of 1 − own_first(t) × own_rest(t) dt, own_rest(t) = max(0, t − 6) / 5 from 6 h:
    // 1 + 5 (t in [1, 6], rest at 0) + ∫_0^5 (1 − x/5) dx = 1 + 5 + 2.5 = 8.5.
    String dep =
        MODEL
            .formatted(1, 1, 1)
            .replace("restore_priority: 1}", "restore_priority: 1, requires: rest}");
    RunStats r = forced(dep, 10, 95, "fire@a", 0);
    Plan p = plan(dep);
    assertEquals(11, r.metric(service(p, "first"), Metric.RECOVER_H).mean(), 1e-9);
    assertEquals(8.5, r.metric(service(p, "first"), Metric.USER_HOURS).mean(), 1e-9);
  }

  @Test
  void siteWithZones_aZoneLostTakesEveryServicesShare_andItsRestoreFollowsTheOrder()
      throws Exception {
    // Site a: zones x and y, half each; hi (priority 1) and lo each have 2 units on the site, so
    // 1 in each zone. A fire in x alone (dark 1 h, then restored linearly over 4 h) takes half of
    // each service at once (the hardware that burned, not a reallocation): both at 0.5. x's
    // restore gives hi's unit back first (x's capacity 2: hi holds [0, 0.5) of it, whole 2 h into
    // the restore, at 3 h), then lo's (at 5 h). With slo 1, hi is down 3 h and lo 5 h; user-
    // hours (1 user): hi 0.5 × 1 + 0.25 × 2 = 1; lo 0.5 × 1 + 0.5 × 2 + 0.25 × 2 = 2.
    String zoned =
        """
        name: order
        horizon: 20h
        sites:
          a:
            zones:
              x:
                share: 0.5
                fire: {rate: 1/y, contained: 0, outage: "fixed(1h)", restore: "fixed(4h)"}
              y: {share: 0.5}
        services:
          hi: {users: 1, demand: 2, deploy: {a: 2}, slo: 1, restore_priority: 1}
          lo: {users: 1, demand: 2, deploy: {a: 2}, slo: 1}
        """;
    RunStats r = forced(zoned, 10, 96, "fire@a/x", 0);
    Plan p = plan(zoned);
    int hi = service(p, "hi");
    int lo = service(p, "lo");
    assertEquals(3, r.metric(hi, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(5, r.metric(lo, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(1, r.metric(hi, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(2, r.metric(lo, Metric.USER_HOURS).mean(), 1e-9);
  }

  @Test
  void survivorsThatExactlyFillAClass_serveItWhole_notJustBelow() throws Exception {
    // A fault forced at 0 (1 h) destroys 0.8 of the site: the surviving 0.2 (1 − 0.8, which
    // rounds to 4e-17 below 0.2) is exactly priority 1's class (2,000 of 10,000): first is whole
    // from 1 h (slo 1: down 1 h, never degraded), second gets nothing (down to the horizon).
    String m =
        """
        name: order
        horizon: 100h
        sites:
          s:
            fault: {rate: 1/y, outage: "fixed(1h)", damage: {share: 0.8, destroyed: 1}}
        services:
          first: {users: 1, demand: 2000, deploy: {s: 2000}, slo: 1, restore_priority: 1}
          second: {users: 1, demand: 8000, deploy: {s: 8000}, slo: 1, restore_priority: 2}
        """;
    RunStats r = forced(m, 10, 97, "fault@s", 0);
    Plan p = plan(m);
    assertEquals(1, r.metric(service(p, "first"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(0, r.metric(service(p, "first"), Metric.DEGRADED_H).mean(), 0.0);
    assertEquals(1, r.metric(service(p, "first"), Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(100, r.metric(service(p, "second"), Metric.DOWNTIME_H).mean(), 1e-9);
  }

  @Test
  void aWeeklyProfile_overARampOfYears_isIntegratedHourByHour_withoutLimit() throws Exception {
    // A restore of 150 years (1,314,000 hours, more than the 2^20 pieces a window once had room
    // for) under a weekly profile: down for the dark hour and the whole restore (slo 1), with
    // ordered services, and the run does not fail.
    String m =
        """
        name: order
        horizon: 200y
        profile: [%s]
        sites:
          s:
            fire: {rate: 0.001/y, contained: 0, outage: "fixed(1h)", restore: "fixed(150y)"}
        services:
          a: {users: 1, demand: 10, deploy: {s: 10}, slo: 1, restore_priority: 1}
          b: {users: 1, demand: 10, deploy: {s: 10}, slo: 1}
        """
            .formatted(
                String.join(
                    ", ",
                    java.util.stream.IntStream.range(0, 168)
                        .mapToObj(h -> h % 24 < 8 ? "1" : "2")
                        .toList()));
    RunStats r = forced(m, 1, 98, "fire@s", 0);
    Plan p = plan(m);
    double year = 8760;
    assertEquals(1 + 75 * year, r.metric(service(p, "a"), Metric.DOWNTIME_H).mean(), 1e-6);
    assertEquals(1 + 150 * year, r.metric(service(p, "b"), Metric.DOWNTIME_H).mean(), 1e-6);
  }
}
