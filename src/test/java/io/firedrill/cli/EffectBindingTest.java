package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Effects ({@code also}) that a hostile check broke: a missing {@code effect} was an internal
 * error, and {@code also: ~} broke validate's description. Both are ordinary input now.
 */
class EffectBindingTest {
  static final String MODEL =
      """
      name: x
      grids:
        g: {rate: 1/y, outage: "fixed(2h)", also: ALSO}
      sites:
        a: {grid: g}
      services:
        s: {deploy: {a: 1}}
      """;

  @Test
  void anEffectWithoutItsKind_isOneLineWithItsPlace(@TempDir Path tmp) throws Exception {
    Path m =
        Files.writeString(tmp.resolve("m.yaml"), MODEL.replace("ALSO", "{a: {probability: 0.5}}"));
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            m
                + ":3:49: grids.g.also.a.effect: missing: give what the effect does (power or dark"
                + " or network or cooling)"),
        r.errLines());
  }

  @Test
  void anEmptyAlso_isNone_inValidateAsInRun(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL.replace("ALSO", "~"));
    Cli.Result v = Cli.run("validate", m.toString());
    assertEquals(0, v.code(), v::toString);
    assertEquals(
        1, v.out().lines().filter(l -> l.contains("rate 1/y, outage fixed(2h), also ~")).count());
    Cli.Result r =
        Cli.run("run", m.toString(), "--trials", "10", "--out", tmp.resolve("o").toString());
    assertEquals(0, r.code(), r::toString);
  }
}
