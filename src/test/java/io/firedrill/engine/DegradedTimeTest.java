package io.firedrill.engine;

import static io.firedrill.engine.KernelAnalyticTest.assertMean;
import static io.firedrill.engine.KernelAnalyticTest.forced;
import static io.firedrill.engine.KernelAnalyticTest.simulate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import org.junit.jupiter.api.Test;

/**
 * Degraded time (docs/outputs.md, {@code degraded_h}): the hours a service is served at or above
 * its slo but below 1. Fixed durations give exact values (1e-9); the stochastic check allows 5
 * standard errors of its own estimate (false failure about 5.7e-7; seed printed).
 */
class DegradedTimeTest {
  static final String MODEL =
      """
      name: degraded
      horizon: 100h
      sites:
        a:
          fire: {rate: 1/y, outage: "fixed(1h)", restore: "fixed(2h)"}
          fault: {rate: 1/y, outage: "fixed(1h)", damage: {share: 0.25, repair: "fixed(10h)"}}
      services:
        half: {slo: 0.5, deploy: {a: 1}}
        strict: {deploy: {a: 1}}
        roomy: {slo: 0.5, demand: 1, deploy: {a: 2}}
      """;

  @Test
  void fireRestore_isDownBelowTheSlo_thenDegradedUntilFull() throws Exception {
    // Dark 1 h, then capacity x/2 over 2 h: half (slo 0.5) is down 1 + 1 h, degraded the last
    // hour of the restore; strict (slo 0.99) down 1 + 1.98 h, degraded 0.02 h; roomy (deployed
    // at twice its demand) has own fraction min(1, 2c): it reaches its slo 0.5 at c = 0.25 (x =
    // 0.5 h) and 1 at c = 0.5 (x = 1 h): down 1.5 h, degraded 0.5 h.
    RunStats r = forced(MODEL, 10, 101, "fire@a", 0);
    assertEquals(2, r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(1, r.metric(0, Metric.DEGRADED_H).mean(), 1e-9);
    assertEquals(2.98, r.metric(1, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(0.02, r.metric(1, Metric.DEGRADED_H).mean(), 1e-9);
    assertEquals(1.5, r.metric(2, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(0.5, r.metric(2, Metric.DEGRADED_H).mean(), 1e-9);
    // The total is the sum over services.
    assertEquals(1.52, r.total(Metric.DEGRADED_H).mean(), 1e-9);
  }

  @Test
  void wholeBeforeTheRampEnds_isNotDegraded_whereverThePiecesSplit() throws Exception {
    // A fire forced at 0: dark 1 h, then a linear restore over 10 h, lowered by a damage of 0.3
    // (repaired in 15 h); the service (deployed at twice its demand, slo 1) is whole once the
    // site is at 0.5, at 6 h: down 6 h, never degraded, however the ramp is cut: one piece, a
    // curve with a point at its middle (the same line), or the damage's cap at 0.7 (from 8 h).
    // Each once counted the hours from 6 h to the next cut as degraded (the piece's start
    // rounded just below 1).
    String[] fires = {
      "{rate: 1/y, contained: 0, outage: \"fixed(1h)\", restore: \"fixed(10h)\"}",
      "{rate: 1/y, contained: 0, outage: \"fixed(1h)\", restore: \"fixed(10h)\","
          + " restore_curve: [[0, 0], [0.5, 0.5], [1, 1]]}",
      "{rate: 1/y, contained: 0, outage: \"fixed(1h)\", restore: \"fixed(10h)\","
          + " damage: {share: 0.3, repair: \"fixed(15h)\"}}"
    };
    for (String fire : fires) {
      String m =
          """
          name: whole
          horizon: 40h
          sites:
            a:
              fire: %s
          services:
            api: {users: 1, demand: 200, deploy: {a: 400}, slo: 1}
          """
              .formatted(fire);
      RunStats r = forced(m, 10, 104, "fire@a", 0);
      assertEquals(6, r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9, fire);
      assertEquals(0, r.metric(0, Metric.DEGRADED_H).mean(), 1e-9, fire);
      // 1 h dark, then 1 − 2c over the 5 h to c = 0.5: 1 + 2.5.
      assertEquals(3.5, r.metric(0, Metric.USER_HOURS).mean(), 1e-9, fire);
    }
  }

  @Test
  void damagedQuarter_degradesAServiceWhoseSloItMeets() throws Exception {
    // A fault of 1 h, then a quarter of the site out for 10 h: served 0.75, above half's slo
    // (degraded 10 h, down 1 h) and below strict's (down 11 h, never degraded); roomy is served
    // in full at 0.75 × 2.
    RunStats r = forced(MODEL, 10, 102, "fault@a", 0);
    assertEquals(10, r.metric(0, Metric.DEGRADED_H).mean(), 1e-9);
    assertEquals(1, r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(0, r.metric(1, Metric.DEGRADED_H).mean(), 0.0);
    assertEquals(11, r.metric(1, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(0, r.metric(2, Metric.DEGRADED_H).mean(), 0.0);
  }

  @Test
  void zoneLostInARun_degradesForItsOutage_withItsRate() throws Exception {
    // Zone x (0.3 of the site) has faults at 2/d of exponential outages (mean 1 h) from an
    // all-up start: a service with slo 0.5 on the site is degraded exactly while x is down, as
    // long as the faults do not overlap (one zone, one hazard: they cannot). E[degraded in
    // [0, H]] is the renewal formula of KernelAnalyticTest's fault test with U ~ Exp(mean 12 h)
    // and D ~ Exp(mean 1 h): q H + K, q = 1/13, K = mu2 E[D]/(2 mu^2) − (E[U]E[D] + E[D^2]/2)/mu.
    long seed = 103;
    double h = 720;
    double eu = 12;
    double ed = 1;
    double ed2 = 2;
    double mu = eu + ed;
    double mu2 = 2 * eu * eu + 2 * eu * ed + ed2;
    double exact = ed / mu * h + mu2 * ed / (2 * mu * mu) - (eu * ed + ed2 / 2) / mu;
    RunStats r =
        simulate(
            """
            name: zones
            horizon: 720h
            sites:
              a:
                zones:
                  x: {share: 0.3, fault: {rate: 2/d, outage: "exponential(mean=1h)"}}
                  y: {share: 0.7}
            services:
              api: {slo: 0.5, deploy: {a: 1}}
            """,
            100_000,
            seed);
    assertMean(exact, r.metric(0, Metric.DEGRADED_H), "degraded renewal time", seed);
    assertEquals(0, r.metric(0, Metric.DOWNTIME_H).mean(), 0.0);
  }
}
