package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code firedrill fit}: what it prints, in which unit, and what it refuses. */
class FitCommandTest {
  @TempDir Path tmp;

  Path csv(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** The quoted distributions of a fit's output, in order. */
  static List<String> distributions(String out) {
    return out.lines()
        .filter(l -> l.startsWith("  \""))
        .map(l -> l.strip().replace("\"", ""))
        .toList();
  }

  @Test
  void header_namesTheUnitActuallyUsed() throws Exception {
    Path f = csv("near.csv", "d\n99.99\n100\n100.01\n");
    Cli.Result r = Cli.run("fit", f.toString(), "--column", "d", "--unit", "m");
    assertEquals(0, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals("3 values of d in " + f + " (in minutes), ranked by AIC", lines.get(0));
    assertEquals(
        "(log-likelihoods are of densities per minute; the p-value takes the fitted parameters"
            + " as known, so it is optimistic)",
        lines.get(lines.size() - 1));
    assertEquals(
        List.of(
            "gamma(shape=150000000, mean=1.66667h)",
            "lognormal(median=1.66667h, p90=1.66684h)",
            "weibull(shape=13949.8, scale=1.66673h)",
            "exponential(mean=1.66667h)"),
        distributions(r.out()));
  }

  @Test
  void everyDistribution_isPrintedInOneUnit() throws Exception {
    // The old output mixed units: lognormal(median=24.624h, p90=715536s).
    Path f = csv("spread.csv", "d\n2\n5\n24\n30\n200\n700\n");
    Cli.Result r = Cli.run("fit", f.toString(), "--column", "d");
    assertEquals(0, r.code(), r::toString);
    Pattern unit = Pattern.compile("=[0-9.e+-]+([smhdwy])");
    List<String> printed = distributions(r.out());
    assertEquals(4, printed.size(), r::toString);
    for (String d : printed) {
      Matcher m = unit.matcher(d);
      while (m.find()) {
        // Median 27 h: at least a day, so days.
        assertEquals("d", m.group(1), d);
      }
    }
  }

  @Test
  void theSameDataInSecondsMinutesAndHours_printTheSameDistributions() throws Exception {
    List<String> expected = null;
    String[][] files = {
      {"s", "d\n2159964\n2160000\n2160036\n"},
      {"m", "d\n35999.4\n36000\n36000.6\n"},
      {"h", "d\n599.99\n600\n600.01\n"},
    };
    for (String[] file : files) {
      Path f = csv("in-" + file[0] + ".csv", file[1]);
      Cli.Result r = Cli.run("fit", f.toString(), "--column", "d", "--unit", file[0]);
      assertEquals(0, r.code(), r::toString);
      List<String> printed = distributions(r.out());
      if (expected == null) {
        expected = printed;
      }
      assertEquals(expected, printed, "--unit " + file[0]);
    }
    // The maximum-likelihood values solved at 60 digits (fit-references.py): gamma shape
    // 5399999999.4, weibull shape 83697.64628 and scale 3.571452715 w, lognormal median
    // 3.571428571 w and p90 3.571490856 w; mean 3.571428571 w.
    assertEquals(
        List.of(
            "gamma(shape=5400000000, mean=3.57143w)",
            "lognormal(median=3.57143w, p90=3.57149w)",
            "weibull(shape=83697.6, scale=3.57145w)",
            "exponential(mean=3.57143w)"),
        expected);
  }

  @Test
  void equalValues_sayTheyAreEqualAndWhatDescribesThem() throws Exception {
    Path f = csv("equal.csv", "d\n10\n10\n10\n");
    Cli.Result r = Cli.run("fit", f.toString(), "--column", "d", "--unit", "m");
    assertEquals(2, r.code(), r::toString);
    assertEquals("", r.out());
    assertEquals(
        List.of(
            "firedrill fit: "
                + f
                + ": column 'd': all 3 values are equal to 10m: fixed(10m) describes them (a"
                + " fitted family needs values that differ)"),
        r.errLines());
  }

  @Test
  void aFamilyThatCannotDescribeTheData_isListedWithTheReason() throws Exception {
    Path f = csv("tight.csv", "d\n1000.001\n1000.002\n1000.003\n");
    Cli.Result auto = Cli.run("fit", f.toString(), "--column", "d");
    assertEquals(0, auto.code(), auto::toString);
    assertTrue(
        auto.out()
            .contains(
                "  not fitted: gamma: its shape would be above 1e10: the values differ too little"
                    + " (coefficient of variation 8.2e-7) for the data to determine it;"
                    + " fixed(5.95239w) describes them to 0.000082 %\n"),
        auto::toString);
    assertEquals(3, distributions(auto.out()).size(), auto::toString);

    Cli.Result gamma = Cli.run("fit", f.toString(), "--column", "d", "--dist", "gamma");
    assertEquals(2, gamma.code(), gamma::toString);
    assertEquals("", gamma.out());
    assertEquals(
        List.of(
            "firedrill fit: "
                + f
                + ": column 'd': gamma: its shape would be above 1e10: the values differ too"
                + " little (coefficient of variation 8.2e-7) for the data to determine it;"
                + " fixed(5.95239w) describes them to 0.000082 %"),
        gamma.errLines());
  }

  @Test
  void output_usesAsciiDigitsWhateverTheLocale() throws Exception {
    // Under ar-EG, printf printed the count in Arabic-Indic digits.
    Path f = csv("near.csv", "d\n99.99\n100\n100.01\n");
    Locale before = Locale.getDefault();
    Cli.Result r;
    try {
      Locale.setDefault(Locale.forLanguageTag("ar-EG"));
      r = Cli.run("fit", f.toString(), "--column", "d", "--unit", "m");
    } finally {
      Locale.setDefault(before);
    }
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("3 values of d in "), r::toString);
    assertTrue(r.out().chars().allMatch(c -> c < 128 || c == '–'), r::toString);
  }

  @Test
  void badCsv_isOneClearLineNamingTheRow() throws Exception {
    Path f = tmp.resolve("incidents.csv");
    List<String[]> cases =
        List.of(
            new String[] {"a,b\n1,2\n3,4\n5,6\n", "c", ": no column 'c' (columns: a, b)"},
            new String[] {"a,b\n1,2\nx,4\n5,6\n", "a", ":3: column 'a': 'x' is not a number"},
            new String[] {
              "a,b\n1,2\n-3,4\n5,6\n", "a", ":3: column 'a': -3 is not a positive duration"
            },
            new String[] {
              "a,b\n1,2\n3,4\n", "a", ": column 'a' has 2 values; a fit needs at least 3"
            });
    for (String[] c : cases) {
      Files.writeString(f, c[0]);
      Cli.Result r = Cli.run("fit", f.toString(), "--column", c[1]);
      assertEquals(2, r.code(), r::toString);
      assertEquals(List.of("firedrill fit: " + f + c[2]), r.errLines());
    }
    Cli.Result missing = Cli.run("fit", tmp.resolve("none.csv").toString(), "--column", "a");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no such file"), missing::toString);
  }
}
