package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sweep's event queue: time order, the tie rule (events at one time keep the order in which
 * they were added, on both the short and the long sorting path), which intervals make events, and
 * how the events of an instant are applied.
 */
class EventQueueTest {
  private static int[] order(EventQueue q) {
    int[] o = new int[q.size()];
    for (int k = 0; k < o.length; k++) {
      o[k] = q.inOrder(k);
    }
    return o;
  }

  @Test
  void sort_fewEvents_byTimeThenOrderOfAddition() {
    EventQueue q = new EventQueue();
    double[] times = {5, 1, 5, 0, 1, 5};
    for (int i = 0; i < times.length; i++) {
      q.add(times[i], i, EventQueue.BLOCK_START, 0, 0);
    }
    q.sort();
    assertArrayEquals(new int[] {3, 1, 4, 0, 2, 5}, order(q));
  }

  @ParameterizedTest
  @ValueSource(ints = {32, 33, 100, 1000})
  void sort_manyEventsWithTies_byTimeThenOrderOfAddition(int n) {
    // Times cycle through 7 values in a scrambled order, so each time has many ties; the expected
    // order lists the events of time 0 in the order they were added, then those of time 1, ...
    EventQueue q = new EventQueue();
    for (int i = 0; i < n; i++) {
      q.add((i * 3) % 7, 0, EventQueue.BLOCK_START, 0, 0);
    }
    q.sort();
    int[] expected = new int[n];
    int k = 0;
    for (int t = 0; t < 7; t++) {
      for (int i = 0; i < n; i++) {
        if ((i * 3) % 7 == t) {
          expected[k++] = i;
        }
      }
    }
    assertArrayEquals(expected, order(q));
  }

  /**
   * The merge of runs gives exactly the sort's order: random runs (1 to 12 of them, of 0 to 13
   * events, so both the merge and, past {@link EventQueue#MERGE_RUNS} runs or at most {@link
   * EventQueue#SHORT} events, the sort are taken; now and then one out of time order, which must
   * fall back to the sort; times on a coarse grid, so that ties within and across runs are common)
   * ordered by {@link EventQueue#order} and by {@link EventQueue#sort} on a copy. Deterministic
   * (seed in the message).
   */
  @Test
  void order_runsMerged_sameOrderAsSort() {
    long seed = 1512L;
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    EventQueue merged = new EventQueue();
    EventQueue sorted = new EventQueue();
    for (int trial = 0; trial < 20_000; trial++) {
      merged.clear();
      sorted.clear();
      int runs = 1 + random.nextInt(12);
      for (int r = 0; r < runs; r++) {
        merged.startRun();
        int n = random.nextInt(14);
        boolean scrambled = random.nextInt(50) == 0;
        double t = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          t = scrambled ? random.nextInt(20) : t + random.nextInt(3);
          merged.add(t, r, EventQueue.BLOCK_START, 0, 0);
          sorted.add(t, r, EventQueue.BLOCK_START, 0, 0);
        }
      }
      merged.order();
      sorted.sort();
      assertArrayEquals(order(sorted), order(merged), "seed " + seed + ", trial " + trial);
    }
  }

  @Test
  void build_intervalsOverBeforeZeroOrPastTheHorizon_makeNoEvents() throws Exception {
    Plan p = twoSites();
    SiteTimelines tl = new SiteTimelines(p);
    tl.blocked[0].add(-5, -1, 1); // over before 0: nothing
    tl.blocked[0].add(-1, 2, 2); // in progress at 0: start and end
    tl.blocked[0].add(90, 150, 3); // past the horizon (100): a start only
    tl.ramps[1].addRamp(2, 4, 4, 0, 1);
    tl.blocked[1].add(2, 3, 5);
    EventQueue q = new EventQueue();
    q.build(tl, 100);
    // Added site by site, blocked before ramps: site 0's three, then site 1's blocked pair, then
    // its ramp pair; at time 2 the end at site 0 comes first, then site 1's block, then its ramp.
    assertEquals(7, q.size());
    int[] o = order(q);
    double[] times = new double[o.length];
    int[] types = new int[o.length];
    int[] causes = new int[o.length];
    for (int k = 0; k < o.length; k++) {
      times[k] = q.time(o[k]);
      types[k] = q.type(o[k]);
      causes[k] = q.cause(o[k]);
    }
    assertArrayEquals(new double[] {-1, 2, 2, 2, 3, 4, 90}, times);
    assertArrayEquals(
        new int[] {
          EventQueue.BLOCK_START,
          EventQueue.BLOCK_END,
          EventQueue.BLOCK_START,
          EventQueue.RAMP_START,
          EventQueue.BLOCK_END,
          EventQueue.RAMP_END,
          EventQueue.BLOCK_START
        },
        types);
    assertArrayEquals(new int[] {2, 2, 5, 4, 5, 4, 3}, causes);
  }

  @Test
  void applyDue_appliesEventsUpToTheInstant_andKeepsItsBlockingOnes() throws Exception {
    Plan p = twoSites();
    SiteTimelines tl = new SiteTimelines(p);
    tl.blocked[0].add(1, 3, 7);
    tl.blocked[1].add(1, 2, 8 | ScenarioForcing.FORCED);
    EventQueue q = new EventQueue();
    q.build(tl, 100);
    CapacityState state = new CapacityState(p, tl.ramps, new StreamKeys(1L));
    state.startSweep(0);

    q.applyDue(0, state);
    assertEquals(0, q.dropCount());
    assertEquals(1, q.nextTime(100));

    q.applyDue(1, state);
    state.capacities(1);
    assertArrayEquals(new double[] {0, 0}, state.capValue);
    assertEquals(2, q.dropCount());
    assertEquals(0, q.dropSite(0));
    assertEquals(7, q.dropCause(0));
    assertEquals(1, q.dropSite(1));
    assertEquals(8 | ScenarioForcing.FORCED, q.dropCause(1));

    q.applyDue(2.5, state);
    state.capacities(2.5);
    assertArrayEquals(new double[] {0, 1}, state.capValue);
    assertEquals(0, q.dropCount(), "an unblocking event is no drop candidate");
    assertEquals(3, q.nextTime(100));
    assertEquals(2.75, q.nextTime(2.75), "cut at the horizon");
    q.applyDue(3, state);
    assertEquals(100, q.nextTime(100), "none left");
  }

  static Plan twoSites() throws Exception {
    return KernelSemanticsTest.plan(
        """
        name: two
        sites:
          a: {}
          b: {}
        services:
          sa: {deploy: {a: 1}}
          sb: {deploy: {b: 1}}
        """,
        100);
  }
}
