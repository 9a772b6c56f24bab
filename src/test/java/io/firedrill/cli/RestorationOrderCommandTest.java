package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore_priority} end to end: {@code size} searches it as a whole number from 1 (the
 * smallest priority) without {@code --min} or {@code --step}, and a bad value is one line.
 */
class RestorationOrderCommandTest {
  static final String MODEL =
      """
      name: order
      sites:
        a:
          fire: {rate: 1/y, contained: 0, outage: "fixed(1h)", restore: "fixed(10h)"}
      services:
        first: {users: 1, demand: 2, deploy: {a: 2}, slo: 1, restore_priority: 2}
        second: {users: 1, demand: 3, deploy: {a: 3}, slo: 1, restore_priority: 3}
        rest: {users: 1, demand: 5, deploy: {a: 5}, slo: 1}
      """;

  @Test
  void size_searchesThePriorityAsAWholeNumberFromOne(@TempDir Path tmp) throws Exception {
    // rest is whole 11 h after the fire in any class but the first (10 of 10 units); with
    // priority 1 it is whole at 1 + 5 = 6 h: size answers 1.
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run(
            "size",
            m.toString(),
            "--event",
            "fire@a",
            "--no-background",
            "--vary",
            "services.rest.restore_priority",
            "--max",
            "4",
            "--target",
            "rest.recover_h.mean <= 6h",
            "--trials",
            "10",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("answer: services.rest.restore_priority = 1"), r::out);
    // Met at the smallest value the search starts from: one point visited.
    assertTrue(r.out().contains("the target is met already at the minimum 1"), r::out);
    assertEquals(1, csv(tmp.resolve("out/size.csv")).size());
  }

  @Test
  void aPriorityOfZero_isOneLine(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r = Cli.run("validate", m.toString(), "--set", "services.rest.restore_priority=0");
    assertEquals(2, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(
        r.errLines().get(0).startsWith("--set services.rest.restore_priority=0:"), r::toString);
  }
}
