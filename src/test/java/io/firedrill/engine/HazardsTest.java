package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.plan.Plan;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The hazard samplers, kind by kind, on models with fixed times to failure and fixed durations, so
 * that every timeline is known exactly: renewal until the horizon, forcing in scenarios, power loss
 * through the UPS, restarts that a new loss aborts, fires with their ramps, and unreachability with
 * its reconvergence blip.
 */
class HazardsTest {
  private static final int FORCED = ScenarioForcing.FORCED;

  /** A plan's hazards, sampled once, with their timelines. */
  private static final class Sampled {
    final Plan plan;
    final ScenarioForcing forcing;
    final SiteTimelines timelines;
    final Hazards hazards;
    long trial;

    Sampled(String yaml, double horizonHours) throws Exception {
      plan = KernelSemanticsTest.plan(yaml, horizonHours);
      forcing = new ScenarioForcing(plan.causes());
      timelines = new SiteTimelines(plan);
      HazardDraws draws = new HazardDraws(plan, new StreamKeys(1L));
      hazards = new Hazards(plan, draws, forcing, timelines, new RepairDecisions(plan, draws));
    }

    /** The next trial's hazards (trial 0 first). */
    Sampled sample() {
      hazards.sample(trial++);
      return this;
    }

    int cause(String name) {
      return KernelSemanticsTest.cause(plan, name);
    }
  }

  private static double[] starts(IntervalBuffer b) {
    return Arrays.copyOf(b.start, b.size);
  }

  private static double[] ends(IntervalBuffer b) {
    return Arrays.copyOf(b.end, b.size);
  }

  private static int[] causes(IntervalBuffer b) {
    return Arrays.copyOf(b.cause, b.size);
  }

  private static final String FAULTS =
      """
      name: faults
      sites:
        a: {fault: {ttf: "fixed(100h)", outage: "fixed(2h)"}}
      services:
        sa: {deploy: {a: 1}}
      """;

  @Test
  void fault_fixedTimes_renewsUntilTheHorizon() throws Exception {
    Sampled s = new Sampled(FAULTS, 500).sample();
    IntervalBuffer b = s.timelines.blocked[0];
    assertArrayEquals(new double[] {100, 202, 304, 406}, starts(b));
    assertArrayEquals(new double[] {102, 204, 306, 408}, ends(b));
    int f = s.cause("fault@a");
    assertArrayEquals(new int[] {f, f, f, f}, causes(b));
  }

  @Test
  void forcedFault_freshBackground_failsAtZeroMarked_thenRenews() throws Exception {
    Sampled s = new Sampled(FAULTS, 300);
    s.forcing.set(new int[] {s.cause("fault@a")}, new double[] {0}, Kernel.Background.FRESH);
    IntervalBuffer b = s.sample().timelines.blocked[0];
    assertArrayEquals(new double[] {0, 102, 204}, starts(b));
    assertArrayEquals(new double[] {2, 104, 206}, ends(b));
    int f = s.cause("fault@a");
    assertArrayEquals(new int[] {f | FORCED, f, f}, causes(b));
  }

  @Test
  void forcedFault_backgroundOff_failsOnceAtZero_andNothingElseRuns() throws Exception {
    Sampled s =
        new Sampled(
            """
            name: off
            grids:
              g: {ttf: "fixed(10h)", outage: "fixed(5h)"}
            sites:
              a: {grid: g, fault: {ttf: "fixed(100h)", outage: "fixed(2h)"}}
            services:
              sa: {deploy: {a: 1}}
            """,
            300);
    s.forcing.set(new int[] {s.cause("fault@a")}, new double[] {0}, Kernel.Background.OFF);
    IntervalBuffer b = s.sample().timelines.blocked[0];
    assertArrayEquals(new double[] {0}, starts(b));
    assertArrayEquals(new double[] {2}, ends(b));
    assertArrayEquals(new int[] {s.cause("fault@a") | FORCED}, causes(b));
  }

  @Test
  void grid_noGenerator_losesPowerOnceTheUpsRunsOut() throws Exception {
    Sampled s =
        new Sampled(
                """
            name: ups
            grids:
              g: {ttf: "fixed(100h)", outage: "fixed(2h)"}
            sites:
              a: {grid: g, ups: 15m}
            services:
              sa: {deploy: {a: 1}}
            """,
                150)
            .sample();
    IntervalBuffer b = s.timelines.blocked[0];
    assertArrayEquals(new double[] {100.25}, starts(b));
    assertArrayEquals(new double[] {102}, ends(b));
    assertArrayEquals(new int[] {s.cause("grid@g")}, causes(b));
  }

