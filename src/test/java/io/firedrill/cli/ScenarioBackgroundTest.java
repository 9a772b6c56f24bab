package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --background stationary|fresh|off} on scenario (and, with --event, sweep and size). */
class ScenarioBackgroundTest {
  static final String MODEL = "models/three-site-example.yaml";

  @Test
  void scenario_defaultBackground_isStationary_andSaysSo(@TempDir Path tmp) throws Exception {
    Cli.Result r =
        Cli.run(
            "scenario",
            MODEL,
            "--event",
            "fault@east",
            "--trials",
            "4096",
            "--charts",
            "none",
            "--out",
            tmp.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(
        r.out().lines().findFirst().orElseThrow().contains("background stationary"), r.out());
    assertTrue(
        Files.readString(tmp.resolve("run.json")).contains("\"background\" : \"stationary\""));
  }

  @Test
  void scenario_unknownBackground_isAUsageError() {
    Cli.Result r = Cli.run("scenario", MODEL, "--event", "fault@east", "--background", "warm");
    assertEquals(2, r.code(), r.toString());
    assertEquals(
        "firedrill scenario: --background must be stationary, fresh or off, got 'warm'",
        r.errLines().get(0));
    assertEquals(1, r.errLines().size(), r.toString());
  }

  @Test
  void scenario_noBackgroundWithStationary_isAUsageError() {
    Cli.Result r =
        Cli.run(
            "scenario",
            MODEL,
            "--event",
            "fault@east",
            "--no-background",
            "--background",
            "stationary");
    assertEquals(2, r.code(), r.toString());
    assertEquals(
        "firedrill scenario: --no-background contradicts --background stationary",
        r.errLines().get(0));
  }

  @Test
  void scenario_backgroundOff_equalsNoBackground_byteForByte(@TempDir Path tmp) throws Exception {
    String[] common = {
      "scenario", MODEL, "--event", "fault@east", "--trials", "5000", "--charts", "none", "--out"
    };
    Cli.Result a = Cli.run(concat(common, tmp.resolve("a").toString(), "--background", "off"));
    Cli.Result b = Cli.run(concat(common, tmp.resolve("b").toString(), "--no-background"));
    assertEquals(0, a.code(), a.toString());
    assertEquals(0, b.code(), b.toString());
    assertEquals(
        Files.readString(tmp.resolve("a/summary.csv")),
        Files.readString(tmp.resolve("b/summary.csv")));
  }

  static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
