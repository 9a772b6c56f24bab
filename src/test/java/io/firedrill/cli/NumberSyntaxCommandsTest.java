package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same text means the same on the command line as in a model file. */
class NumberSyntaxCommandsTest {
  static final String THREE = "models/three-site-example.yaml";

  static Cli.Result run(Path out, String... extra) {
    String[] args = new String[6 + extra.length];
    args[0] = "run";
    args[1] = THREE;
    args[2] = "--charts";
    args[3] = "none";
    args[4] = "--out";
    args[5] = out.toString();
    System.arraycopy(extra, 0, args, 6, extra.length);
    return Cli.run(args);
  }

  @Test
  void trials_inTheCountSyntax_runThatManyTrials(@TempDir Path tmp) throws Exception {
    byte[] reference = null;
    for (String n : new String[] {"1000", "1K", "1e3", "1.0e3"}) {
      Cli.Result r = run(tmp.resolve(n), "--trials", n, "--seed", "5", "--threads", "1");
      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().contains("run, 1000 trials of 1y, seed 5, 1 thread"), r::toString);
      byte[] summary = Files.readAllBytes(tmp.resolve(n).resolve("summary.csv"));
      if (reference == null) {
        reference = summary;
      }
      assertArrayEquals(reference, summary, n);
    }
  }

  @Test
  void seed_nearTwoToThe63_isKeptExactly(@TempDir Path tmp) throws Exception {
    Cli.Result r = run(tmp, "--trials", "100", "--seed", "9223372036854775806");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("seed 9223372036854775806,"), r::toString);
    String json = Files.readString(tmp.resolve("run.json"));
    assertTrue(json.contains("\"seed\" : 9223372036854775806"), json);
  }

  /**
   * A profile of 168 equal weights of 1e308 (their sum overflows) is the flat profile: results are
   * byte-identical to the model without a profile, same seed and trials.
   */
  @Test
  void profileOfEqualHugeWeights_givesTheResultsOfNoProfile(@TempDir Path tmp) throws Exception {
    Path flat = tmp.resolve("flat.yaml");
    Files.writeString(
        flat,
        Files.readString(Path.of(THREE))
            + "profile: ["
            + String.join(", ", Collections.nCopies(168, "1e308"))
            + "]\n");
    String[] common = {"--trials", "3000", "--seed", "11", "--charts", "none"};
    Cli.Result a = Cli.run(concat(new String[] {"run", THREE, "--out", dir(tmp, "a")}, common));
    Cli.Result b =
        Cli.run(concat(new String[] {"run", flat.toString(), "--out", dir(tmp, "b")}, common));
    assertEquals(0, a.code(), a::toString);
    assertEquals(0, b.code(), b::toString);
    for (String f : new String[] {"summary.csv", "causes.csv"}) {
      assertArrayEquals(
          Files.readAllBytes(tmp.resolve("a").resolve(f)),
          Files.readAllBytes(tmp.resolve("b").resolve(f)),
          f);
    }
  }

  /** {@code <= 1d}, {@code <= 24h} and {@code <= 24} are one target; it used to read 1d as 1. */
  @Test
  void sizeTarget_inDaysHoursOrBareHours_isTheSameTarget(@TempDir Path tmp) throws Exception {
    Path m = ScenarioCommandTest.model(tmp, StudyCommandsTest.MODEL);
    String answer = null;
    for (String x : new String[] {"24", "24h", "1d", "1440m"}) {
      Cli.Result r =
          Cli.run(
              "size",
              m.toString(),
              "--vary",
              "services.api.standby.west",
              "--target",
              "api.downtime_h.max <= " + x,
              "--min",
              "0",
              "--max",
              "200",
              "--trials",
              "200",
              "--out",
              tmp.resolve("out").toString());
      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().contains("for api.downtime_h.max <= 1d (run)"), r::toString);
      String line = r.out().lines().filter(l -> l.startsWith("answer:")).findFirst().orElseThrow();
      answer = answer == null ? line : answer;
      assertEquals(answer, line, x);
    }
    // 30 h of downtime below a standby of 99, 3 h from 99 on: the target of 24 h is met at 99.
    assertEquals("answer: services.api.standby.west = 99 (cost 1297 per year)", answer);
  }

  private static String dir(Path tmp, String name) {
    return tmp.resolve(name).toString();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