  @Test
  void restart_aLossDuringTheRestart_abortsIt_andOneRestartFollowsTheLast() throws Exception {
    // Grid losses [3, 4), [7, 8), [11, 12), [15, 16), [19, 20); each restart lasts 5 h, so every
    // loss begins during the restart after the one before: one interval from 3 to 20 + 5.
    Sampled s =
        new Sampled(
                """
            name: restarts
            grids:
              g: {ttf: "fixed(3h)", outage: "fixed(1h)"}
            sites:
              a: {grid: g, restart: "fixed(5h)"}
            services:
              sa: {deploy: {a: 1}}
            """,
                20)
            .sample();
    IntervalBuffer b = s.timelines.blocked[0];
    assertArrayEquals(new double[] {3}, starts(b));
    assertArrayEquals(new double[] {25}, ends(b));
    assertEquals(5, s.timelines.power[0].size, "power losses before restarts");
  }

  @Test
  void forcedFire_backgroundOff_darkThenLinearRamp() throws Exception {
    Sampled s =
        new Sampled(
            """
            name: fire
            sites:
              a: {fire: {ttf: "fixed(1000h)", outage: "fixed(10h)", restore: "fixed(4h)"}}
            services:
              sa: {deploy: {a: 1}}
            """,
            100);
    s.forcing.set(new int[] {s.cause("fire@a")}, new double[] {0}, Kernel.Background.OFF);
    s.sample();
    int fire = s.cause("fire@a") | FORCED;
    IntervalBuffer b = s.timelines.blocked[0];
    assertArrayEquals(new double[] {0}, starts(b));
    assertArrayEquals(new double[] {10}, ends(b));
    assertArrayEquals(new int[] {fire}, causes(b));
    IntervalBuffer r = s.timelines.ramps[0];
    assertArrayEquals(new double[] {10}, starts(r));
    assertArrayEquals(new double[] {14}, ends(r));
    assertArrayEquals(new int[] {fire}, causes(r));
    assertEquals(0, r.from[0]);
    assertEquals(1, r.to[0]);
  }

  @Test
  void fire_restoreCurve_oneRampPerPieceOfTheCurve() throws Exception {
    // Half the capacity back at once, held for half the restore time, then linear to full.
    Sampled s =
        new Sampled(
                """
            name: curve
            sites:
              a:
                fire:
                  ttf: "fixed(20h)"
                  outage: "fixed(10h)"
                  restore: "fixed(4h)"
                  restore_curve: [[0, 0.5], [0.5, 0.5], [1, 1]]
            services:
              sa: {deploy: {a: 1}}
            """,
                40)
            .sample();
    IntervalBuffer r = s.timelines.ramps[0];
    assertArrayEquals(new double[] {30, 32}, starts(r));
    assertArrayEquals(new double[] {32, 34}, ends(r));
    assertArrayEquals(new double[] {0.5, 0.5}, Arrays.copyOf(r.from, 2));
    assertArrayEquals(new double[] {0.5, 1}, Arrays.copyOf(r.to, 2));
  }

  @Test
  void networks_shared_bothDownBlocks_andAFailureWhileTheOtherIsUpBlips() throws Exception {
    // n1 down [10, 15), n2 down [12, 17): both down [12, 15), caused by n2 (it completed the
    // loss); n1 failing at 10 while n2 is up costs a reconvergence blip of 0.1 h; n2 failing at 12
    // while n1 is down costs none.
    Sampled s =
        new Sampled(
                """
            name: nets
            networks:
              n1: {ttf: "fixed(10h)", outage: "fixed(5h)"}
              n2: {ttf: "fixed(12h)", outage: "fixed(5h)"}
            sites:
              a: {networks: [n1, n2], reconverge: 6m}
            services:
              sa: {deploy: {a: 1}}
            """,
                20)
            .sample();
    IntervalBuffer b = s.timelines.blocked[0];
    assertArrayEquals(new double[] {10, 12}, starts(b));
    assertArrayEquals(new double[] {10.1, 15}, ends(b), 1e-12);
    assertArrayEquals(new int[] {s.cause("routing@n1"), s.cause("routing@n2")}, causes(b));
  }

  @Test
  void count_pastTheLimit_throwsNamingTheHazard() throws Exception {
    Sampled s = new Sampled(FAULTS, 500);
    HazardDraws draws = new HazardDraws(s.plan, new StreamKeys(1L));
    draws.startTrial(0);
    for (long i = 0; i < Kernel.MAX_EVENTS_DRAWN; i++) {
      draws.count(s.cause("fault@a"));
    }
    Kernel.TooManyEvents e =
        assertThrows(Kernel.TooManyEvents.class, () -> draws.count(s.cause("fault@a") | FORCED));
    assertTrue(e.getMessage().contains("the last fault@a"), e.getMessage());
  }
}
