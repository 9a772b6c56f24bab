package io.firedrill.cli;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.report.Numbers;
import io.firedrill.study.Fit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code firedrill fit FILE.csv --column C}: a maximum-likelihood fit of a duration distribution to
 * incident data, printed in model syntax ready to paste.
 *
 * <p>The file is read as {@link CsvInput} reads every CSV file a user gives (bounded, UTF-8, RFC
 * 4180, with a header row), and at most {@link #MAX_VALUES} values. Every bad input is one line
 * naming the file, line and column, and exit status 2; nothing is printed until the fit is done.
 */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    versionProvider = Firedrill.Version.class,
    description = {
      "Fit a duration distribution to a column of a CSV file (UTF-8, with a header row) by maximum"
          + " likelihood and print it in model syntax, with log-likelihood, AIC and a"
          + " Kolmogorov–Smirnov statistic and p-value. --dist auto fits every family and ranks"
          + " them by AIC; a family that cannot describe the data is listed with the reason.",
      "A value is a number in --unit (90, 1.5) or a duration with its unit (90m, 1.5h, 2d)."
    })
final class FitCommand implements Callable<Integer> {
  /** The most values fitted: 10 million. */
  static final int MAX_VALUES = 10_000_000;

  @Parameters(index = "0", paramLabel = "FILE.csv", description = "CSV file with a header row.")
  String file;

  @Option(names = "--column", required = true, paramLabel = "C", description = "Column to fit.")
  String column;

  @Option(
      names = "--dist",
      paramLabel = "FAMILY",
      defaultValue = "auto",
      description = "exponential, lognormal, weibull, gamma or auto (default).")
  String dist;

  @Option(
      names = "--unit",
      paramLabel = "U",
      defaultValue = "h",
      description =
          "Unit of plain numbers in the column, and of the fit: s, m, h (default), d, w or y."
              + " Values written with their own unit (90m) are converted to it.")
  String unit;

  @Spec CommandSpec spec;

  private static final String[] UNIT_NAMES = {
    "seconds", "minutes", "hours", "days", "weeks", "years"
  };

