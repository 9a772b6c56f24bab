package io.firedrill.engine;

import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hot loop allocates nothing once warm: the bytes this thread allocates over 100 blocks of
 * trials (409,600 trials) are counted by the JVM (com.sun.management.ThreadMXBean) and must be
 * zero; likewise for scenario trials (the Kakao fire with recovery curves, 20,480 trials, with a
 * stationary and a fresh background). This counts allocations, not time, so it does not depend on
 * the machine's load. The JMH benchmark with {@code -prof gc} shows the same
 * (results/benchmarks/README.md).
 */
class KernelAllocationTest {
  @ParameterizedTest
  @ValueSource(strings = {"three-site-example", "kakao-pangyo-2022"})
  void warmKernel_allocatesNothingPerTrial(String model) throws Exception {
    com.sun.management.ThreadMXBean mx = AllocationCounter.get();
    assertNothingAllocated(new Kernel(shipped(model), 3), model, mx, 800_000, 409_600);
  }

  /**
   * A tilted kernel (importance sampling: every hazard with an exponential or Weibull time to
   * failure made 3 times as frequent, every outage that can be lengthened twice as long) allocates
   * nothing per trial either: the tilts and the trial's log likelihood ratio are primitives kept by
   * the kernel.
   */
  @ParameterizedTest
  @ValueSource(strings = {"three-site-example", "kakao-pangyo-2022"})
  void warmTiltedKernel_allocatesNothingPerTrial(String model) throws Exception {
    com.sun.management.ThreadMXBean mx = AllocationCounter.get();
    Plan plan = shipped(model);
    HazardBias factors = HazardBias.none(plan.hazards);
    int tilted = 0;
    for (int h = 0; h < plan.hazards; h++) {
      if (Tilts.tiltable(plan, plan.hazardTtf[h])) {
        factors = factors.withRate(h, 3);
        tilted++;
      }
      if (Tilts.durationTiltable(plan, plan.hazardOutage[h])) {
        factors = factors.withOutage(h, 2);
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(tilted > 0, "no hazard tilted");
    Kernel kernel = new Kernel(plan, 3);
    kernel.bias(factors);
    assertNothingAllocated(kernel, model + ", tilted", mx, 100_000, 102_400);
  }

  /** The plan of shipped model {@code models/NAME.yaml}. */
  private static Plan shipped(String name) throws Exception {
    return Plan.compile(ModelLoader.load(Path.of("models", name + ".yaml"), List.of()).model());
  }

  @ParameterizedTest
  @ValueSource(strings = {"stationary", "fresh"})
  void warmScenarioKernel_withCurves_allocatesNothingPerTrial(String background) throws Exception {
    com.sun.management.ThreadMXBean mx = AllocationCounter.get();
    Plan plan =
        Plan.compile(
            ModelLoader.load(Path.of("models", "kakao-pangyo-2022.yaml"), List.of()).model(), 168);
    Kernel kernel = new Kernel(plan, 3);
    // Every kind of forcing at once: a fire at t = 0, a grid outage and a generator failure later.
    kernel.force(
        new int[] {
          plan.hazard("fire@pangyo"),
          plan.hazard("grid@kepco-anyang"),
          plan.forcibleCause("generator@anyang")
        },
        new double[] {0, 1, 1.5},
        Kernel.Background.valueOf(background.toUpperCase(java.util.Locale.ROOT)));
    kernel.recordCurves(501);
    // Scenario trials cost ~50 µs (501 curve points): fewer of them, still 20 per allowed byte.
    assertNothingAllocated(
        kernel, "the Kakao fire scenario, background " + background, mx, 60_000, 20_480);
  }

  /**
   * Damage of every kind (fire, fault, cooling, an effect, a grid's surge), at a site and a zone,
   * with overlapping repairs and a fire's restore; restarts along a curve, reconnect ramps and a
   * staffing profile; a service whose data fails over and is destroyed (data loss); services
   * restored in a priority order or along its own curve; repairs that need services (swept in
   * rounds, with an outage log); a recovery lag. In mode {@code falls} the restart curve and the
   * service's curve fall as well as rise (crossings within segments become instants).
   */
  static final String DAMAGED =
      """
      name: damaged
      horizon: 1y
      staffing: [%s]
      grids:
        g: {rate: 4/y, outage: "lognormal(median=1h, p90=6h)", damage: {probability: 0.3, share: 0.1, repair: "fixed(2d)"}}
      networks:
        n: {rate: 6/y, outage: "lognormal(median=1h, p90=4h)", needs: [api], manual: "fixed(4h)"}
      sites:
        a:
          grid: g
          networks: n
          reconnect: "uniform(5m, 1h)"
          ups: 10m
          restart: "lognormal(median=30m, p90=2h)"
          restart_curve: [[0, 0], [0.3, 0.2], [1, 1]]
          generator: {fail_to_start: 0.2, repair: "fixed(1h)"}
          fire:
            rate: 2/y
            outage: "lognormal(median=10h, p90=40h)"
            restore: "uniform(12h, 72h)"
            damage: {probability: 0.5, share: 0.3, repair: "uniform(5d, 20d)", destroyed: 0.2}
          fault:
            rate: 6/y
            outage: "lognormal(median=2h, p90=8h)"
            damage: {probability: 0.5, share: 0.2, repair: "lognormal(median=2d, p90=10d)"}
          zones:
            x:
              share: 0.6
              cooling:
                rate: 4/y
                outage: "fixed(5h)"
                ride_through: 1h
                damage: {share: 0.5, repair: "exponential(mean=3d)"}
            y: {share: 0.4}
        b:
          grid: g
          fault:
            rate: 2/y
            outage: "fixed(3h)"
            damage: {repair: "fixed(1d)"}
            needs: [db]
            manual: "uniform(2h, 6h)"
            also: {a/y: {effect: dark, outage: "fixed(6h)", damage: {share: 0.5, repair: "fixed(2d)"}}}
      services:
        api: {users: 1M, demand: 10, deploy: {a: 8, b: 4}, restore_priority: 1}
        web: {users: 1K, deploy: {a/x: 1}, restore_priority: 2, requires: db, requires_lag: {db: 1h}}
        db:
          deploy: {a: 1}
          standby: {b: 1}
          failover: {time: "fixed(30m)"}
          data: {primary: a/x, replica: b, lag: 5m, backup: a/y, backup_interval: 1d}
          rpo: 10m
        batch: {deploy: {a: 2, b: 1}, standby: {a: 1}, failover: {time: "fixed(1h)"}, restore_curve: [[0, 0], [0.4, 0.1], [1, 1]]}
      """
          .formatted(
              String.join(
                  ", ",
                  java.util.stream.IntStream.range(0, 168)
                      .mapToObj(h -> h % 24 < 6 ? "2" : "1")
                      .toList()));

  @ParameterizedTest
  @ValueSource(strings = {"run", "stationary", "falls"})
  void warmKernel_withDamage_allocatesNothingPerTrial(String mode) throws Exception {
    com.sun.management.ThreadMXBean mx = AllocationCounter.get();
    String yaml =
        mode.equals("falls")
            ? DAMAGED
                .replace("[[0, 0], [0.3, 0.2], [1, 1]]", "[[0, 0], [0.3, 0.4], [0.5, 0.2], [1, 1]]")
                .replace("[[0, 0], [0.4, 0.1], [1, 1]]", "[[0, 0], [0.4, 0.6], [0.7, 0.1], [1, 1]]")
            : DAMAGED;
    Plan plan =
        Plan.compile(
            ModelLoader.parse(
                    "damaged.yaml",
                    yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    List.of())
                .model());
    org.junit.jupiter.api.Assertions.assertEquals(mode.equals("falls"), plan.anyFall);
    Kernel kernel = new Kernel(plan, 3);
    // With a log, a trial whose repairs need services is swept once more to report its outages.
    kernel.setOutageLog((trial, service, cause, start, end, userHours) -> {});
    if (mode.equals("stationary")) {
      // A forced fault at b, every other hazard from its long-run state: warm-ups draw histories.
      kernel.force(
          new int[] {plan.hazard("fault@b")}, new double[] {0}, Kernel.Background.STATIONARY);
    }
    // A heavier model (about 0.5 ms a trial, swept twice where a repair takes its manual path;
    // twice that where curves fall): fewer trials, still 25 (10) per allowed byte.
    boolean falls = mode.equals("falls");
    assertNothingAllocated(
        kernel, "damage, " + mode, mx, falls ? 20_000 : 50_000, falls ? 10_240 : 25_600);
  }

  /**
   * A kernel that sweeps kept hazards ({@link Kernel#sweepHazards}, the points of a {@code size}
   * search after the first) allocates nothing per trial either: the counted trials are kept by
   * another kernel, and swept from the record in each pass (rewound before it).
   */
  @ParameterizedTest
  @ValueSource(strings = {"three-site-example", "kakao-pangyo-2022"})
  void warmKernel_sweepingKeptHazards_allocatesNothingPerTrial(String model) throws Exception {
    com.sun.management.ThreadMXBean mx = AllocationCounter.get();
    Plan plan = shipped(model);
    long warm = 200_000;
    int counted = 204_800;
    Kernel keeper = new Kernel(plan, 3);
    SampledHazards kept = new SampledHazards(warm, 1L << 30);
    keeper.keepHazards(kept);
    for (long t = warm; t < warm + counted; t++) {
      keeper.run(t);
    }
    Kernel sweeper = new Kernel(plan, 3);
    sweeper.sweepHazards(kept);
    assertNothingAllocated(
        sweeper, model + ", swept", mx, warm, counted, () -> sweeper.sweepHazards(kept));
    org.junit.jupiter.api.Assertions.assertEquals(
        counted, kept.restored(), "the counted trials were swept from the record");
  }

  private static void assertNothingAllocated(
      Kernel kernel, String model, com.sun.management.ThreadMXBean mx, long warm, long counted) {
    assertNothingAllocated(kernel, model, mx, warm, counted, () -> {});
  }

  /** As above, calling {@code beforePass} before each pass over the counted trials. */
  private static void assertNothingAllocated(
      Kernel kernel,
      String model,
      com.sun.management.ThreadMXBean mx,
      long warm,
      long counted,
      Runnable beforePass) {
    long trial = 0;
    long impact = 0;
    // Warm up: buffers reach their working size and the JIT compiles.
    for (; trial < warm; trial++) {
      impact += kernel.run(trial) ? 1 : 0;
    }
    // The counted trials run once unmeasured first: a trial with more events than any before it
    // grows the kernel's buffers once (bounded, not per trial); run again, the same trials need
    // no new capacity, so whatever is allocated then is allocated per trial.
    beforePass.run();
    for (long t = trial; t < trial + counted; t++) {
      kernel.run(t);
    }
    long thread = Thread.currentThread().getId();
    long start = trial;
    long[] windows = new long[3];
    int measured = 0;
    // Nothing per trial: even one byte per trial would be `counted` bytes in every window. The JIT
    // may allocate a few bytes once while it recompiles (materialising an object it had kept in
    // registers), which is what the allowance of 1 KB per window covers; on a loaded machine a
    // recompilation can fall in a window and cost more once, so a window over the allowance is
    // measured again on the same trials, up to three times. A per-trial allocation shows in every
    // window; a one-off does not.
    while (measured < windows.length) {
      beforePass.run();
      long before = mx.getThreadAllocatedBytes(thread);
      for (trial = start; trial < start + counted; trial++) {
        impact += kernel.run(trial) ? 1 : 0;
      }
      windows[measured++] = mx.getThreadAllocatedBytes(thread) - before;
      if (windows[measured - 1] <= 1024) {
        break;
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(impact > 0, "no trial exercised the sweep");
    org.junit.jupiter.api.Assertions.assertTrue(
        windows[measured - 1] <= 1024,
        "bytes allocated by "
            + counted
            + " warm trials of "
            + model
            + ", window by window: "
            + java.util.Arrays.toString(java.util.Arrays.copyOf(windows, measured)));
  }
}
