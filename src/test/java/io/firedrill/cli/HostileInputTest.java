package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input on the command line: each case ends in bounded time with exactly its one line and
 * exit 2, however long or strange the text typed.
 */
class HostileInputTest {
  static final String THREE = "models/three-site-example.yaml";

  @TempDir Path tmp;

  /** Runs within 10 s (generous: each case takes well under a second) and returns the result. */
  static Cli.Result run(String... args) {
    return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Cli.run(args));
  }

  static void refused(String line, String... args) {
    Cli.Result r = run(args);
    assertEquals(2, r.code(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertEquals(List.of(line), r.errLines(), r::toString);
  }

  /** scenario hung drawing charts of no services; sweep failed with "Index 0 out of bounds". */
  @Test
  void servicesNull_isRefusedByEveryCommand() {
    String line = "--set services=null: services: no services given (expected at least one)";
    String out = tmp.resolve("out").toString();
    refused(line, "validate", THREE, "--set", "services=null");
    refused(line, "run", THREE, "--set", "services=null", "--trials", "10", "--out", out);
    refused(
        line,
        "scenario",
        THREE,
        "--set",
        "services=null",
        "--event",
        "fire@east",
        "--trials",
        "10",
        "--out",
        out);
    refused(
        line,
        "sweep",
        THREE,
        "--set",
        "services=null",
        "--vary",
        "sites.east.ups=5m..15m:5m",
        "--trials",
        "10",
        "--out",
        out);
  }
}
