package io.firedrill.engine;

import static io.firedrill.engine.KernelAnalyticTest.forced;
import static io.firedrill.engine.KernelAnalyticTest.plan;
import static io.firedrill.engine.KernelAnalyticTest.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.plan.Plan;
import io.firedrill.stats.FailoverPath;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import org.junit.jupiter.api.Test;

/**
 * Curves that fall as well as rise (docs/simulation.md, "Curves that fall") against exact answers:
 * a served fraction that falls through its slo within a restoration opens an outage there, one
 * whose active capacity falls below its demand starts a failover there, and the crossings are found
 * to the last bit. Every duration is fixed, so the answers are exact up to rounding (1e-9). In each
 * model a fire forced at 0 keeps its site dark 1 h, then restores it over 10 h: at t the restore is
 * at τ = (t − 1) / 10.
 */
class FallingCurveTest {
  private static final double EPS = 1e-9;

  @Test
  void aSiteCurveThatFalls_opensASecondOutage_whereItCrossesTheSlo() throws Exception {
    // Capacity c(τ): 0 → 0.6 at τ = 0.3, down to 0.3 at 0.5, up to 1 at 1. slo 0.5: back at
    // τ = 0.25 (3.5 h), down again where 0.6 − 1.5 (τ − 0.3) = 0.5 (τ = 11/30, 14/3 h), back
    // where 0.3 + 1.4 (τ − 0.5) = 0.5 (τ = 0.5 + 1/7, 1 + 45/7 h).
    String m =
        """
        name: falls
        horizon: 20h
        sites:
          a:
            fire:
              rate: 1/y
              contained: 0
              outage: "fixed(1h)"
              restore: "fixed(10h)"
              restore_curve: [[0, 0], [0.3, 0.6], [0.5, 0.3], [1, 1]]
        services:
          api: {users: 1, demand: 10, deploy: {a: 10}, slo: 0.5}
        """;
    RunStats r = forced(m, 10, 111, "fire@a", 0);
    Plan p = plan(m);
    int a = service(p, "api");
    double down = 14.0 / 3;
    double up = 1 + 45.0 / 7;
    assertEquals(2, r.metric(a, Metric.OUTAGES).mean(), 0.0);
    assertEquals(3.5 + (up - down), r.metric(a, Metric.DOWNTIME_H).mean(), EPS);
    assertEquals(3.5, r.metric(a, Metric.LONGEST_H).mean(), EPS);
    // Recovered when the last outage the fire caused ends: the one that began where it fell.
    assertEquals(up, r.metric(a, Metric.RECOVER_H).mean(), EPS);
    // User-hours: 1 dark + 10 × (1 − ∫ c dτ), ∫ c = 0.09 + 0.09 + 0.325. Degraded: served at or
    // above 0.5 between the outages and from the second's end to 11 h.
    assertEquals(1 + 10 * (1 - 0.505), r.metric(a, Metric.USER_HOURS).mean(), EPS);
    assertEquals((down - 3.5) + (11 - up), r.metric(a, Metric.DEGRADED_H).mean(), EPS);
  }

  @Test
  void aServiceCurveThatFalls_opensASecondOutage() throws Exception {
    // The site restores linearly (c = τ); the service's own curve g rises to 0.8 at 0.4, falls to
    // 0.2 at 0.6 and rises to 1. slo 0.5: back at g = 0.5 (c = 0.25, 3.5 h), down where
    // 0.8 − 3 (c − 0.4) = 0.5 (c = 0.5, 6 h), back where 0.2 + 2 (c − 0.6) = 0.5 (c = 0.75,
    // 8.5 h). User-hours 1 + 10 × (1 − ∫ g), ∫ g = 0.16 + 0.1 + 0.24.
    String m =
        """
        name: falls
        horizon: 20h
        sites:
          a:
            fire: {rate: 1/y, contained: 0, outage: "fixed(1h)", restore: "fixed(10h)"}
        services:
          api:
            users: 1
            demand: 10
            deploy: {a: 10}
            slo: 0.5
            restore_curve: [[0, 0], [0.4, 0.8], [0.6, 0.2], [1, 1]]
        """;
    RunStats r = forced(m, 10, 112, "fire@a", 0);
    Plan p = plan(m);
    int a = service(p, "api");
    assertEquals(2, r.metric(a, Metric.OUTAGES).mean(), 0.0);
    assertEquals(3.5 + 2.5, r.metric(a, Metric.DOWNTIME_H).mean(), EPS);
    assertEquals(8.5, r.metric(a, Metric.RECOVER_H).mean(), EPS);
    assertEquals(1 + 10 * 0.5, r.metric(a, Metric.USER_HOURS).mean(), EPS);
  }

