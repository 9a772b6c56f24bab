package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The block runner: failure handling and thread-count independence of its statistics. */
class RunnerTest {
  static final String MODEL =
      """
      name: runner
      sites:
        a: {fault: {rate: 5/y, outage: "lognormal(median=1h, p90=6h)"}}
        b: {fault: {rate: 5/y, outage: "lognormal(median=1h, p90=6h)"}}
      services:
        api: {users: 10, demand: 2, deploy: {a: 1, b: 1}}
      """;

  @Test
  void failingConsumer_stopsTheRun_andItsErrorSurfacesOnce() throws Exception {
    Plan plan = KernelAnalyticTest.plan(MODEL);
    IllegalStateException boom = new IllegalStateException("disk full");
    AtomicInteger calls = new AtomicInteger();
    Exception thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                Runner.run(
                    plan,
                    new Runner.Options(100 * Runner.BLOCK_TRIALS, 1, 2, 0, true),
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
    Plan plan = KernelAnalyticTest.plan(MODEL);
    RunStats one = Runner.run(plan, new Runner.Options(50_000, 9, 1, 10, false));
    RunStats three = Runner.run(plan, new Runner.Options(50_000, 9, 3, 10, false));
    for (Metric m : Metric.values()) {
      assertEquals(one.metric(0, m).mean(), three.metric(0, m).mean(), 0.0, m.csvName());
      assertEquals(one.metric(0, m).tally().variance(), three.metric(0, m).tally().variance(), 0.0);
      assertEquals(one.metric(0, m).quantile(0.99), three.metric(0, m).quantile(0.99), 0.0);
    }
    assertEquals(one.outages.start[9], three.outages.start[9], 0.0);
  }
}
