package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Degenerate and large models run to the end and write files with no NaN or Infinity: no hazards at
 * all, zero users, a horizon shorter than any outage, zero capacity, demand far above capacity, and
 * 200 services on 50 sites.
 */
class ExtremesTest {
  static final String NO_HAZARDS =
      """
      name: calm
      sites: {a: {}}
      services: {api: {deploy: {a: 1}}}
      """;
  static final String ZERO_USERS_SHORT_HORIZON =
      """
      name: short
      horizon: 1m
      sites: {a: {fault: {ttf: "fixed(10s)", outage: "fixed(1d)"}}}
      services: {api: {users: 0, deploy: {a: 1}}}
      """;
  static final String NO_CAPACITY =
      """
      name: empty
      sites: {a: {fault: {rate: 1/y, outage: "fixed(1h)"}}}
      services:
        zero: {users: 10, deploy: {a: 0}}
        short: {users: 10, demand: 1M, deploy: {a: 1}}
      """;

  static void runAndCheck(Path dir, String model, String... extra) throws Exception {
    Path m = ScenarioCommandTest.model(dir, model);
    String[] args =
        Stream.concat(
                Stream.of(
                    "run",
                    m.toString(),
                    "--trials",
                    "2000",
                    "--out",
                    dir.resolve("out").toString()),
                Stream.of(extra))
            .toArray(String[]::new);
    Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run(args));
    assertEquals(0, r.code(), r::toString);
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        String text = Files.readString(f);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), f + "\n" + text);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void degenerateModels_runToTheEnd_withoutNaNOrInfinity(int which, @TempDir Path dir)
      throws Exception {
    runAndCheck(dir, List.of(NO_HAZARDS, ZERO_USERS_SHORT_HORIZON, NO_CAPACITY).get(which));
  }

  @Test
  void twoHundredServicesOnFiftySites_runs(@TempDir Path dir) throws Exception {
    StringBuilder b =
        new StringBuilder(
            "name: big\ngrids: {g: {rate: 1/y, outage: \"fixed(2h)\"}}\n"
                + "networks: {n: {rate: 1/y, outage: \"fixed(1h)\"}}\nsites:\n");
    for (int s = 0; s < 50; s++) {
      b.append("  s")
          .append(s)
          .append(
              ": {grid: g, networks: [n], ups: 5m, fault: {rate: 0.5/y,"
                  + " outage: \"lognormal(median=1h, p90=5h)\"}, fire: {rate: 0.01/y, outage:"
                  + " \"fixed(10h)\", restore: \"fixed(20h)\"}}\n");
    }
    b.append("services:\n");
    for (int a = 0; a < 200; a++) {
      b.append("  v")
          .append(a)
          .append(": {users: 1K, demand: 2, deploy: {s")
          .append(a % 50)
          .append(": 1, s")
          .append((a + 1) % 50)
          .append(": 1, s")
          .append((a + 7) % 50)
          .append(": 1}")
          .append(a > 0 ? ", requires: [v" + (a / 2) + "]" : "")
          .append("}\n");
    }
    runAndCheck(dir, b.toString(), "--charts", "none");
  }

  @Test
  void thousandYearHorizon_runs(@TempDir Path dir) throws Exception {
    Path m = Path.of("models/three-site-example.yaml");
    Cli.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                Cli.run(
                    "run",
                    m.toString(),
                    "--horizon",
                    "1000y",
                    "--trials",
                    "500",
                    "--charts",
                    "none",
                    "--out",
                    dir.resolve("out").toString()));
    assertEquals(0, r.code(), r::toString);
  }
}