  /**
   * A curve that falls between two points closer than time resolves (a vertical drop): the split
   * points of both round to one double, and the drop lies between it and the next double. The site
   * restores linearly (c = τ); g rises to 1 at c = 0.5 (6 h), drops to 0 just past it and rises to
   * 1 at 1 (11 h). slo 0.9: back at c = 0.45 (5.5 h), down at 6 h, back at c = 0.95 (10.5 h);
   * degraded 0.5 h on each side of the drop; ∫ g = 0.25 + 0.25.
   */
  @Test
  void aDropBetweenTwoDoublesOfTime_opensASecondOutage() throws Exception {
    // Points one ulp apart at the event; 1e-13 apart (1e-12 h, below the spacing of doubles near
    // 120,000 h) with the fire at 5,000 days.
    for (String[] c :
        new String[][] {
          {"0.5000000000000001", "0", "1w"}, {"0.5000000000001", "120000", "20000d"}
        }) {
      String m =
          """
          name: drop
          horizon: %s
          sites:
            a:
              fire: {rate: 1/y, contained: 0, outage: "fixed(5h)", restore: "fixed(10h)"}
          services:
            api:
              users: 1
              demand: 10
              deploy: {a: 10}
              slo: 0.9
              restore_curve: [[0, 0], [0.5, 1], [%s, 0], [1, 1]]
          """
              .formatted(c[2], c[0]);
      RunStats r = forced(m, 4, 113, "fire@a", Double.parseDouble(c[1]));
      int a = service(plan(m), "api");
      String at = "point " + c[0] + ", fire at " + c[1] + " h";
      assertEquals(2, r.metric(a, Metric.OUTAGES).mean(), 0.0, at);
      assertEquals(9.5 + 4.5, r.metric(a, Metric.DOWNTIME_H).mean(), 1e-9 * (1 + 120000), at);
      assertEquals(1, r.metric(a, Metric.DEGRADED_H).mean(), 1e-9 * (1 + 120000), at);
      assertEquals(5 + 10 * 0.5, r.metric(a, Metric.USER_HOURS).mean(), 1e-6, at);
    }
  }

