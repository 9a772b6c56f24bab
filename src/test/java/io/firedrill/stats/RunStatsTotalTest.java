package io.firedrill.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A metric without a total over services is refused, naming every metric that has one. */
class RunStatsTotalTest {
  @Test
  void metricWithoutTotal_isRefused_namingTheFourTotals() throws Exception {
    byte[] yaml =
        "name: one\nsites: {a: {}}\nservices: {x: {deploy: {a: 1}}}\n"
            .getBytes(StandardCharsets.UTF_8);
    Plan plan = Plan.compile(ModelLoader.parse("one.yaml", yaml, List.of()).model());
    RunStats stats = new RunStats(plan, 0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> stats.total(Metric.LONGEST_H));
    assertEquals(
        "metric has no total over services: longest_h (totals: downtime_h, outages, user_hours,"
            + " degraded_h)",
        e.getMessage());
  }
}
