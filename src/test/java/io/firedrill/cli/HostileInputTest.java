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

  /** 120,000 digits and an x as --trials took 146 s; the message quotes 64 characters. */
  @Test
  void trialsOfAHundredThousandDigits_isRefusedAtOnce() {
    refused(
        "firedrill run: --trials must be a whole number from 1 to 1099511627776, got '"
            + "1".repeat(64)
            + "…'",
        "run",
        THREE,
        "--trials",
        "1".repeat(120_000) + "x");
  }

  /** A model horizon of 100,000 digits and xh took 96 s. */
  @Test
  void horizonOfAHundredThousandDigits_isRefusedAtOnce() throws Exception {
    Path model = tmp.resolve("m.yaml");
    java.nio.file.Files.writeString(
        model,
        "name: m\nhorizon: "
            + "1".repeat(100_000)
            + "xh\nsites:\n  east: {}\nservices:\n  talk:\n    deploy: {east: 1}\n");
    refused(
        model
            + ":2:100010: horizon: unknown time unit 'xh' in '"
            + "1".repeat(64)
            + "…' (units: s, m, h, d, w, y)",
        "validate",
        model.toString());
  }

  /** validate said valid where run refused up front: now both refuse, with the same words. */
  @Test
  void aModelRunRefusesUpFront_validateRefusesToo() {
    String fault = "sites.east.fault={rate: 1e9/y, outage: fixed(1s)}";
    String why =
        ": the model expects about 6.11e+07 hazard events per trial over 1y; firedrill simulates"
            + " at most 1,000,000 (lower a rate or the horizon)";
    refused("firedrill validate" + why, "validate", THREE, "--set", fault);
    refused(
        "firedrill run" + why,
        "run",
        THREE,
        "--set",
        fault,
        "--trials",
        "10",
        "--out",
        tmp.resolve("out").toString());
  }

  /**
   * A wrong --event or --background was reported after the model's warnings (sweep, size) or after
   * the note on --at (scenario): two lines. The model here warns (north's standby removed).
   */
  @Test
  void aWrongEventOrBackground_isTheOnlyLine_evenWhenTheModelWarns() {
    String out = tmp.resolve("out").toString();
    String noNorth = "services.talk.standby.north=0";
    refused(
        "firedrill sweep: --event: unknown event 'fault@zz' (valid: fire@east, fault@east, fault@west, fault@north, cooling@east/hall-b, grid@metro-east, grid@metro-west,"
            + " grid@metro-north, routing@carrier-a, routing@carrier-b, common@typhoon, generator@east)",
        "sweep",
        THREE,
        "--set",
        noNorth,
        "--vary",
        "services.talk.demand=10000..12000:2000",
        "--event",
        "fault@zz",
        "--trials",
        "10",
        "--out",
        out);
    refused(
        "firedrill size: --background must be stationary, fresh or off, got 'bogus'",
        "size",
        THREE,
        "--set",
        noNorth,
        "--vary",
        "services.talk.deploy.west",
        "--target",
        "talk.downtime_h.mean <= 1h",
        "--event",
        "fault@east",
        "--background",
        "bogus",
        "--trials",
        "10",
        "--out",
        out);
    refused(
        "firedrill scenario: --background must be stationary, fresh or off, got 'bogus'",
        "scenario",
        THREE,
        "--set",
        noNorth,
        "--event",
        "fire@east",
        "--at",
        "sat 15:30",
        "--background",
        "bogus",
        "--out",
        out);
  }

  /** An --event with a newline was cut at the newline; a --set with one gave three lines. */
  @Test
  void newlinesAndEscapesInWhatWasTyped_stayOnOneLine_escaped() {
    refused(
        "firedrill scenario: --event: unknown event 'fire@east\\nx', did you mean 'fire@east'?"
            + " (valid: fire@east, fault@east,"
            + " fault@west, fault@north, cooling@east/hall-b, grid@metro-east, grid@metro-west, grid@metro-north,"
            + " routing@carrier-a, routing@carrier-b, common@typhoon, generator@east)",
        "scenario",
        THREE,
        "--event",
        "fire@east\nx",
        "--trials",
        "10",
        "--out",
        tmp.resolve("out").toString());
    refused(
        "--set services.talk.users=1\\n2\\n3: services.talk.users: '1 2 3' is not a number such as"
            + " 2000, 12K or 48M",
        "validate",
        THREE,
        "--set",
        "services.talk.users=1\n2\n3");
    refused(
        "firedrill run: Unknown option: '--tri\\e[31mals', did you mean --trials? (see 'firedrill"
            + " run --help')",
        "run",
        THREE,
        "--tri\u001b[31mals");
    refused(
        "firedrill run: --seed must be a whole number from 0 to 9223372036854775807, got '1\\t2'",
        "run",
        THREE,
        "--seed",
        "1\t2");
    refused("models/three\\n.yaml: no such file", "validate", "models/three\n.yaml");
  }

  /** picocli quotes an unknown option whole; firedrill cuts each quoted piece at 64 characters. */
  @Test
  void unknownOptionOfAHundredThousandCharacters_isQuotedShort() {
    refused(
        "firedrill run: Unknown option: '--" + "x".repeat(62) + "…' (see 'firedrill run --help')",
        "run",
        "--" + "x".repeat(100_000));
  }

  /** validate echoes the model's description: an escape in it must not reach the terminal. */
  @Test
  void descriptionWithAnEscape_isEchoedEscaped() throws Exception {
    Path model = tmp.resolve("d.yaml");
    java.nio.file.Files.writeString(
        model,
        "name: d\ndescription: \"red\\e[31m alert\\tnow\"\nsites:\n  east: {}\n"
            + "services:\n  talk:\n    deploy: {east: 1}\n");
    Cli.Result r = run("validate", model.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals("d is valid: red\\e[31m alert\\tnow", r.out().lines().findFirst().orElseThrow());
  }

  /** "<= NaN" said "unknown time unit 'N' in 'NaN'": it is not a number. */
  @Test
  void targetOfNaNOrInfinity_isNotANumber() {
    for (String word : List.of("NaN", "Infinity")) {
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () ->
                  io.firedrill.study.Target.parse(
                      "web.recover_h.p99 <= " + word, List.of("web"), true));
      assertEquals(
          "--target: '"
              + word
              + "' is not a number (a duration is a number and a unit: 15m, 4h or 2d); recover_h"
              + " takes a duration such as 24h, 90m or 1d, or a number of hours",
          e.getMessage());
    }
  }

  /** The other options that quote what was typed quote 64 characters of it, too. */
  @Test
  void longValuesOfOtherOptions_areQuotedShort() {
    String x = "x".repeat(100_000);
    String cut = "x".repeat(64) + "…";
    String out = tmp.resolve("out").toString();
    Cli.Result r = run("scenario", THREE, "--event", "fire@" + x, "--trials", "10", "--out", out);
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill scenario: --event: unknown event 'fire@"
                + "x".repeat(59)
                + "…' (valid: fire@east, fault@east, fault@west, fault@north, cooling@east/hall-b, grid@metro-east,"
                + " grid@metro-west, grid@metro-north, routing@carrier-a, routing@carrier-b, common@typhoon, generator@east)"),
        r.errLines());
    refused(
        "firedrill scenario: --background must be stationary, fresh or off, got '" + cut + "'",
        "scenario",
        THREE,
        "--event",
        "fire@east",
        "--background",
        x,
        "--trials",
        "10",
        "--out",
        out);
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> io.firedrill.study.Target.parse(x + ".recover_h.p99 <= 1", List.of("web"), true));
    assertEquals(
        "--target: unknown service '" + cut + "' (known: web, or total for the sum over services)",
        e.getMessage());
  }
}
