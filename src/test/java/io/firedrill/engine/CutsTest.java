package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.firedrill.plan.Plan;
import org.junit.jupiter.api.Test;

/**
 * Which services an instant cuts: an event at a site cuts the services whose footprint holds it
 * (including, through requires, a service not deployed there); a standby's join cuts its service
 * and every service that requires it; nothing else.
 */
class CutsTest {
  private static final String MODEL =
      """
      name: cuts
      sites:
        a: {}
        b: {}
        c: {}
      services:
        base: {deploy: {a: 1}, standby: {c: 1}, failover: {time: "fixed(1h)"}}
        top: {deploy: {b: 1}, requires: [base]}
        alone: {deploy: {b: 1}}
      """;

  /** Cut flags in the order base, top, alone. */
  private static boolean[] flags(Plan p, boolean[] cut) {
    return new boolean[] {
      cut[KernelSemanticsTest.service(p, "base")],
      cut[KernelSemanticsTest.service(p, "top")],
      cut[KernelSemanticsTest.service(p, "alone")]
    };
  }

  @Test
  void eventsAtASite_cutTheServicesWhoseFootprintHoldsIt_joinsCutTheirDependents()
      throws Exception {
    Plan p = KernelSemanticsTest.plan(MODEL, 100);
    int a = java.util.List.of(p.siteNames).indexOf("a");
    int b = java.util.List.of(p.siteNames).indexOf("b");
    int c = java.util.List.of(p.siteNames).indexOf("c");
    EventQueue events = new EventQueue();
    events.add(1, a, EventQueue.BLOCK_START, 0, 0);
    events.add(2, b, EventQueue.BLOCK_START, 0, 0);
    events.add(3, c, EventQueue.BLOCK_START, 0, 0);
    events.sort();
    IntervalBuffer[] ramps = {new IntervalBuffer(), new IntervalBuffer(), new IntervalBuffer()};
    CapacityState state = new CapacityState(p, ramps, new StreamKeys(1L));
    state.startSweep(0);
    Cuts cuts = new Cuts(p);

    cuts.mark(1, events, state);
    assertArrayEquals(new boolean[] {true, true, false}, flags(p, cuts.cut), "event at a");
    events.applyDue(1, state);
    cuts.mark(2, events, state);
    assertArrayEquals(new boolean[] {false, true, true}, flags(p, cuts.cut), "event at b");
    events.applyDue(2, state);
    cuts.mark(3, events, state);
    assertArrayEquals(
        new boolean[] {true, true, false}, flags(p, cuts.cut), "event at c, base's standby site");
    events.applyDue(3, state);

    int base = KernelSemanticsTest.service(p, "base");
    state.pend(base, 4);
    state.nextJoin(3, 100);
    cuts.mark(3.5, events, state);
    assertArrayEquals(new boolean[] {false, false, false}, flags(p, cuts.cut), "nothing at 3.5");
    cuts.mark(4, events, state);
    assertArrayEquals(
        new boolean[] {true, true, false}, flags(p, cuts.cut), "base's standby joins at 4");
  }
}
