package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code firedrill run}: its files, their determinism, and its usage errors. */
class RunCommandTest {
  static final List<String> CSV_FILES =
      List.of("summary.csv", "causes.csv", "outages.csv", "trials.csv");

  @Test
  void sameSeed_oneAndTwoThreads_writeByteIdenticalCsv(@TempDir Path tmp) throws Exception {
    for (String threads : List.of("1", "2")) {
      Cli.Result r =
          Cli.run(
              "run",
              "models/three-site-example.yaml",
              "--trials",
              "20000",
              "--seed",
              "7",
              "--threads",
              threads,
              "--outages",
              "100",
              "--per-trial",
              "--out",
              tmp.resolve("t" + threads).toString());
      assertEquals(0, r.code(), r::toString);
    }
    for (String f : CSV_FILES) {
      byte[] one = Files.readAllBytes(tmp.resolve("t1").resolve(f));
      byte[] two = Files.readAllBytes(tmp.resolve("t2").resolve(f));
      assertTrue(one.length > 100, f + " is nearly empty");
      assertArrayEquals(one, two, f + " differs between 1 and 2 threads");
    }
  }

  @Test
  void otherSeed_givesOtherResults(@TempDir Path tmp) throws Exception {
    for (String seed : List.of("1", "2")) {
      Cli.run(
          "run",
          "models/three-site-example.yaml",
          "--trials",
          "5000",
          "--seed",
          seed,
          "--out",
          tmp.resolve("s" + seed).toString());
    }
    assertFalse(
        Files.readString(tmp.resolve("s1/summary.csv"))
            .equals(Files.readString(tmp.resolve("s2/summary.csv"))));
  }

  @Test
  void run_writesTheSpecFiles_andNoTemporaryOnes(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("run", "--trials", "3000", "--out", out.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("kakao-pangyo-2022: run, 3000 trials"), r::toString);
    assertTrue(r.out().contains("trials/s"), r::toString);
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(
          List.of(
              ".firedrill",
              "causes.csv",
              "causes.png",
              "outage-durations.png",
              "run.json",
              "summary.csv",
              "user-hours-exceedance.png"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals("service,metric,mean,ci95_low,ci95_high,p50,p90,p99,p999,max", summary.get(0));
    // 8 services x (6 metrics, 4 of data loss (the model has data), availability, nines), then
    // the total of 4 metrics.
    assertEquals(1 + 8 * 12 + 4, summary.size());
    assertEquals(
        List.of("total,downtime_h", "total,outages", "total,user_hours", "total,degraded_h"),
        summary.subList(1 + 8 * 12, summary.size()).stream()
            .map(l -> l.substring(0, l.indexOf(',', 6)))
            .toList());
    assertFalse(String.join("\n", summary).matches("(?s).*(NaN|Infinity).*"));
  }

  @Test
  void badRunOptions_areUsageErrors() {
    for (String[] args :
        List.of(
            new String[] {"run", "--trials", "0"},
            new String[] {"run", "--trials", "-5"},
            new String[] {"run", "--trials", "many"},
            new String[] {"run", "--threads", "0"},
            new String[] {"run", "--horizon", "10x"},
            new String[] {"run", "--outages", "-1"})) {
      Cli.Result r = Cli.run(args);
      assertEquals(2, r.code(), () -> String.join(" ", args) + "\n" + r);
      assertEquals(1, r.errLines().size(), r::toString);
      assertFalse(r.err().contains("Exception"), r::toString);
    }
  }
}
