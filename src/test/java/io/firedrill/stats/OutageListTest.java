package io.firedrill.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.plan.Plan;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first outages keep each trial's outages in the order they end (at the same end, in service
 * order), whatever order the kernel reports them in (an outage that ends inside a ramp is reported
 * when its service's window closes, after others that ended later), and the first N by (trial, end)
 * when the list is full.
 */
class OutageListTest {
  private static RunStats.OutageList list(int limit) throws Exception {
    byte[] yaml =
        "name: two\nsites: {a: {}}\nservices: {x: {deploy: {a: 1}}, y: {deploy: {a: 1}}}\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Plan plan =
        Plan.compile(io.firedrill.load.ModelLoader.parse("two.yaml", yaml, List.of()).model());
    return new RunStats(plan, limit).outages;
  }

  @Test
  void withinATrial_outagesAreKeptInTheOrderTheyEnd_tiesInServiceOrder() throws Exception {
    RunStats.OutageList l = list(10);
    l.add(0, 0, 0, 0, 9, 0);
    l.add(3, 1, 0, 1, 5, 0);
    l.add(3, 1, 0, 0, 2, 0);
    l.add(3, 0, 0, 6, 7, 0);
    l.add(3, 0, 0, 1, 5, 0);
    l.add(4, 1, 0, 0, 1, 0);
    assertEquals(6, l.size());
    assertArrayEquals(new long[] {0, 3, 3, 3, 3, 4}, Arrays.copyOf(l.trial, 6));
    assertArrayEquals(new double[] {9, 2, 5, 5, 7, 1}, Arrays.copyOf(l.end, 6), 0.0);
    assertArrayEquals(
        new int[] {0, 1, 0, 1, 0, 1}, Arrays.copyOf(l.service, 6), "ties: service 0 before 1");
  }

  @Test
  void full_anEarlierEndingOutageOfTheLastTrial_takesThePlaceOfTheLast() throws Exception {
    RunStats.OutageList l = list(3);
    l.add(1, 0, 0, 0, 4, 0);
    l.add(2, 0, 0, 0, 8, 0);
    l.add(2, 0, 0, 0, 9, 0);
    l.add(2, 1, 0, 0, 3, 0);
    l.add(2, 1, 0, 0, 10, 0);
    l.add(3, 1, 0, 0, 1, 0);
    assertEquals(3, l.size());
    assertArrayEquals(new long[] {1, 2, 2}, Arrays.copyOf(l.trial, 3));
    assertArrayEquals(new double[] {4, 3, 8}, Arrays.copyOf(l.end, 3), 0.0);
  }
}
