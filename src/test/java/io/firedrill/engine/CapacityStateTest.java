package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.plan.Plan;
import io.firedrill.stats.FailoverPath;
import org.junit.jupiter.api.Test;

/**
 * The capacity and failover state of the sweep: capacities of blocked, ramping and healthy sites,
 * served fractions through a shared requirement, and a failover from start to join to its end.
 * Every expected value is exact.
 */
class CapacityStateTest {
  /** Every service of these one-service models is looked at, as at t = 0. */
  private static final int[] ALL = {0};

  /** The one service of the plans below, cut. */
  private static final boolean[] CUT = {true};

  private static int service(Plan p, String name) {
    return KernelSemanticsTest.service(p, name);
  }

  private static CapacityState state(Plan p, IntervalBuffer[] ramps) {
    CapacityState state = new CapacityState(p, ramps, new StreamKeys(1L));
    state.startSweep(0);
    return state;
  }

  @Test
  void capacities_blockedRampingAndHealthySites() throws Exception {
    Plan p = EventQueueTest.twoSites();
    IntervalBuffer[] ramps = {new IntervalBuffer(), new IntervalBuffer()};
    ramps[1].addRamp(10, 14, 0, 0.5, 1);
    CapacityState state = state(p, ramps);
    state.block(0);
    state.startRamp(1, 0);
    state.capacities(12);
    // Site a blocked: 0. Site b halfway up a ramp from 0.5 to 1 over 4 h: 0.75, rising 0.125/h.
    assertArrayEquals(new double[] {0, 0.75}, state.capValue);
    assertArrayEquals(new double[] {0, 0.125}, state.capSlope);
    assertTrue(state.ramping());
    state.servedAtTime(14, state.served);
    assertEquals(0, state.served[service(p, "sa")]);
    assertEquals(1, state.served[service(p, "sb")], "0.75 + 2 × 0.125 = 1");
    state.unblock(0);
    state.endRamp(1);
    state.capacities(14);
    assertArrayEquals(new double[] {1, 1}, state.capValue);
    assertFalse(state.ramping());
  }

  @Test
  void servedAt_diamond_theSharedBaseLimitsTheTopOnce() throws Exception {
    Plan p =
        KernelSemanticsTest.plan(
            """
            name: diamond
            sites:
              a: {}
              b: {}
            services:
              base: {deploy: {a: 0.6, b: 0.4}}
              left: {deploy: {a: 1}, requires: [base]}
              right: {deploy: {a: 1}, requires: [base]}
              top: {deploy: {a: 1}, requires: [left, right]}
            """,
            100);
    CapacityState state =
        state(p, new IntervalBuffer[] {new IntervalBuffer(), new IntervalBuffer()});
    state.block(1);
    state.capacities(0);
    state.servedNow(state.served);
    assertEquals(0.6, state.served[service(p, "base")]);
    assertEquals(0.6, state.served[service(p, "left")]);
    assertEquals(0.6, state.served[service(p, "top")], "0.6, not 0.6 × 0.6");
  }

  @Test
  void failover_startsWhenActiveFallsShort_joinsAfterItsDelay_endsWhenActiveReturns()
      throws Exception {
    Plan p =
        KernelSemanticsTest.plan(
            """
            name: failover
            sites:
              a: {}
              b: {}
            services:
              api:
                deploy: {a: 1}
                standby: {b: 1}
                failover: {time: "fixed(30m)"}
            """,
            100);
    int api = service(p, "api");
    CapacityState state =
        state(p, new IntervalBuffer[] {new IntervalBuffer(), new IntervalBuffer()});
    state.block(0);
    state.capacities(1);
    state.settleAndServe(1, CUT);
    state.startFailovers(1, ALL, 1);
    assertEquals(CapacityState.PENDING, state.foState[api]);
    assertEquals(1.5, state.joinAt[api]);
    assertEquals(1, state.failovers[api * FailoverPath.COUNT + FailoverPath.AUTOMATIC]);
    assertEquals(0, state.served[api]);
    assertEquals(1.5, state.nextJoin(1, 100), "the segment ends at the join");
    assertEquals(1.25, state.nextJoin(1, 1.25), "or at the next event before it");

    state.capacities(1.5);
    state.settleAndServe(1.5, CUT);
    state.startFailovers(1.5, ALL, 1);
    assertEquals(CapacityState.JOINED, state.foState[api]);
    assertEquals(1, state.served[api], "the standby carries the demand");
    assertEquals(1, state.failovers[api * FailoverPath.COUNT + FailoverPath.AUTOMATIC]);

    state.unblock(0);
    state.capacities(3);
    state.settleAndServe(3, CUT);
    assertEquals(CapacityState.NORMAL, state.foState[api]);
  }

  @Test
  void failover_automaticPathFails_takesTheManualDelay() throws Exception {
    Plan p =
        KernelSemanticsTest.plan(
            """
            name: manual
            sites:
              a: {}
              b: {}
            services:
              api:
                deploy: {a: 1}
                standby: {b: 1}
                failover: {time: "fixed(30m)", success: 0, manual: "fixed(2h)"}
            """,
            100);
    int api = service(p, "api");
    CapacityState state =
        state(p, new IntervalBuffer[] {new IntervalBuffer(), new IntervalBuffer()});
    state.block(0);
    state.capacities(1);
    state.servedNow(state.served);
    state.startFailovers(1, ALL, 1);
    assertEquals(3, state.joinAt[api]);
    assertEquals(
        1, state.failovers[api * FailoverPath.COUNT + FailoverPath.MANUAL_AUTOMATIC_FAILED]);
  }
}