  @Override
  public Integer call() {
    String family = dist.toLowerCase(Locale.ROOT);
    if (!family.equals("auto") && !Fit.FAMILIES.contains(family)) {
      throw new UsageException(
          "--dist must be one of "
              + String.join(", ", Fit.FAMILIES)
              + " or auto, got "
              + UserText.quote(dist));
    }
    if (unit.length() != 1 || "smhdwy".indexOf(unit.charAt(0)) < 0) {
      throw new UsageException(
          "--unit must be one of s, m, h, d, w, y, got " + UserText.quote(unit));
    }
    char u = unit.charAt(0);
    Path path = CsvInput.path(file, null);
    double[] x = read(path, column, u);
    List<Fit.Result> fitted;
    List<Fit.Refusal> refused;
    try {
      if (family.equals("auto")) {
        Fit.Ranking ranking = Fit.fitAll(x, u);
        fitted = ranking.fitted();
        refused = ranking.refused();
      } else {
        fitted = List.of(Fit.fit(family, x, u));
        refused = List.of();
      }
    } catch (Fit.NotFittedException e) {
      String which = family.equals("auto") ? "" : family + ": ";
      throw new UsageException(
          CsvInput.place(file)
              + ": column "
              + UserText.quote(column)
              + ": "
              + which
              + e.getMessage());
    }
    String unitName = UNIT_NAMES["smhdwy".indexOf(u)];
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%d values of %s in %s (in %s)%s%n",
            x.length,
            UserText.escape(column),
            UserText.escape(file),
            unitName,
            fitted.size() > 1 ? ", ranked by AIC" : ""));
    for (Fit.Result r : fitted) {
      b.append(
          String.format(
              Locale.ROOT,
              "  \"%s\"%n      log-likelihood %s, AIC %s, Kolmogorov–Smirnov D = %s (p = %s)%n",
              r.syntax(),
              Numbers.brief(r.logLikelihood(), 6),
              Numbers.brief(r.aic(), 6),
              Numbers.brief(r.ks(), 3),
              Numbers.brief(r.ksPValue(), 3)));
    }
    for (Fit.Refusal r : refused) {
      b.append(String.format(Locale.ROOT, "  not fitted: %s: %s%n", r.family(), r.reason()));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "(log-likelihoods are of densities per %s; the p-value takes the fitted parameters"
                + " as known, so it is optimistic)%n",
            unitName.substring(0, unitName.length() - 1)));
    PrintWriter out = spec.commandLine().getOut();
    out.print(b);
    out.flush();
    return 0;
  }

  /**
   * The column's values in {@code unit}; one clear line naming the file, line and column for
   * anything else.
   */
  static double[] read(Path file, String column, char unit) {
    String text = CsvInput.text(file, "fit");
    double hoursPerUnit = Units.hoursPer(unit);
    var read =
        new Object() {
          int index;
          double[] values = new double[1024];
          int n;
        };
    CsvInput.table(
        file,
        text,
        "a header row",
        header -> read.index = CsvInput.column(file, text, header, column, true),
        rec -> {
          String cell = UserText.strip(rec.get(read.index));
          double v = Double.NaN;
          String problem;
          try {
            v = value(cell, hoursPerUnit);
            problem = problem(cell, v, unit);
          } catch (SyntaxException e) {
            problem = problem(cell, e, unit);
          }
          if (problem != null) {
            throw new UsageException(
                CsvInput.at(file, text, rec, read.index)
                    + "column "
                    + UserText.quote(column)
                    + ": "
                    + problem);
          }
          if (read.n == MAX_VALUES) {
            throw new UsageException(
                CsvInput.at(file, text, rec, read.index)
                    + "more than 10,000,000 values; fit reads at most 10,000,000");
          }
          if (read.n == read.values.length) {
            read.values = Arrays.copyOf(read.values, (int) Math.min(2L * read.n, MAX_VALUES));
          }
          read.values[read.n++] = v;
        });
    if (read.n < 3) {
      throw new UsageException(
          CsvInput.place(file)
              + ": column "
              + UserText.quote(column)
              + " has "
              + read.n
              + " values; a fit needs at least 3");
    }
    return Arrays.copyOf(read.values, read.n);
  }

  /**
   * A cell as a duration in the unit of {@code hoursPerUnit} hours: a plain number in that unit, or
   * a duration with its own unit in the model's syntax ({@code 90m}, {@code 1.5h}, {@code 2d}).
   *
   * @throws SyntaxException for an empty cell, text outside the model syntax (only ASCII digits are
   *     digits), or a value too large or too small for a double ({@link SyntaxException#problem})
   */
  static double value(String cell, double hoursPerUnit) throws SyntaxException {
    if (cell.isEmpty()) {
      throw new SyntaxException(0, "empty cell");
    }
    if (isPlainDecimal(cell)) {
      // The common case, read as Units.parseNumber would, without its checks per value.
      return Double.parseDouble(cell);
    }
    if (Character.isLetter(cell.charAt(cell.length() - 1))) {
      return Units.parseDuration(cell) / hoursPerUnit;
    }
    return Units.parseNumber(cell, 0, "a duration");
  }

  /**
   * ASCII digits with at most one decimal point among them, and not too long: a number in every
   * syntax, whose double is never zero or subnormal unless it is 0.
   */
  private static boolean isPlainDecimal(String cell) {
    if (cell.length() > 20) {
      return false;
    }
    int points = 0;
    for (int i = 0; i < cell.length(); i++) {
      char ch = cell.charAt(i);
      if (ch == '.') {
        points++;
      } else if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return points <= 1 && cell.length() > points;
  }

  /** What is wrong with a cell read as {@code v}, or null if nothing is. */
  private static String problem(String cell, double v, char unit) {
    if (!(v > 0)) {
      return UserText.bounded(cell) + " is not a positive duration";
    }
    if (!(v >= Fit.MIN_VALUE && v <= Fit.MAX_VALUE)) {
      return outOfRange(cell, v > 1, unit);
    }
    return null;
  }

  /** What is wrong with a cell that could not be read. */
  private static String problem(String cell, SyntaxException e, char unit) {
    String unitName = UNIT_NAMES["smhdwy".indexOf(unit)];
    return switch (e.problem()) {
      case TOO_LARGE -> outOfRange(cell, true, unit);
      case TOO_SMALL -> outOfRange(cell, false, unit);
      case SYNTAX ->
          cell.isEmpty()
              ? "empty cell (every row needs a duration)"
              : UserText.quote(cell)
                  + " is not a duration ("
                  + (cell.length() > Units.MAX_NUMBER_LENGTH
                      ? "longer than " + Units.MAX_NUMBER_LENGTH + " characters; "
                      : "")
                  + (cell.codePoints().anyMatch(c -> Character.isDigit(c) && c > '9')
                      ? "digits are 0 to 9 only; "
                      : "")
                  + "write a number in "
                  + unitName
                  + ", or one with its unit: 90m, 1.5h, 2d; units s, m, h, d, w, y)";
    };
  }

  private static String outOfRange(String cell, boolean large, char unit) {
    return UserText.bounded(cell)
        + " is too "
        + (large ? "large" : "small")
        + " (fit takes values from 1e-300 to 1e300 "
        + UNIT_NAMES["smhdwy".indexOf(unit)]
        + ")";
  }
}
