package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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

  // --- Reading data as users write it --------------------------------------------------------

  /**
   * Runs fit on {@code text} and returns its one error line, after checking exit 2 and no output.
   */
  String refusal(String text, String... options) throws Exception {
    Path f = tmp.resolve("incidents.csv");
    Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
    String[] args = new String[3 + options.length];
    args[0] = "fit";
    args[1] = f.toString();
    args[2] = "--column=d";
    System.arraycopy(options, 0, args, 3, options.length);
    Cli.Result r = Cli.run(args);
    assertEquals(2, r.code(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    String prefix = "firedrill fit: " + f;
    assertTrue(r.err().startsWith(prefix), r::toString);
    return r.errLines().get(0).substring(prefix.length());
  }

  @Test
  void values_useTheModelSyntax_plainNumbersInUnitOrDurationsWithTheirOwn() throws Exception {
    // 5d was read as 5 hours (Java's number syntax took 'd' for double); 90m was refused.
    Path f = csv("mixed.csv", "id,d\n1,5d\n2,90m\n3,1.5h\n4,2\n5, 30s \n6,1e1\n");
    assertArrayEquals(
        new double[] {120, 1.5, 1.5, 2, 30.0 / 3600, 10}, FitCommand.read(f, "d", 'h'), "hours");
    assertArrayEquals(
        new double[] {7200, 90, 90, 2, 0.5, 10}, FitCommand.read(f, "d", 'm'), "minutes");
  }

  @Test
  void valuesOutsideTheModelSyntax_areRefusedNamingLineAndColumn() throws Exception {
    String hint =
        "' is not a duration (write a number in hours, or one with its unit: 90m, 1.5h, 2d;"
            + " units s, m, h, d, w, y)";
    assertEquals(":3:3: column 'd': '2f" + hint, refusal("id,d\n1,1\n2,2f\n3,3\n"));
    assertEquals(":3:3: column 'd': '0x1p3" + hint, refusal("id,d\n1,1\n2,0x1p3\n3,3\n"));
    assertEquals(":3:3: column 'd': '2D" + hint, refusal("id,d\n1,1\n2,2D\n3,3\n"));
    assertEquals(":3:3: column 'd': '1,5" + hint, refusal("id,d\n1,1\n2,\"1,5\"\n3,3\n"));
    assertEquals(":3:3: column 'd': 'Infinity" + hint, refusal("id,d\n1,1\n2,Infinity\n3,3\n"));
    assertEquals(
        ":3:3: column 'd': -3 is not a positive duration", refusal("id,d\n1,1\n2,-3\n3,3\n"));
    assertEquals(
        ":3:3: column 'd': 0 is not a positive duration", refusal("id,d\n1,1\n2,0\n3,3\n"));
    assertEquals(
        ":3:3: column 'd': 1e400 is too large (fit takes values from 1e-300 to 1e300 hours)",
        refusal("id,d\n1,1\n2,1e400\n3,3\n"));
    assertEquals(
        ":3:3: column 'd': 1e308w is too large (fit takes values from 1e-300 to 1e300 hours)",
        refusal("id,d\n1,1\n2,1e308w\n3,3\n"));
    assertEquals(
        ":3:3: column 'd': 1e-301 is too small (fit takes values from 1e-300 to 1e300 minutes)",
        refusal("id,d\n1,1\n2,1e-301\n3,3\n", "--unit", "m"));
  }

  /**
   * The reason given is the real one: 1e-320 was called "too large", and an Arabic-Indic ٣, which
   * BigDecimal reads, was accepted as a number and then called "too large" too.
   */
  @Test
  void subnormalValuesAndDigitsOfOtherScripts_getTheirOwnReason() throws Exception {
    assertEquals(
        ":3:3: column 'd': 1e-320 is too small (fit takes values from 1e-300 to 1e300 hours)",
        refusal("id,d\n1,1\n2,1e-320\n3,3\n"));
    assertEquals(
        ":3:3: column 'd': 1e-320h is too small (fit takes values from 1e-300 to 1e300 hours)",
        refusal("id,d\n1,1\n2,1e-320h\n3,3\n"));
    assertEquals(
        ":3:3: column 'd': 1e99999999999 is too large (fit takes values from 1e-300 to 1e300"
            + " hours)",
        refusal("id,d\n1,1\n2,1e99999999999\n3,3\n"));
    Path f = tmp.resolve("arabic.csv");
    Files.writeString(f, "id,d\n1,1\n2,\u0663\n3,3\n");
    Cli.Result r = Cli.run("fit", f.toString(), "--column=d");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill fit: "
                + f
                + ":3:3: column 'd': '\u0663' is not a duration (digits are 0 to 9 only; write a"
                + " number in hours, or one with its unit: 90m, 1.5h, 2d; units s, m, h, d, w, y)"),
        r.errLines());
  }

  /** A cell of 200,000 digits took 199 s; it is refused by its length, quoting 64 characters. */
  @Test
  void aCellOfAMillionDigits_isRefusedAtOnce_quotingSixtyFourCharacters() throws Exception {
    String ones = "1".repeat(200_000);
    String line =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> refusal("id,d\n1,1\n2," + ones + "\n3,3\n"));
    assertEquals(
        ":3:3: column 'd': '"
            + "1".repeat(64)
            + "…' is not a duration (longer than 100 characters; write a number in hours, or one"
            + " with its unit: 90m, 1.5h, 2d; units s, m, h, d, w, y)",
        line);
  }

  @Test
  void aRowWithMoreOrFewerFieldsThanTheHeader_isRefused() throws Exception {
    // An unquoted 1,5 read as 1: its 5 went into a column without a name.
    assertEquals(
        ":3:3: this row has 2 fields but the header has 1 (write decimals with a point, 1.5, or"
            + " quote a value with commas: \"1,5\")",
        refusal("d\n1\n1,5\n3\n"));
    assertEquals(
        ":3:2: this row has 1 field but the header has 2", refusal("d,note\n1,a\n2\n3,c\n"));
  }

  @Test
  void aColumnNamedTwice_isRefused() throws Exception {
    assertEquals(
        ":1:5: the header names column 'd' twice (fields 1 and 3): rename one",
        refusal("d,x,d\n1,2,3\n2,1,5\n3,4,4\n"));
    // Another name twice is no ambiguity for column d.
    Path f = csv("other.csv", "x,d,x\n1,2,3\n2,1,5\n3,4,4\n");
    assertArrayEquals(new double[] {2, 1, 4}, FitCommand.read(f, "d", 'h'));
  }

  @Test
  void aByteOrderMark_isSkipped() throws Exception {
    // Excel's "CSV UTF-8" starts with EF BB BF, which hid the first column's name.
    Path f = tmp.resolve("excel.csv");
    Files.write(f, "\uFEFFd,x\n1,2\n2,1\n3,4\n".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(new double[] {1, 2, 3}, FitCommand.read(f, "d", 'h'));
  }

  @Test
  void emptyLines_areSkipped_andAnEmptyCellIsRefusedNamingTheRow() throws Exception {
    Path f = csv("blank.csv", "d,x\n\n1,2\n\n2,1\n3,4\n\n\n");
    assertArrayEquals(new double[] {1, 2, 3}, FitCommand.read(f, "d", 'h'));
    // Lines are counted in the file, blank ones included.
    assertEquals(
        ":5:1: column 'd': empty cell (every row needs a duration)",
        refusal("d,x\n1,2\n\n2,1\n,4\n"));
    assertEquals(
        ":4:3: column 'd': empty cell (every row needs a duration)",
        refusal("x,d\n1,2\n2,1\n3,\n"));
  }

  @Test
  void textThatIsNotUtf8_namesItsLine() throws Exception {
    // Latin-1 'é' (E9) in line 4, column 6: Java said "(Input length = 1)".
    assertEquals(
        ":4:6: not UTF-8 text (save the file as UTF-8; in Excel: CSV UTF-8)",
        refusal("d,note\n1,a\n2,b\n3,caf\u00e9\n"));
  }

  @Test
  void quotesThatDoNotClose_areRefusedNamingTheLine() throws Exception {
    String what =
        ": not valid CSV (a quoted value must end with a quote, followed by a comma or the end of"
            + " the line; a quote inside it is written twice)";
    assertEquals(":4" + what, refusal("d\n1\n2\n\"3\"x\n"));
    assertEquals(":4" + what, refusal("d\n1\n2\n\"3\n4\n"));
  }

  @Test
  void aFileWithNulBytes_isRefusedAtOnce() throws Exception {
    assertEquals(":3:2: not a text file (it contains a NUL byte)", refusal("d\n1\n2\u0000\n3\n"));
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.isReadable(zero), "no /dev/zero here");
    // It reports size 0 and never ends: it ran ~45 s into an OutOfMemoryError stack trace.
    Cli.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> Cli.run("fit", zero.toString(), "--column", "d"));
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of("firedrill fit: /dev/zero:1:1: not a text file (it contains a NUL byte)"),
        r.errLines());
  }

  @Test
  void aFileLargerThan64MiB_isRefusedAfterReading64MiB() throws Exception {
    Path big = tmp.resolve("big.csv");
    byte[] line = "1.5\n".getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big), 1 << 20)) {
      out.write("d\n".getBytes(StandardCharsets.US_ASCII));
      for (long written = 2; written <= CsvInput.MAX_BYTES; written += line.length) {
        out.write(line);
      }
    }
    assertTrue(Files.size(big) > 64L << 20);
    Cli.Result r = Cli.run("fit", big.toString(), "--column", "d");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of("firedrill fit: " + big + ": larger than 64 MiB; fit reads at most 64 MiB"),
        r.errLines());
  }

  @Test
  void moreThanTenMillionValues_areRefusedNamingTheLine() throws Exception {
    Path many = tmp.resolve("many.csv");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(many), 1 << 20)) {
      out.write("d\n".getBytes(StandardCharsets.US_ASCII));
      byte[] line = "1\n".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i <= FitCommand.MAX_VALUES; i++) {
        out.write(line);
      }
    }
    Cli.Result r = Cli.run("fit", many.toString(), "--column", "d");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill fit: "
                + many
                + ":10000002:1: more than 10,000,000 values; fit reads at most 10,000,000"),
        r.errLines());
  }

  @Test
  void aFileNameTheSystemEncodingCannotHold_isOneClearLine() throws Exception {
    // Under LANG=C the JVM cannot turn 'é' into a path; picocli printed a Java exception.
    assumeTrue(
        System.getProperty("os.name").startsWith("Linux")
            && "UTF-8".equals(System.getProperty("sun.jnu.encoding")),
        "needs a Linux test JVM with UTF-8 file names");
    Path f = csv("caf\u00e9.csv", "d\n1\n2\n3\n");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Firedrill.class.getName(),
            "fit",
            f.toString(),
            "--column",
            "d");
    pb.environment().put("LC_ALL", "C");
    pb.environment().put("LANG", "C");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM did not end");
    assertEquals(2, p.exitValue(), err);
    List<String> lines = err.lines().toList();
    assertEquals(1, lines.size(), err);
    assertTrue(
        lines.get(0).startsWith("firedrill fit: ")
            && lines
                .get(0)
                .endsWith(
                    ": not a file name this system can open (its characters do not fit the"
                        + " system's encoding; run with a UTF-8 locale, for example"
                        + " LANG=C.UTF-8)"),
        err);
  }

  @Test
  void badCsv_isOneClearLineNamingTheRow() throws Exception {
    Path f = tmp.resolve("incidents.csv");
    List<String[]> cases =
        List.of(
            new String[] {"a,b\n1,2\n3,4\n5,6\n", "c", ": no column 'c' (columns: a, b)"},
            new String[] {
              "a,b\n1,2\nx,4\n5,6\n",
              "a",
              ":3:1: column 'a': 'x' is not a duration (write a number in hours, or one with its"
                  + " unit: 90m, 1.5h, 2d; units s, m, h, d, w, y)"
            },
            new String[] {
              "a,b\n1,2\n-3,4\n5,6\n", "a", ":3:1: column 'a': -3 is not a positive duration"
            },
            new String[] {
              "a,b\n1,2\n3,4\n", "a", ": column 'a' has 2 values; a fit needs at least 3"
            },
            new String[] {"", "a", ": the file is empty (expected a header row)"});
    for (String[] c : cases) {
      Files.writeString(f, c[0]);
      Cli.Result r = Cli.run("fit", f.toString(), "--column", c[1]);
      assertEquals(2, r.code(), r::toString);
      assertEquals(List.of("firedrill fit: " + f + c[2]), r.errLines());
    }
    Cli.Result missing = Cli.run("fit", tmp.resolve("none.csv").toString(), "--column", "a");
    assertEquals(2, missing.code());
    assertEquals(
        List.of("firedrill fit: " + tmp.resolve("none.csv") + ": no such file"),
        missing.errLines());
    Cli.Result folder = Cli.run("fit", tmp.toString(), "--column", "a");
    assertEquals(2, folder.code());
    assertEquals(
        List.of("firedrill fit: " + tmp + ": is a directory, not a CSV file"), folder.errLines());
  }
}
