package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every number a user reads is written with ASCII digits and '.' whatever the JVM's locale (Arabic:
 * native digits; German: decimal comma): console, CSV, JSON and charts. Charts draw their text as
 * outlines, so they are compared as images with the same run under {@link Locale#ROOT}.
 */
class LocaleTest {
  /** A digit other than 0-9: Arabic-Indic, Extended Arabic-Indic, Devanagari, ... */
  static final Pattern NATIVE_DIGIT = Pattern.compile("[\\p{Nd}&&[^0-9]]");

  @TempDir Path tmp;

  private final Locale saved = Locale.getDefault();

  @AfterEach
  void restore() {
    Locale.setDefault(saved);
  }

  /** The commands of this test, writing into {@code dir}. */
  static List<String[]> commands(Path dir) {
    String three = "models/three-site-example.yaml";
    return List.of(
        new String[] {"validate", three},
        new String[] {
          "run",
          three,
          "--trials",
          "5000",
          "--outages",
          "20",
          "--per-trial",
          "--out",
          dir.resolve("run").toString()
        },
        new String[] {
          "run",
          three,
          "--trials",
          "5000",
          "--charts",
          "svg",
          "--out",
          dir.resolve("run-svg").toString()
        },
        new String[] {
          "scenario",
          three,
          "--event",
          "fire@east",
          "--trials",
          "3000",
          "--out",
          dir.resolve("scenario").toString()
        },
        new String[] {
          "sweep",
          three,
          "--vary",
          "services.talk.standby.west=0..12000:6000",
          "--trials",
          "3000",
          "--out",
          dir.resolve("sweep").toString()
        },
        new String[] {
          "size",
          three,
          "--vary",
          "services.talk.standby.west",
          "--target",
          "talk.downtime_h.mean <= 0.7",
          "--trials",
          "3000",
          "--out",
          dir.resolve("size").toString()
        });
  }

  /** Runs every command under {@code locale}; returns their console text. */
  static String runAll(Locale locale, Path dir) {
    Locale.setDefault(locale);
    StringBuilder console = new StringBuilder();
    for (String[] args : commands(dir)) {
      Cli.Result r = Cli.run(args);
      assertEquals(0, r.code(), () -> String.join(" ", args) + "\n" + r);
      console.append(r.out()).append(r.err());
    }
    return console.toString();
  }

  static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void arabicAndGermanLocales_printAsciiDigits_andDrawTheSameCharts() throws Exception {
    String root = runAll(Locale.ROOT, tmp.resolve("root"));
    for (Locale locale : List.of(new Locale("ar", "EG"), Locale.GERMANY)) {
      Path dir = tmp.resolve(locale.toLanguageTag());
      String console = runAll(locale, dir);
      assertFalse(NATIVE_DIGIT.matcher(console).find(), locale + ":\n" + console);
      assertTrue(console.contains("5000 trials of 1y"), console);
      List<String> differing = new ArrayList<>();
      for (Path f : files(dir)) {
        String name = f.getFileName().toString();
        Path same = tmp.resolve("root").resolve(dir.relativize(f));
        if (name.endsWith(".csv") || name.endsWith(".json")) {
          String text = Files.readString(f);
          assertFalse(NATIVE_DIGIT.matcher(text).find(), f.toString());
          if (name.endsWith(".csv")) {
            assertEquals(Files.readString(same), text, f.toString());
          }
        } else if (name.endsWith(".png")) {
          if (!java.util.Arrays.equals(Files.readAllBytes(same), Files.readAllBytes(f))) {
            differing.add(f.toString());
          }
        } else if (name.endsWith(".svg")) {
          // Identical but for the random ids of clipping paths.
          assertEquals(withoutIds(Files.readString(same)), withoutIds(Files.readString(f)), name);
        }
      }
      assertEquals(List.of(), differing, "charts drawn differently under " + locale);
    }
    // The console figures do not depend on the locale either, apart from timings.
    assertEquals(
        withoutTimings(root),
        withoutTimings(runAll(new Locale("ar", "EG"), tmp.resolve("again")))
            .replace("again", "root"));
  }

  private static String withoutIds(String svg) {
    return svg.replaceAll("clip[0-9]+", "clip");
  }

  private static String withoutTimings(String console) {
    return console
        .replaceAll("(?m)^[0-9]+ (points × [0-9]+ )?trials in .*$", "")
        .replaceAll("\\(([0-9]+) points? visited in [^)]*\\)", "($1 points visited)");
  }

  @Test
  void runUnderArabic_printsItsHeaderWithAsciiDigits() throws Exception {
    Locale.setDefault(new Locale("ar", "EG"));
    Cli.Result r =
        Cli.run(
            "run",
            "models/three-site-example.yaml",
            "--trials",
            "3000",
            "--charts",
            "none",
            "--out",
            tmp.resolve("x").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        r.out().startsWith("three-site-example: run, 3000 trials of 1y, seed 42, "), r::toString);
    assertFalse(NATIVE_DIGIT.matcher(Files.readString(tmp.resolve("x/run.json"))).find());
  }
}