  /**
   * The same drop on a site's own curves: a fire's restore curve and a restart curve (and a
   * standby's failover). The two points' pieces of the site's ramps meet at one double, where one
   * ramp piece ends and the next begins: an instant, with no blocking event to blame. Dark 5 h,
   * then over 10 h c rises to 1 at 10 h, drops to 0 and rises to 1 at 15 h. slo 0.5: down [0, 7.5)
   * and [10, 12.5), degraded [7.5, 10) and [12.5, 15); user-hours 5 + 2.5 + 2.5.
   */
  @Test
  void aDropBetweenTwoDoublesOfASitesCurve_opensASecondOutage() throws Exception {
    String curve = "[[0, 0], [0.5, 1], [%s, 0], [1, 1]]";
    String[][] cases = {
      {"fire", "0.5000000000000001", "0", "restore_curve: " + curve},
      {"fire", "0.5000000000001", "120000", "restore_curve: " + curve},
      {"fault", "0.5000000000001", "120000", "restart_curve: " + curve}
    };
    for (String[] c : cases) {
      String hazard =
          c[0].equals("fire")
              ? "fire: {rate: 1/y, contained: 0, outage: \"fixed(5h)\", restore: \"fixed(10h)\", "
                  + c[3].formatted(c[1])
                  + "}"
              : "fault: {rate: 1/y, outage: \"fixed(5h)\"}\n    restart: \"fixed(10h)\"\n    "
                  + c[3].formatted(c[1]);
      String m =
          "name: drop\nhorizon: 20000d\nsites:\n  a:\n    "
              + hazard
              + "\nservices:\n  api: {users: 1, deploy: {a: 1}, slo: 0.5}\n";
      RunStats r = forced(m, 2, 114, c[0] + "@a", Double.parseDouble(c[2]));
      String at = c[3].formatted(c[1]) + " at " + c[2] + " h";
      double eps = 1e-9 * (1 + Double.parseDouble(c[2]));
      assertEquals(2, r.metric(0, Metric.OUTAGES).mean(), 0.0, at);
      assertEquals(10, r.metric(0, Metric.DOWNTIME_H).mean(), eps, at);
      assertEquals(5, r.metric(0, Metric.DEGRADED_H).mean(), eps, at);
      assertEquals(10, r.metric(0, Metric.USER_HOURS).mean(), 1e-6, at);
    }
    // With a standby (joins 1 h after capacity falls below demand): the failover ends at 10 h,
    // capacity drops, another starts and joins at 11 h: down [0, 1) and [10, 11), user-hours 1 +
    // 0.9 (active capacity 0.1 at 11 h, the standby whole from then).
    String fo =
        """
        name: drop
        horizon: 100h
        sites:
          a:
            fire:
              rate: 1/y
              contained: 0
              outage: "fixed(5h)"
              restore: "fixed(10h)"
              restore_curve: [[0, 0], [0.5, 1], [0.5000000000000001, 0], [1, 1]]
          b: {}
        services:
          s:
            users: 1
            demand: 10
            deploy: {a: 10}
            standby: {b: 10}
            failover: {time: "fixed(1h)"}
            slo: 0.5
        """;
    RunStats r = forced(fo, 2, 115, "fire@a", 0);
    assertEquals(2, r.metric(0, Metric.OUTAGES).mean(), 0.0);
    assertEquals(2, r.metric(0, Metric.DOWNTIME_H).mean(), EPS);
    assertEquals(1.9, r.metric(0, Metric.USER_HOURS).mean(), EPS);
  }

  /**
   * A service with a slo of 1 is never degraded: at or above 1 is whole. A crossing found at a
   * double next to a kink left a sliver of a piece out of the outage and not whole (1.5e-11 h of
   * degraded time with the fire at 5,000 days).
   */
  @Test
  void aSloOfOne_isNeverDegraded() throws Exception {
    String m =
        """
        name: whole
        horizon: 20000d
        sites:
          a:
            fire:
              rate: 1/y
              contained: 0
              outage: "fixed(5h)"
              restore: "fixed(10h)"
              restore_curve: [[0, 0], [0.3, 0.7], [0.5, 0.2], [1, 1]]
              damage: {probability: 1, share: 0.6, repair: "fixed(100h)"}
        services:
          t: {users: 1, demand: 400, deploy: {a: 1000}, slo: 1}
        """;
    RunStats r = forced(m, 2, 116, "fire@a", 120000);
    assertEquals(2, r.metric(0, Metric.OUTAGES).mean(), 0.0);
    assertEquals(0, r.metric(0, Metric.DEGRADED_H).mean(), 0.0);
  }

