package io.firedrill.engine;

import static io.firedrill.engine.KernelAnalyticTest.assertMean;
import static io.firedrill.engine.KernelAnalyticTest.forced;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import org.junit.jupiter.api.Test;

/**
 * Restarts and returns as ramps (docs/simulation.md, "Power", "Reachability"): a site's {@code
 * restart_curve} brings capacity back along the curve over each restart, a loss during it aborts it
 * where it had got to; a site's {@code reconnect} brings traffic back linearly after it was cut off
 * (all its networks down, or a network effect). Fixed durations give exact values (1e-9); the
 * stochastic check allows 5 standard errors of its own estimate (false failure about 5.7e-7; seed
 * printed).
 */
class RecoveryRampsTest {
  static final String FAULT =
      """
      name: ramps
      horizon: 100h
      sites:
        a:
          restart: "fixed(2h)"
          restart_curve: %s
          fault: {rate: 1/y, outage: "fixed(1h)"}
          cooling: {rate: 1/y, outage: "fixed(1h)"}
          zones: {x: {share: 0.6}, y: {share: 0.4, fault: {rate: 1/y, outage: "fixed(1h)"}}}
      services:
        api: {users: 1, deploy: {a: 1}}
        wide: {users: 1, demand: 1, deploy: {a: 2}}
      """;

  @Test
  void linearRestartCurve_bringsCapacityBackOverTheRestart() throws Exception {
    // Dark 1 h, then capacity x/2 over the 2 h restart: user-hours 1 + ∫_0^2 (1 − x/2) dx = 2;
    // down until the capacity reaches the slo 0.99, at x = 1.98: 2.98 h.
    RunStats r = forced(FAULT.formatted("[[0, 0], [1, 1]]"), 10, 91, "fault@a", 0);
    assertEquals(2, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(2.98, r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9);
  }

  @Test
  void curveWithAPlateau_servesAServiceWithTwiceItsDemandAtOnce() throws Exception {
    // Half the capacity at once, held for half the restart, then linear to full: api loses
    // 1 + 0.5 × 1 + ∫_0^1 (0.5 − 0.5 x) dx = 1.75 user-hours; wide (deployed at twice its demand)
    // is served in full from the end of the fault: 1 user-hour, down 1 h.
    RunStats r = forced(FAULT.formatted("[[0, 0.5], [0.5, 0.5], [1, 1]]"), 10, 92, "fault@a", 0);
    assertEquals(1.75, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(1, r.metric(1, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(1, r.metric(1, Metric.DOWNTIME_H).mean(), 1e-9);
  }

  @Test
  void lossDuringTheRestart_abortsItWhereItHadGot() throws Exception {
    // Fault [0, 1), restart ramp from 1 h reaches 0.5 at 2 h, when a cooling failure of 1 h
    // strikes; then a full restart ramp [3, 5): user-hours 1 + 0.75 + 1 + 1 = 3.75.
    RunStats r = forced(FAULT.formatted("[[0, 0], [1, 1]]"), 10, 93, "fault@a", 0, "cooling@a", 2);
    assertEquals(3.75, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
  }

  @Test
  void zonesRestartAlongTheSitesCurve() throws Exception {
    // Zone y (0.4) alone: dark 1 h, then the linear restart over 2 h: 0.4 × 2 = 0.8 user-hours.
    RunStats r = forced(FAULT.formatted("[[0, 0], [1, 1]]"), 10, 94, "fault@a/y", 0);
    assertEquals(0.8, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
  }

  @Test
  void lognormalRestartAlongALinearCurve_costsHalfTheMeanRestart() throws Exception {
    // Dark 1 h, restart R ~ lognormal(median 1 h, p90 4 h), linear: E[user-hours] = 1 + E[R] / 2.
    long seed = 95;
    String yaml =
        FAULT
            .formatted("[[0, 0], [1, 1]]")
            .replace("restart: \"fixed(2h)\"", "restart: \"lognormal(median=1h, p90=4h)\"")
            .replace("horizon: 100h", "horizon: 1000h");
    double mean = new io.firedrill.dist.LogNormal(1, 4).mean();
    RunStats r = forced(yaml, 100_000, seed, "fault@a", 0);
    assertMean(1 + mean / 2, r.metric(0, Metric.USER_HOURS), "restart ramp user-hours", seed);
  }

  static final String NETWORK =
      """
      name: reconnect
      horizon: 100h
      networks:
        n: {rate: 1/y, outage: "fixed(1h)"}
      sites:
        a: {networks: n, reconnect: "fixed(2h)"}
        b: {fire: {rate: 1/y, outage: "fixed(1h)", restore: "fixed(1h)", also: {a: {effect: network, outage: "fixed(3h)"}}}}
      services:
        api: {users: 1, deploy: {a: 1}}
      """;

  @Test
  void reconnect_bringsTrafficBackLinearly_afterTheNetworkReturns() throws Exception {
    // Unreachable 1 h, then traffic returns over 2 h: user-hours 1 + 1 = 2, down 1 + 1.98 h.
    RunStats r = forced(NETWORK, 10, 96, "routing@n", 0);
    assertEquals(2, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
    assertEquals(2.98, r.metric(0, Metric.DOWNTIME_H).mean(), 1e-9);
  }

  @Test
  void reconnect_followsANetworkEffectToo() throws Exception {
    // The fire at b cuts a off for 3 h (a network effect), then traffic returns over 2 h: 3 + 1.
    RunStats r = forced(NETWORK, 10, 97, "fire@b", 0);
    assertEquals(4, r.metric(0, Metric.USER_HOURS).mean(), 1e-9);
  }

  @Test
  void restartCurvePieces_countTowardsTheTrialsLimitOfEvents() throws Exception {
    // A loss every 0.02 h that lasts almost nothing (gamma of shape 1e-8: the up-front estimate,
    // from the mean of 10 h, expects few), each followed by a restart along a curve of 100 points:
    // about 438,000 losses a year, 99 ramps each. The pieces count towards the limit of
    // 2,000,000 events a trial, so the trial stops with TooManyEvents instead of filling memory.
    StringBuilder curve = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      double x = i / 99.0;
      curve.append(i == 0 ? "" : ", ").append("[").append(x).append(", ").append(x * x * x);
      curve.append("]");
    }
    curve.append("]");
    String yaml =
        """
        name: many
        sites:
          a:
            restart: "fixed(0.015h)"
            restart_curve: %s
            fault: {ttf: "fixed(0.02h)", outage: "gamma(shape=1e-8, mean=10h)"}
        services:
          api: {deploy: {a: 1}}
        """
            .formatted(curve);
    Kernel k = new Kernel(KernelAnalyticTest.plan(yaml), 3);
    org.junit.jupiter.api.Assertions.assertThrows(Kernel.TooManyEvents.class, () -> k.run(0));
  }
}
