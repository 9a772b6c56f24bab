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
        new Case("option without its value", 2, "Missing required parameter", "run", "--trials"),
        new Case("no command", 2, "a command is required"),
        new Case("unknown command", 2, "Unmatched argument", "simulate"),
        new Case("zero trials", 2, "--trials must be", "run", three, "--trials", "0"),
        new Case("negative trials", 2, "--trials must be", "run", three, "--trials", "-5"),
        new Case("non-numeric trials", 2, "'many' is not a long", "run", three, "--trials", "many"),
        new Case(
            "trials beyond 2^63",
            2,
            "is not a long",
            "run",
            three,
            "--trials",
            "9223372036854775808"),
        new Case(
            "trials beyond the limit",
            2,
            "from 1 to 1099511627776",
            "run",
            three,
            "--trials",
            "2000000000000"),
        new Case("zero threads", 2, "--threads must be at least 1", "run", three, "--threads", "0"),
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
            "--label '../x': use up to 100 letters, digits",
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
        new Case("fit of a missing column", 2, "no column", "fit", three, "--column", "x"));
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