  @Test
  void aBumpWithinOnePiece_isFound_whereARisingAndAFallingFractionMeet() throws Exception {
    // web requires db, both on site a (c = τ). db follows the site; web's own curve falls from 1
    // at c = 0.2 to 0.3 at 0.9 (g = 1.2 − c there), so between those points web is served
    // c (1.2 − c): below its slo of 0.3 at both ends (0.2, 0.27), above it for c in
    // 0.6 ± √0.06, in one piece where both fractions are linear. Past 0.9, g = 0.3 + 7 (c − 0.9)
    // and c g = 0.3 at c = (6 + √44.4) / 14.
    String m =
        """
        name: falls
        horizon: 20h
        sites:
          a:
            fire: {rate: 1/y, contained: 0, outage: "fixed(1h)", restore: "fixed(10h)"}
        services:
          db: {users: 1, demand: 10, deploy: {a: 10}, slo: 0.1}
          web:
            users: 1
            demand: 10
            deploy: {a: 10}
            requires: db
            slo: 0.3
            restore_curve: [[0, 0], [0.2, 1], [0.9, 0.3], [1, 1]]
        """;
    RunStats r = forced(m, 10, 113, "fire@a", 0);
    Plan p = plan(m);
    int web = service(p, "web");
    double up1 = 1 + 10 * (0.6 - Math.sqrt(0.06));
    double down = 1 + 10 * (0.6 + Math.sqrt(0.06));
    double up2 = 1 + 10 * (6 + Math.sqrt(44.4)) / 14;
    assertEquals(2, r.metric(web, Metric.OUTAGES).mean(), 0.0);
    assertEquals(up1 + (up2 - down), r.metric(web, Metric.DOWNTIME_H).mean(), EPS);
    assertEquals(up2, r.metric(web, Metric.RECOVER_H).mean(), EPS);
  }

  @Test
  void activeCapacityThatFallsBelowDemand_startsAFailoverThere() throws Exception {
    // api: 10 at a, a standby of 10 at b joining 30 min after a failover starts. a's curve is
    // back to 1 at τ = 0.4 (5 h), falls to 0.5 at τ = 0.6 (7 h), is back at 1 at 11 h. The fire
    // starts a failover at 0 (joins at 0.5 h: an outage [0, 0.5]); it ends at 5 h, when a is
    // whole; a new one starts as a falls below 1 right after 5 h and joins at 5.5 h. Between,
    // api is served c = 1 − 2.5 (τ − 0.4), below its slo of 0.99 from τ = 0.404 (5.04 h): a
    // second outage [5.04, 5.5].
    String m =
        """
        name: falls
        horizon: 20h
        sites:
          a:
            fire:
              rate: 1/y
              contained: 0
              outage: "fixed(1h)"
              restore: "fixed(10h)"
              restore_curve: [[0, 0], [0.4, 1], [0.6, 0.5], [1, 1]]
          b: {}
        services:
          api:
            users: 1
            demand: 10
            deploy: {a: 10}
            standby: {b: 10}
            failover: {time: "fixed(30m)"}
        """;
    RunStats r = forced(m, 10, 114, "fire@a", 0);
    Plan p = plan(m);
    int a = service(p, "api");
    assertEquals(2, r.metric(a, Metric.OUTAGES).mean(), 0.0);
    assertEquals(0.5 + (5.5 - 5.04), r.metric(a, Metric.DOWNTIME_H).mean(), EPS);
    assertEquals(5.5, r.metric(a, Metric.RECOVER_H).mean(), EPS);
    // Two automatic failovers in each of the 10 trials.
    assertEquals(20, r.failovers[a * FailoverPath.COUNT + FailoverPath.AUTOMATIC]);
  }

  @Test
  void risingCurves_doNotTurnOnTheCrossingsOfFallingOnes() throws Exception {
    assertTrue(!plan(FIRE_RISING).anyFall);
    assertTrue(plan(FIRE_RISING.replace("[0.5, 0.7]", "[0.5, 0.5]")).anyFall);
  }

  private static final String FIRE_RISING =
      """
      name: rising
      sites:
        a:
          fire:
            rate: 1/y
            outage: "fixed(1h)"
            restore: "fixed(10h)"
            restore_curve: [[0, 0], [0.3, 0.6], [0.5, 0.7], [1, 1]]
      services:
        api: {deploy: {a: 1}}
      """;
}
