package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * User impact over a segment, against closed forms: a site ramps linearly from 0 to 1 over [0, 10)
 * h, so a service on it with demand 1 is served u/10 and loses ∫ (1 − u/10) du = 5 h of its users;
 * one with twice the capacity is served min(1, u/5) (a kink at 5: 2.5 h); one that also requires
 * the first is served (u/10)² (10 − 10/3 = 20/3 h). Quadrature is exact for these degrees, so the
 * tolerance is rounding (1e-12 relative). The recovery curves of the same ramp are checked point by
 * point.
 */
class IntegrationTest {
  private static final String RAMP =
      """
      name: ramp
      sites:
        a: {}
      services:
        one: {users: 1000, slo: 0.5, deploy: {a: 1}}
        two: {users: 1000, deploy: {a: 2}}
        top: {users: 1000, deploy: {a: 1}, requires: [one]}
      """;

  /** The sweep's parts for one plan, with site a's ramp over [0, 10). */
  private static final class Parts {
    final Plan plan;
    final IntervalBuffer[] ramps = {new IntervalBuffer()};
    final CapacityState state;
    final OutageAccounting accounting;
    final Curves curves;
    final Integration integration;
    final List<double[]> logged = new ArrayList<>();

    Parts(double horizonHours, int curvePoints) throws Exception {
      plan = KernelSemanticsTest.plan(RAMP, horizonHours);
      ramps[0].addRamp(0, 10, 0, 0, 1);
      state = new CapacityState(plan, ramps, new StreamKeys(1L));
      accounting = new OutageAccounting(plan);
      accounting.setLog(
          (trial, service, cause, start, end, userHours) ->
              logged.add(new double[] {service, cause, start, end, userHours}));
      curves = new Curves(plan);
      if (curvePoints > 0) {
        curves.enable(curvePoints);
      }
      integration = new Integration(plan, state, accounting);
      state.startSweep(0);
      accounting.startSweep(false);
      curves.startSweep();
      integration.startSweep();
    }

    /** The state at t after the site's events of t. */
    void at(double t) {
      state.capacities(t);
      state.servedNow(state.served);
    }

    /**
     * The segment [t0, t1) between two instants that cut every service, as the sweep runs it: the
     * windows open at t0 (after its events, {@link #at}), the curves record, the windows close at
     * t1 (before its events).
     */
    void segment(double t0, double t1) {
      int[] all = java.util.stream.IntStream.range(0, plan.services).toArray();
      integration.begin(t0, all, all.length);
      if (curves.on()) {
        curves.record(t0, t1, state.ramping(), state);
      }
      integration.end(t1, all, all.length);
    }

    int service(String name) {
      return KernelSemanticsTest.service(plan, name);
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-12 * Math.abs(expected), what);
  }

  @Test
  void rampSegment_userHoursLost_matchTheClosedForms() throws Exception {
    Parts x = new Parts(100, 0);
    x.state.startRamp(0, 0);
    x.at(0);
    x.segment(0, 10);
    assertClose(1000 * 5.0, x.accounting.userHours[x.service("one")], "one: 1000 × 5");
    assertClose(1000 * 2.5, x.accounting.userHours[x.service("two")], "two: 1000 × 2.5");
    assertClose(1000 * 20.0 / 3, x.accounting.userHours[x.service("top")], "top: 1000 × 20/3");
    assertArrayEquals(new double[] {1, 1, 1}, x.state.servedEnd, "served at the segment's end");
  }

  @Test
  void rampSegment_outageOpen_closesWhereTheRampCrossesTheSlo() throws Exception {
    // one's slo is 0.5: served u/10 reaches it at u = 5 exactly (5/10 is 0.5 in floating point,
    // the double below 5 gives less). User-hours in the outage: 1000 × ∫0^5 (1 − u/10) = 3750.
    Parts x = new Parts(100, 0);
    int one = x.service("one");
    x.state.startRamp(0, 0);
    x.at(0);
    x.accounting.openOutage(one, 0, 0);
    x.segment(0, 10);
    assertEquals(5, x.accounting.downtime[one]);
    assertEquals(1, x.accounting.outages[one]);
    assertEquals(1, x.logged.size());
    assertArrayEquals(new double[] {one, 0, 0, 5}, java.util.Arrays.copyOf(x.logged.get(0), 4));
    assertClose(3750, x.logged.get(0)[4], "user-hours of the outage");
    assertClose(5000, x.accounting.userHours[one], "user-hours of the whole ramp");
  }

  @Test
  void constantSegment_userHoursLost_areUsersTimesLossTimesLength() throws Exception {
    Parts x = new Parts(100, 0);
    x.state.block(0);
    x.at(20);
    x.segment(20, 28);
    assertEquals(8000, x.accounting.userHours[x.service("one")], "1000 × 1 × 8 h");
    assertArrayEquals(new double[] {0, 0, 0}, x.state.servedEnd);
  }

  @Test
  void curves_pointsInEachSegment_andAtTheHorizon() throws Exception {
    // Horizon 20 h, 5 points: 0, 5, 10, 15, 20. The ramp segment [0, 10) records 0 and 5 (10 is
    // the next segment's start); the constant segment [10, 20) records 10, 15 and, as the last,
    // the horizon.
    Parts x = new Parts(20, 5);
    assertEquals(15, x.curves.time(3));
    x.state.startRamp(0, 0);
    x.at(0);
    x.segment(0, 10);
    x.state.endRamp(0);
    x.at(10);
    x.segment(10, 20);
    int one = x.service("one");
    int top = x.service("top");
    double[] capacity = x.curves.capacity;
    assertArrayEquals(new double[] {0, 0.5, 1, 1, 1}, capacity);
    int ns = x.plan.services;
    double[] servedOne = new double[5];
    double[] servedTop = new double[5];
    for (int j = 0; j < 5; j++) {
      servedOne[j] = x.curves.served[j * ns + one];
      servedTop[j] = x.curves.served[j * ns + top];
    }
    assertArrayEquals(new double[] {0, 0.5, 1, 1, 1}, servedOne);
    assertArrayEquals(new double[] {0, 0.25, 1, 1, 1}, servedTop);
  }
}
