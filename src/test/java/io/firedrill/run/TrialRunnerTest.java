package io.firedrill.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firedrill.model.ModelException;
import io.firedrill.model.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The block runner: failure handling and thread-count independence of its statistics. */
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
}
