package io.firedrill.cli;

import io.firedrill.report.Numbers;
import io.firedrill.study.Fit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code firedrill fit FILE.csv --column C}: a maximum-likelihood fit of a duration distribution to
 * incident data, printed in model syntax ready to paste.
 */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    versionProvider = Firedrill.Version.class,
    description = {
      "Fit a duration distribution to a column of a CSV file (with a header row) by maximum"
          + " likelihood and print it in model syntax, with log-likelihood, AIC and a"
          + " Kolmogorov–Smirnov statistic and p-value. --dist auto fits every family and ranks"
          + " them by AIC."
    })
final class FitCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.csv", description = "CSV file with a header row.")
  Path file;

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
      description = "Unit of the values: s, m, h (default), d, w or y.")
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
              + " or auto, got '"
              + dist
              + "'");
    }
    if (unit.length() != 1 || "smhdwy".indexOf(unit.charAt(0)) < 0) {
      throw new UsageException("--unit must be one of s, m, h, d, w, y, got '" + unit + "'");
    }
    char u = unit.charAt(0);
    double[] x = read(file, column, u);
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
      throw new UsageException(file + ": column '" + column + "': " + which + e.getMessage());
    }
    String unitName = UNIT_NAMES["smhdwy".indexOf(u)];
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%d values of %s in %s (in %s)%s%n",
            x.length,
            column,
            file,
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

  /** The column's values in {@code unit}; one clear error naming the row for anything else. */
  static double[] read(Path file, String column, char unit) {
    List<Double> values = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file);
        CSVParser csv =
            CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .get()
                .parse(r)) {
      if (!csv.getHeaderMap().containsKey(column)) {
        throw new UsageException(
            file
                + ": no column '"
                + column
                + "' (columns: "
                + String.join(", ", csv.getHeaderNames())
                + ")");
      }
      for (CSVRecord rec : csv) {
        long row = rec.getRecordNumber() + 1;
        if (!rec.isSet(column)) {
          throw new UsageException(file + ":" + row + ": column '" + column + "' is missing");
        }
        String text = rec.get(column).strip();
        double v;
        try {
          v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new UsageException(
              file + ":" + row + ": column '" + column + "': '" + text + "' is not a number");
        }
        if (!(v >= Fit.MIN_VALUE && v <= Fit.MAX_VALUE)) {
          throw new UsageException(
              file
                  + ":"
                  + row
                  + ": column '"
                  + column
                  + "': "
                  + text
                  + " is not a positive duration");
        }
        values.add(v);
      }
    } catch (NoSuchFileException e) {
      throw new UsageException(file + ": no such file");
    } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
      throw new UsageException(file + ": not a readable CSV file (" + e.getMessage() + ")");
    }
    if (values.size() < 3) {
      throw new UsageException(
          file
              + ": column '"
              + column
              + "' has "
              + values.size()
              + " values; a fit needs at least 3");
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
