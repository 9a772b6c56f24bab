package io.firedrill.engine;

import static io.firedrill.engine.KernelAnalyticTest.forced;
import static io.firedrill.engine.KernelAnalyticTest.plan;
import static io.firedrill.engine.KernelAnalyticTest.service;
import static io.firedrill.engine.KernelAnalyticTest.simulate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import org.junit.jupiter.api.Test;

/**
 * Recovery lags (docs/simulation.md, "Recovery lag"): when an outage of a required service ends, a
 * service that requires it with a lag L stays at most at the served fraction it had just before,
 * for L, and so does every service that requires it. Fixed durations and linear ramps: every check
 * is exact (to 1e-9).
 */
class RecoveryLagTest {
  static final String STEP =
      """
      name: lag
      horizon: 100h
      sites:
        a: {}
        b: {fault: {rate: 1/y, outage: "fixed(2h)"}}
      services:
        db: {users: 1, deploy: {b: 1}}
        app: {users: 1, deploy: {a: 1}, requires: db, requires_lag: {db: 3h}}
        web: {users: 1, deploy: {a: 1}, requires: app}
        report: {users: 1, deploy: {a: 1}, requires: db}
      """;

  @Test
  void aStepBack_holdsTheLaggedServiceAndItsDependents_forTheLag() throws Exception {
    // db is down 0–2 h. app (lag 3 h on db) is held at 0, what it had just before db returned,
    // until 5 h; web, which requires app, with it. report requires db without a lag: 2 h.
    Plan p = plan(STEP);
    RunStats r = forced(STEP, 3, 101, "fault@b", 0);
    assertEquals(2, r.metric(service(p, "db"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(5, r.metric(service(p, "app"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(5, r.metric(service(p, "app"), Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(5, r.metric(service(p, "web"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(2, r.metric(service(p, "report"), Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(1, r.metric(service(p, "app"), Metric.OUTAGES).mean(), 0.0);
  }

  static final String RAMP =
      """
      name: lag
      horizon: 100h
      sites:
        a: {}
        b: {restart: "fixed(4h)", restart_curve: [[0, 0], [1, 1]], fault: {rate: 1/y, outage: "fixed(2h)"}}
      services:
        db: {deploy: {b: 1}, slo: 0.5}
        app: {users: 1, deploy: {a: 1}, requires: db, slo: 0.6%s}
      """;

  @Test
  void aRampBack_holdsTheLevelAtTheDependencysSloCrossing_thenFollowsTheRamp() throws Exception {
    // db is dark 0–2 h, then its restart brings it back linearly over 4 h: served (t − 2)/4, at
    // its slo 0.5 at 4 h. app (slo 0.6) follows it; with a lag of 1 h it is held at 0.5 from 4 h
    // to 5 h, then at 0.75 follows the ramp to 1 at 6 h. Without the lag app is back at its slo
    // at 4.4 h, with it at 5 h. User-hours: without, 2 + ∫_2^6 (1 − (t − 2)/4) dt = 4; with, 2 +
    // (2 − 0.5) + 0.5 + 0.125 = 4.125. Degraded (at or above 0.6, below 1): 1.6 h and 1 h.
    Plan p = plan(RAMP.formatted(""));
    int app = service(p, "app");
    RunStats without = forced(RAMP.formatted(""), 3, 102, "fault@b", 0);
    RunStats with = forced(RAMP.formatted(", requires_lag: {db: 1h}"), 3, 102, "fault@b", 0);
    assertEquals(4.4, without.metric(app, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(4, without.metric(app, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(1.6, without.metric(app, Metric.DEGRADED_H).mean(), 1e-9);
    assertEquals(5, with.metric(app, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(4.125, with.metric(app, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(1, with.metric(app, Metric.DEGRADED_H).mean(), 1e-9);
  }

  @Test
  void aLagOfZero_isNoLag_andALagChangesNoServiceThatNeitherHasNorRequiresOne() throws Exception {
    // A run over ten years with grids, networks and faults: the lag moves app and web only; db
    // and report are bit for bit as without it (common random numbers), and a lag of 0 is none.
    String yaml =
        """
        name: lag
        horizon: 10y
        grids:
          g: {rate: 2/y, outage: "lognormal(median=2h, p90=8h)"}
        networks:
          n: {rate: 3/y, outage: "lognormal(median=30m, p90=3h)"}
        sites:
          a: {grid: g, restart: "fixed(1h)", fault: {rate: 1/y, outage: "fixed(4h)"}}
          b: {networks: n, restart: "uniform(1h, 3h)", restart_curve: [[0, 0], [1, 1]]}
        services:
          db: {users: 1, deploy: {b: 1}, slo: 0.7}
          app: {users: 10, deploy: {a: 1}, requires: db, requires_lag: {db: %s}}
          web: {users: 5, deploy: {a: 1}, requires: app}
          report: {users: 3, deploy: {a: 1}, requires: db}
        """;
    RunStats none = simulate(yaml.formatted("0"), 2_000, 103);
    RunStats lag = simulate(yaml.formatted("2h"), 2_000, 103);
    RunStats plain =
        simulate(yaml.formatted("0").replace(", requires_lag: {db: 0}", ""), 2_000, 103);
    Plan p = plan(yaml.formatted("0"));
    for (String s : new String[] {"db", "app", "web", "report"}) {
      for (Metric m : new Metric[] {Metric.DOWNTIME_H, Metric.USER_HOURS, Metric.OUTAGES}) {
        assertEquals(
            plain.metric(service(p, s), m).mean(), none.metric(service(p, s), m).mean(), 0.0);
      }
    }
    for (String s : new String[] {"db", "report"}) {
      for (Metric m : new Metric[] {Metric.DOWNTIME_H, Metric.USER_HOURS, Metric.DEGRADED_H}) {
        assertEquals(
            plain.metric(service(p, s), m).mean(), lag.metric(service(p, s), m).mean(), 0.0);
      }
    }
    double extra =
        lag.metric(service(p, "app"), Metric.DOWNTIME_H).mean()
            - plain.metric(service(p, "app"), Metric.DOWNTIME_H).mean();
    assertTrue(extra > 0, "the lag adds downtime to app: " + extra);
  }

  @Test
  void aHoldAboveARisingProduct_capsItWhereItCrossesInsideTheWindow() throws Exception {
    // db loses b (half its capacity) over 0–1 h: app is served 0.5, then held at 0.5 to 11 h (lag
    // 10 h). cache loses c over 2–3 h, then comes back linearly over 4 h: app's product (t − 3)/4
    // crosses the hold at 5 h, inside the window 3–7 h. User-hours: 0.5 + 0.5 + 1 + 1.5 + 1 + 2 =
    // 6.5 (without the lag: 0.5 + 1 + 2 = 3.5); down 0–11 h (without: 0–1 h, and 2 h until the
    // product reaches the slo 0.99 at 6.96 h: 5.96 h).
    String yaml =
        """
        name: lag
        horizon: 100h
        sites:
          a: {}
          b: {fault: {rate: 1/y, outage: "fixed(1h)"}}
          b2: {}
          c: {restart: "fixed(4h)", restart_curve: [[0, 0], [1, 1]], fault: {rate: 1/y, outage: "fixed(1h)"}}
        services:
          db: {demand: 2, deploy: {b: 1, b2: 1}}
          cache: {deploy: {c: 1}}
          app: {users: 1, deploy: {a: 1}, requires: [db, cache]%s}
        """;
    int app = service(plan(yaml.formatted("")), "app");
    RunStats with =
        forced(yaml.formatted(", requires_lag: {db: 10h}"), 3, 104, "fault@b", 0, "fault@c", 2);
    RunStats without = forced(yaml.formatted(""), 3, 104, "fault@b", 0, "fault@c", 2);
    assertEquals(6.5, with.metric(app, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(11, with.metric(app, Metric.DOWNTIME_H).mean(), 1e-9);
    assertEquals(3.5, without.metric(app, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(5.96, without.metric(app, Metric.DOWNTIME_H).mean(), 1e-9);
  }
}
