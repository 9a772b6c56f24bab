package io.firedrill.cli;

import io.firedrill.dist.Units;
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
      description = "Time unit of the values: s, m, h (default), d, w or y.")
  String unit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String family = dist.toLowerCase(Locale.ROOT);
    if (!family.equals("auto") && !Fit.FAMILIES.contains(family)) {
      throw new UsageException(
          "--dist must be one of "
              + String.join(", ", Fit.FAMILIES)
              + " or auto, got '"
              + dist
              + "'");
    }
    double hoursPer = unit.length() == 1 ? Units.hoursPer(unit.charAt(0)) : Double.NaN;
    if (Double.isNaN(hoursPer)) {
      throw new UsageException("--unit must be one of s, m, h, d, w, y, got '" + unit + "'");
    }
    double[] x = read(file, column, hoursPer);
    List<Fit.Result> results;
    try {
      results = family.equals("auto") ? Fit.fitAll(x) : List.of(Fit.fit(family, x));
    } catch (IllegalArgumentException e) {
      throw new UsageException(file + ": column '" + column + "': " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%d values of %s in %s (in hours)%s%n",
        x.length,
        column,
        file,
        results.size() > 1 ? ", ranked by AIC" : "");
    for (Fit.Result r : results) {
      out.printf(
          Locale.ROOT,
          "  \"%s\"%n      log-likelihood %s, AIC %s, Kolmogorov–Smirnov D = %s (p = %s)%n",
          r.distribution().syntax(),
          Numbers.brief(r.logLikelihood(), 6),
          Numbers.brief(r.aic(), 6),
          Numbers.brief(r.ks(), 3),
          Numbers.brief(r.ksPValue(), 3));
    }
    out.println("(the p-value takes the fitted parameters as known, so it is optimistic)");
    out.flush();
    return 0;
  }

  /** The column's values in hours; one clear error naming the row for anything else. */
  static double[] read(Path file, String column, double hoursPer) {
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
        if (!(v > 0) || !Double.isFinite(v)) {
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
        values.add(v * hoursPer);
      }
    } catch (NoSuchFileException e) {
      throw new UsageException(file + ": no such file");
    } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
      throw new UsageException(
          file + ": not a readable CSV file (" + io.firedrill.report.AtomicFiles.reason(e) + ")");
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
