package io.firedrill.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firedrill.load.ModelException;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The block runner: failure handling, cancellation, and independence of its statistics from the
 * thread count and the block scheduler.
 */
class TrialRunnerTest {
  static final String MODEL =
      """
      name: runner
      sites:
        a: {fault: {rate: 5/y, outage: "lognormal(median=1h, p90=6h)"}}
        b: {fault: {rate: 5/y, outage: "lognormal(median=1h, p90=6h)"}}
      services:
        api: {users: 10, demand: 2, deploy: {a: 1, b: 1}}
      """;

  static Plan plan(String yaml) throws ModelException {
    return Plan.compile(
        ModelLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of()).model());
  }

  @Test
  void failingConsumer_stopsTheRun_andItsErrorSurfacesOnce() throws Exception {
    Plan plan = plan(MODEL);
    IllegalStateException boom = new IllegalStateException("disk full");
    AtomicInteger calls = new AtomicInteger();
    Exception thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                TrialRunner.run(
                    plan,
                    new TrialRunner.Options(100 * TrialRunner.BLOCK_TRIALS, 1, 2, 0, true),
                    (first, count, values) -> {
                      if (calls.incrementAndGet() == 3) {
                        throw boom;
                      }
                    },
                    null));
    assertSame(boom, thrown);
    assertEquals(3, calls.get(), "no block is consumed after the failure");
  }

  @Test
  void statistics_doNotDependOnTheThreadCount() throws Exception {
    Plan plan = plan(MODEL);
    RunStats one = TrialRunner.run(plan, new TrialRunner.Options(50_000, 9, 1, 10, false));
    RunStats three = TrialRunner.run(plan, new TrialRunner.Options(50_000, 9, 3, 10, false));
    for (Metric m : Metric.values()) {
      assertEquals(one.metric(0, m).mean(), three.metric(0, m).mean(), 0.0, m.csvName());
      assertEquals(one.metric(0, m).tally().variance(), three.metric(0, m).tally().variance(), 0.0);
      assertEquals(one.metric(0, m).quantile(0.99), three.metric(0, m).quantile(0.99), 0.0);
    }
    assertEquals(one.outages.start[9], three.outages.start[9], 0.0);
  }

  @Test
  void cancelledDuringABlock_stopsAfterItsMerge_sayingHowManyTrialsWereDone() throws Exception {
    Plan plan = plan(MODEL);
    Cancellation cancellation = new Cancellation();
    AtomicInteger merged = new AtomicInteger();
    Cancellation.Stopped stopped =
        assertThrows(
            Cancellation.Stopped.class,
            () ->
                TrialRunner.run(
                    plan,
                    new TrialRunner.Options(100 * TrialRunner.BLOCK_TRIALS, 1, 2, 0, false),
                    null,
                    null,
                    trials -> {
                      merged.incrementAndGet();
                      cancellation.cancel();
                    },
                    cancellation));
    assertEquals(1, merged.get(), "no block is merged after the one during which it was cancelled");
    assertEquals(4096, stopped.done());
    assertEquals("stopped after 4096 of 409600 trials; nothing was written", stopped.getMessage());
  }

  /**
   * A scheduler keeping the rule of {@link BlockScheduler} (results merged in block order) in the
   * least convenient way: on the calling thread, computing the blocks from the last to the first,
   * each on a fresh worker.
   */
  static final class Backwards implements BlockScheduler {
    @Override
    public <W, R> void run(
        long blocks,
        Supplier<W> workers,
        Task<W, R> task,
        Merge<R> merge,
        Cancellation cancellation)
        throws Exception {
      List<R> results = new ArrayList<>();
      for (long b = blocks - 1; b >= 0; b--) {
        results.add(0, task.compute(workers.get(), b));
      }
      for (int b = 0; b < results.size(); b++) {
        merge.merge(b, results.get(b));
      }
    }
  }

  @Test
  void anotherSchedulerKeepingTheRules_givesTheSameStatistics_bitForBit() throws Exception {
    Plan plan = plan(MODEL);
    TrialRunner.Options options = new TrialRunner.Options(30_000, 9, 3, 10, false);
    RunStats local = TrialRunner.run(plan, options);
    RunStats backwards =
        TrialRunner.run(plan, options, null, null, null, new Cancellation(), new Backwards());
    assertEquals(local.trials(), backwards.trials());
    for (Metric m : Metric.values()) {
      assertEquals(local.metric(0, m).mean(), backwards.metric(0, m).mean(), 0.0, m.csvName());
      assertEquals(
          local.metric(0, m).tally().variance(),
          backwards.metric(0, m).tally().variance(),
          0.0,
          m.csvName());
      assertEquals(local.metric(0, m).quantile(0.99), backwards.metric(0, m).quantile(0.99), 0.0);
    }
    for (int i = 0; i < local.causeDowntime.length; i++) {
      assertEquals(local.causeDowntime[i], backwards.causeDowntime[i], 0.0, "cause " + i);
    }
    assertEquals(local.outages.start[9], backwards.outages.start[9], 0.0);
  }
}
