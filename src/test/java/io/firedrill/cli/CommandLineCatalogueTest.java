package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users type wrong: every case exits 2 with exactly one line on standard error, no stack
 * trace, nothing on standard output, within a time bound.
 */
class CommandLineCatalogueTest {
  @TempDir static Path tmp;

  record Case(String name, int code, String words, String... args) {}

  static List<Case> cases() throws Exception {
    String three = "models/three-site-example.yaml";
    Path bomb = tmp.resolve("alias-bomb.yaml");
    StringBuilder b = new StringBuilder("name: bomb\na: &a [lol, lol, lol, lol, lol, lol, lol]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      b.append(c)
          .append(": &")
          .append(c)
          .append(" [")
          .append(("*" + prev + ", ").repeat(8))
          .append('*')
          .append(prev)
          .append("]\n");
      prev = c;
    }
    Files.writeString(bomb, b.toString());
    Path deep = tmp.resolve("deep.yaml");
    Files.writeString(deep, "name: deep\nx: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
    Path huge = tmp.resolve("huge.yaml");
    try (var out = Files.newOutputStream(huge)) {
      out.write("name: huge\n".getBytes());
      byte[] chunk = ("#" + " ".repeat(1022) + "\n").getBytes();
      for (int i = 0; i < 50 * 1024; i++) {
        out.write(chunk);
      }
    }
    Path heavy = tmp.resolve("heavy.yaml");
    Files.writeString(
        heavy,
        "name: heavy\nsites:\n  a: {fault: {ttf: \"weibull(shape=0.02, scale=1e-60h)\","
            + " outage: \"fixed(1e-300h)\"}}\nservices:\n  s: {deploy: {a: 1}}\n");
    Path chain = tmp.resolve("chain.yaml");
    StringBuilder c = new StringBuilder("name: chain\nsites:\n  a: {}\nservices:\n");
    for (int i = 0; i < 7000; i++) {
      c.append("  s").append(i).append(": {deploy: {a: 1}");
      c.append(i < 6999 ? ", requires: [s" + (i + 1) + "]}\n" : "}\n");
    }
    Files.writeString(chain, c.toString());
    Path blocker = tmp.resolve("blocker");
    Files.writeString(blocker, "a file where a folder should be");
    Path dangling = tmp.resolve("dangling");
    Files.deleteIfExists(dangling);
    Files.createSymbolicLink(dangling, tmp.resolve("nowhere"));
    Path loop = tmp.resolve("loop");
    Files.deleteIfExists(loop);
    Files.createSymbolicLink(loop, loop);
    Path foreign = Files.createDirectories(tmp.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "a user's file");
    Path wide = MemoryTest.wideModel(tmp, 110, 50);
    return List.of(
        new Case("unknown option", 2, "Unknown option", "run", "--frobnicate"),
        new Case(
            "a requires chain of 7,000 services (24.5 million closure pairs)",
            2,
            "the services' dependencies are too deep",
            "run",
            chain.toString(),
            "--trials",
            "1",
            "--out",
            tmp.resolve("chain-out").toString()),
        new Case(
            "an empty --out",
            2,
            "output folder : an empty name is not a folder",
            "run",
            three,
            "--out",
            ""),
        new Case(
            "draws far more events than the estimate of its mean",
            2,
            "a trial drew more than 2,000,000 hazard events (the last fault@a",
            "run",
            heavy.toString(),
            "--trials",
            "2",
            "--charts",
            "none",
            "--out",
            tmp.resolve("heavy-out").toString()),
        new Case("an @file argument is a file name", 2, "@/tmp: no such file", "validate", "@/tmp"),
        new Case(
            "an @file argument never reads it",
            2,
            "@/dev/zero: no such file",
            "validate",
            "@/dev/zero"),
        new Case(
            "misspelt option",
            2,
            "Unknown option: '--trails', did you mean --trials?",
            "run",
            "--trails",
            "5"),
        new Case("option without its value", 2, "Missing required parameter", "run", "--trials"),
        new Case("no command", 2, "a command is required"),
        new Case("unknown command", 2, "Unmatched argument", "simulate"),
        new Case("zero trials", 2, "--trials must be", "run", three, "--trials", "0"),
        new Case("negative trials", 2, "--trials must be", "run", three, "--trials", "-5"),
        new Case(
            "non-numeric trials",
            2,
            "firedrill run: --trials must be a whole number from 1 to 1099511627776, got 'many'",
            "run",
            three,
            "--trials",
            "many"),
        new Case(
            "trials beyond 2^63",
            2,
            "firedrill run: --trials must be a whole number from 1 to 1099511627776, got"
                + " '9223372036854775808'",
            "run",
            three,
            "--trials",
            "9223372036854775808"),
        new Case(
            "fractional trials",
            2,
            "firedrill run: --trials must be a whole number from 1 to 1099511627776, got '1.5'",
            "run",
            three,
            "--trials",
            "1.5"),
        new Case(
            "trials with a Java suffix",
            2,
            "firedrill run: --trials must be a whole number from 1 to 1099511627776, got '100d'",
            "run",
            three,
            "--trials",
            "100d"),
        new Case(
            "seed beyond 2^63 - 1",
            2,
            "firedrill run: --seed must be a whole number from 0 to 9223372036854775807, got"
                + " '9.3e18'",
            "run",
            three,
            "--seed",
            "9.3e18"),
        new Case(
            "threads beyond the limit",
            2,
            "firedrill run: --threads must be a whole number from 1 to 1024, got '1e6'",
            "run",
            three,
            "--threads",
            "1e6"),
        new Case(
            "negative outages",
            2,
            "firedrill run: --outages must be a whole number from 0 to 2147483647, got '-1'",
            "run",
            three,
            "--outages",
            "-1"),
        new Case(
            "outages beyond 2^31 - 1",
            2,
            "firedrill run: --outages must be a whole number from 0 to 2147483647, got '3e9'",
            "run",
            three,
            "--outages",
            "3e9"),
        new Case(
            "points beyond the limit",
            2,
            "firedrill scenario: --points must be a whole number from 500 to 100001, got '1e6'",
            "scenario",
            three,
            "--event",
            "fire@east",
            "--points",
            "1e6"),
        new Case(
            "horizon whose number times its unit overflows",
            2,
            "firedrill run: --horizon 1e308d: '1e308d' is too large to compute with (above 1.8e308"
                + " hours)",
            "run",
            three,
            "--horizon",
            "1e308d"),
        new Case(
            "horizon beyond 100,000 years",
            2,
            "firedrill run: --horizon must be at most 100000y, got 200000y",
            "run",
            three,
            "--horizon",
            "200000y"),
        new Case(
            "--at with a word that only begins like a day",
            2,
            "firedrill scenario: --at 'monkey 10:00': 'monkey' is not a day of the week (expected"
                + " mon, tue, wed, thu, fri, sat, sun or the full name, such as sat 15:30)",
            "scenario",
            three,
            "--event",
            "fire@east",
            "--at",
            "monkey 10:00"),
        new Case(
            "--at hour 24",
            2,
            "firedrill sweep: --at 'sat 24:00': '24:00' is not a time of day (expected H:MM or HH:MM"
                + " from 0:00 to 23:59, such as 15:30)",
            "sweep",
            three,
            "--vary",
            "services.talk.standby.west=0..8000:4000",
            "--event",
            "fire@east",
            "--at",
            "sat 24:00"),
        new Case(
            "--target in days with a Java suffix",
            2,
            "firedrill size: --target: unknown time unit 'D' in '2D' (units: s, m, h, d, w, y; write 2d);"
                + " recover_h takes a duration such as 24h, 90m or 1d, or a number of hours",
            "size",
            three,
            "--event",
            "fire@east",
            "--vary",
            "services.talk.standby.west",
            "--target",
            "talk.recover_h.p99 <= 2D"),
        new Case(
            "--target count in minutes",
            2,
            "firedrill size: --target: '10m' is not a number such as 2000, 12K or 48M; user_hours"
                + " takes a count such as 1000, 2.5K, 10M or 1e6",
            "size",
            three,
            "--vary",
            "services.talk.standby.west",
            "--target",
            "talk.user_hours.p99 <= 10m"),
        new Case(
            "--vary with an unknown unit",
            2,
            "firedrill sweep: --vary sites.east.ups=1..2:1q: unknown unit 'q' in '1q' (units: s, m,"
                + " h, d, w, y, /y, /d, /h, K, M or none)",
            "sweep",
            three,
            "--vary",
            "sites.east.ups=1..2:1q"),
        new Case(
            "--vary over 2^31 points",
            2,
            "firedrill sweep: --vary services.talk.users=0..2147483647:1: 2147483648 points (at most"
                + " 1000)",
            "sweep",
            three,
            "--vary",
            "services.talk.users=0..2147483647:1"),
        new Case(
            "two --vary with more than 1000 points in all",
            2,
            "firedrill sweep: --vary: 2000 points in all (at most 1000)",
            "sweep",
            three,
            "--vary",
            "services.talk.users=0..999:1",
            "--vary",
            "services.auth.users=0..1:1"),
        new Case(
            "--vary of the seed",
            2,
            "firedrill sweep: --vary seed=1..3:1: seed is a run setting, not a model parameter"
                + " (seed, trials and horizon are run settings: sweep and size run every point on the"
                + " same trials); use --seed",
            "sweep",
            three,
            "--vary",
            "seed=1..3:1"),
        new Case(
            "size --vary of the horizon",
            2,
            "firedrill size: --vary horizon: horizon is a run setting, not a model parameter (seed,"
                + " trials and horizon are run settings: sweep and size run every point on the same"
                + " trials); use --horizon",
            "size",
            three,
            "--vary",
            "horizon",
            "--target",
            "talk.downtime_h.mean <= 1"),
        new Case(
            "size over more than 2^53 points",
            2,
            "firedrill size: --min/--max/--step: 10000000000000001 points (at most"
                + " 9007199254740992, 2^53; give a larger --step)",
            "size",
            three,
            "--vary",
            "services.talk.users",
            "--target",
            "talk.downtime_h.mean <= 1",
            "--max",
            "1e16"),
        new Case(
            "--set through a site the model does not have",
            2,
            "--set sites.nowhere.ups=5m: sites.nowhere: unknown site 'nowhere' (known: east, west, north);"
                + " to add a site give it whole: --set 'sites.nowhere={...}'",
            "run",
            three,
            "--set",
            "sites.nowhere.ups=5m"),
        new Case(
            "trials beyond the limit",
            2,
            "from 1 to 1099511627776",
            "run",
            three,
            "--trials",
            "2000000000000"),
        new Case(
            "zero threads",
            2,
            "firedrill run: --threads must be a whole number from 1 to 1024, got '0'",
            "run",
            three,
            "--threads",
            "0"),
        new Case("bad horizon", 2, "--horizon", "run", three, "--horizon", "-3y"),
        new Case("bad chart format", 2, "--charts must be", "run", three, "--charts", "gif"),
        new Case("--set without =", 2, "expected PATH=VALUE", "validate", three, "--set", "seed"),
        new Case(
            "--set with a bad path", 2, "is not a key path", "validate", three, "--set", "..=1"),
        new Case(
            "--vary without a range",
            2,
            "expected PATH=FROM..TO:STEP",
            "sweep",
            three,
            "--vary",
            "services.talk.standby.west"),
        new Case(
            "--vary with a bad step",
            2,
            "STEP must be positive",
            "sweep",
            three,
            "--vary",
            "services.talk.standby.west=0..10:0"),
        new Case(
            "--target malformed",
            2,
            "expected SERVICE.METRIC.STAT",
            "size",
            three,
            "--vary",
            "services.talk.standby.west",
            "--target",
            "talk.downtime_h"),
        new Case(
            "--target unknown statistic",
            2,
            "unknown statistic 'p42'",
            "size",
            three,
            "--vary",
            "services.talk.standby.west",
            "--target",
            "talk.downtime_h.p42 <= 3"),
        new Case("scenario without --event", 2, "Missing required option", "scenario", three),
        new Case("missing model file", 2, "no such file", "validate", "no/such.yaml"),
        new Case("a directory as model", 2, "is a directory", "validate", "models"),
        new Case(
            "unwritable --out",
            2,
            "output folder " + blocker.resolve("sub") + ": " + blocker + " is a file, not a folder",
            "run",
            three,
            "--trials",
            "100",
            "--out",
            blocker.resolve("sub").toString()),
        // Checked before simulating: 10^12 trials would take hours.
        new Case(
            "--out is a file",
            2,
            "output folder " + blocker + ": is a file, not a folder",
            "run",
            three,
            "--trials",
            "1000000000000",
            "--out",
            blocker.toString()),
        new Case(
            "--out is a device",
            2,
            "output folder /dev/null: is not a folder (a device or other special file)",
            "scenario",
            three,
            "--event",
            "fire@east",
            "--out",
            "/dev/null"),
        new Case(
            "--out is a dangling link",
            2,
            "is a symbolic link to " + tmp.resolve("nowhere") + ", which does not exist",
            "sweep",
            three,
            "--vary",
            "services.talk.standby.west=0..10:10",
            "--out",
            dangling.toString()),
        new Case(
            "--out is a link loop",
            2,
            "is a symbolic link that leads back to itself (a loop)",
            "size",
            three,
            "--vary",
            "services.talk.standby.west",
            "--target",
            "talk.downtime_h.mean <= 3",
            "--out",
            loop.toString()),
        new Case(
            "--out holds a file firedrill did not write",
            2,
            "holds notes.txt, which firedrill did not write",
            "run",
            three,
            "--out",
            foreign.toString()),
        new Case(
            "--label that cannot name a folder",
            2,
            "--label '../x': use up to 100 ASCII letters, digits",
            "run",
            three,
            "--label",
            "../x"),
        new Case(
            "file name the system cannot encode",
            2,
            "cannot be represented in the system's encoding",
            "validate",
            "\uD800.yaml"),
        new Case(
            "--out the system cannot encode",
            2,
            "cannot be represented in the system's encoding",
            "run",
            three,
            "--out",
            "\uD800"),
        new Case("file name with a NUL", 2, "contains a NUL character", "validate", "a\0b.yaml"),
        new Case(
            "a device as model",
            2,
            "/dev/zero: file is too large: more than 4194304 bytes",
            "validate",
            "/dev/zero"),
        new Case(
            "recovery curves beyond memory",
            2,
            "not enough memory: the recovery curves (100001 points × 160 series",
            "scenario",
            wide.toString(),
            "--event",
            "fault@site0",
            "--points",
            "100001"),
        new Case("YAML alias bomb", 2, "aliases", "validate", bomb.toString()),
        new Case("10,000-deep nesting", 2, "malformed YAML", "validate", deep.toString()),
        new Case("50 MB file", 2, "file is too large", "validate", huge.toString()),
        new Case(
            "too many events per trial",
            2,
            "hazard events per trial",
            "run",
            three,
            "--set",
            "networks.carrier-a={rate: 1000/h, outage: \"fixed(1s)\"}"),
        new Case("fit of a missing column", 2, "no column", "fit", three, "--column", "x"),
        new Case(
            "bias of an unknown hazard",
            2,
            "--bias: unknown hazard 'fire@est', did you mean 'fire@east'?",
            "run",
            three,
            "--bias",
            "fire@est=x5"),
        new Case(
            "bias without x",
            2,
            "the factor is x followed by a number from 1e-6 to 1e6",
            "run",
            three,
            "--bias",
            "fire@east=50"),
        new Case(
            "bias of NaN",
            2,
            "the factor is x followed by a number",
            "run",
            three,
            "--bias",
            "fire@east=xNaN"),
        new Case(
            "bias beyond 1e6",
            2,
            "the factor is x followed by a number",
            "run",
            three,
            "--bias",
            "fire@east=x1e7"),
        new Case(
            "bias without a factor",
            2,
            "write HAZARD=xFACTOR",
            "run",
            three,
            "--bias",
            "fire@east"),
        new Case(
            "bias given twice",
            2,
            "--bias fire@east is given twice",
            "run",
            three,
            "--bias",
            "fire@east=x5",
            "--bias",
            "fire@east=x6"),
        new Case(
            "bias with outages",
            2,
            "--bias with --outages",
            "run",
            three,
            "--bias",
            "fire@east=x5",
            "--outages",
            "10"),
        new Case(
            "bias of a lognormal time to failure",
            2,
            "only an exponential (rate) or weibull time to failure can be tilted",
            "run",
            three,
            "--set",
            "sites.east.fault.rate=null",
            "--set",
            "sites.east.fault.ttf=lognormal(median=1y, p90=3y)",
            "--bias",
            "fault@east=x5"),
        new Case(
            "rare event of no form",
            2,
            "--rare 'talk': expected SERVICE.METRIC > X",
            "run",
            three,
            "--rare",
            "talk"),
        new Case(
            "rare event of an unknown service",
            2,
            "--rare: unknown service 'nope'",
            "run",
            three,
            "--rare",
            "nope.downtime_h > 1h"),
        new Case(
            "rare event of a scenario metric",
            2,
            "--rare: unknown metric 'recover_h' (metrics of a run:",
            "run",
            three,
            "--rare",
            "talk.recover_h > 1h"),
        new Case(
            "rare event of a bad value",
            2,
            "downtime_h takes a duration",
            "run",
            three,
            "--rare",
            "talk.downtime_h > soon"),
        new Case(
            "bias auto without an event",
            2,
            "give --rare SERVICE.METRIC > X",
            "run",
            three,
            "--bias",
            "fire@east=auto"),
        new Case(
            "bias auto of an outage",
            2,
            "only a rate is chosen automatically",
            "run",
            three,
            "--rare",
            "talk.downtime_h > 1h",
            "--bias",
            "fire@east.outage=auto"));
  }

  @TestFactory
  Stream<DynamicTest> everyCase_exitsWithOneLine_inBoundedTime() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      tests.add(
          DynamicTest.dynamicTest(
              c.name(),
              () -> {
                Cli.Result r =
                    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> Cli.run(c.args()));
                assertEquals(c.code(), r.code(), r::toString);
                assertEquals(1, r.errLines().size(), () -> "one line:\n" + r);
                assertTrue(
                    r.err().contains(c.words()), () -> "expected '" + c.words() + "' in " + r);
                assertFalse(
                    r.err().contains("Exception") || r.err().contains("\tat "), r::toString);
                assertEquals("", r.out(), r::toString);
              }));
    }
    assertTrue(tests.size() >= 38);
    return tests.stream();
  }
}
