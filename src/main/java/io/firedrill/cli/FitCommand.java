package io.firedrill.cli;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.Numbers;
import io.firedrill.study.Fit;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
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
 *
 * <p>The file is read whole but bounded ({@link #MAX_BYTES}, {@link #MAX_VALUES}) by what is read,
 * never by the size the file system reports (devices and pipes report 0); it must be UTF-8 text (a
 * byte-order mark is skipped) in RFC 4180 CSV with a header row. Every bad input is one line naming
 * the file, line and column, and exit status 2; nothing is printed until the fit is done.
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
  /** The most bytes read from a file: 64 MiB. */
  static final long MAX_BYTES = 64L << 20;

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
    Path path = path(file);
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
          place(file) + ": column " + UserText.quote(column) + ": " + which + e.getMessage());
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

  /** The file name as a path, or one line saying why this system cannot open it. */
  private static Path path(String name) {
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new UsageException(
          place(name)
              + ": not a file name this system can open (its characters do not fit the system's"
              + " encoding; run with a UTF-8 locale, for example LANG=C.UTF-8)");
    }
  }

  /**
   * The column's values in {@code unit}; one clear line naming the file, line and column for
   * anything else.
   */
  static double[] read(Path file, String column, char unit) {
    String text = text(file);
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();
    double hoursPerUnit = Units.hoursPer(unit);
    double[] values = new double[1024];
    int n = 0;
    long lastLine = 1;
    try (CSVParser csv = CSVParser.parse(text, format)) {
      Iterator<CSVRecord> records = csv.iterator();
      if (!records.hasNext()) {
        throw new UsageException(place(file) + ": the file is empty (expected a header row)");
      }
      CSVRecord header = records.next();
      List<String> names = header.toList();
      int index = names.indexOf(column);
      if (index < 0) {
        throw new UsageException(
            place(file)
                + ": no column "
                + UserText.quote(column)
                + " (columns: "
                + UserText.list(names)
                + ")");
      }
      int again = names.subList(index + 1, names.size()).indexOf(column);
      if (again >= 0) {
        throw new UsageException(
            at(file, text, header, index + 1 + again)
                + "the header names column "
                + UserText.quote(column)
                + " twice (fields "
                + (index + 1)
                + " and "
                + (index + 2 + again)
                + "): rename one");
      }
      while (records.hasNext()) {
        CSVRecord rec = records.next();
        lastLine = csv.getCurrentLineNumber();
        if (rec.size() != names.size()) {
          throw new UsageException(
              at(file, text, rec, Math.min(rec.size(), names.size()))
                  + "this row has "
                  + rec.size()
                  + (rec.size() == 1 ? " field" : " fields")
                  + " but the header has "
                  + names.size()
                  + (rec.size() > names.size()
                      ? " (write decimals with a point, 1.5, or quote a value with commas: \"1,5\")"
                      : ""));
        }
        String cell = UserText.strip(rec.get(index));
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
              at(file, text, rec, index) + "column " + UserText.quote(column) + ": " + problem);
        }
        if (n == MAX_VALUES) {
          throw new UsageException(
              at(file, text, rec, index)
                  + "more than 10,000,000 values; fit reads at most 10,000,000");
        }
        if (n == values.length) {
          values = Arrays.copyOf(values, (int) Math.min(2L * n, MAX_VALUES));
        }
        values[n++] = v;
      }
    } catch (UncheckedIOException | IllegalStateException | IOException e) {
      // The parser's message names Java classes; keep only its line, and say what is wrong.
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("line:? (\\d+)").matcher(String.valueOf(e.getMessage()));
      throw new UsageException(
          place(file)
              + ":"
              + (m.find() ? m.group(1) : Long.toString(lastLine + 1))
              + ": not valid CSV (a quoted value must end with a quote, followed by a comma or the"
              + " end of the line; a quote inside it is written twice)");
    }
    if (n < 3) {
      throw new UsageException(
          place(file)
              + ": column "
              + UserText.quote(column)
              + " has "
              + n
              + " values; a fit needs at least 3");
    }
    return Arrays.copyOf(values, n);
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

  /**
   * The file's text: at most {@link #MAX_BYTES} bytes, refused at the first NUL byte, decoded as
   * UTF-8 (the line of the first invalid byte is named), without a leading byte-order mark.
   */
  static String text(Path file) {
    if (Files.isDirectory(file)) {
      throw new UsageException(place(file) + ": is a directory, not a CSV file");
    }
    byte[] buf = new byte[1 << 16];
    int len = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (len <= MAX_BYTES) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, MAX_BYTES + 1));
        }
        int read = in.read(buf, len, buf.length - len);
        if (read < 0) {
          break;
        }
        for (int i = len; i < len + read; i++) {
          if (buf[i] == 0) {
            throw new UsageException(
                position(file, buf, i) + "not a text file (it contains a NUL byte)");
          }
        }
        len += read;
      }
    } catch (NoSuchFileException e) {
      throw new UsageException(place(file) + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UsageException(place(file) + ": permission denied");
    } catch (IOException e) {
      throw new UsageException(place(file) + ": cannot be read (" + AtomicFiles.reason(e) + ")");
    }
    if (len > MAX_BYTES) {
      throw new UsageException(place(file) + ": larger than 64 MiB; fit reads at most 64 MiB");
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(buf, 0, len);
    CharBuffer out = CharBuffer.allocate(len);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new UsageException(
          position(file, buf, in.position())
              + "not UTF-8 text (save the file as UTF-8; in Excel: CSV UTF-8)");
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** {@code file:line:col: } of byte {@code at}, counting the column in characters. */
  private static String position(Path file, byte[] buf, int at) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (buf[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int col = new String(buf, lineStart, at - lineStart, StandardCharsets.UTF_8).length() + 1;
    return place(file) + ":" + line + ":" + col + ": ";
  }

  /** {@code file:line:col: } of field {@code field} of {@code rec} (or where it would start). */
  private static String at(Path file, String text, CSVRecord rec, int field) {
    int i = (int) rec.getCharacterPosition();
    int end = text.length();
    for (int f = 0; f < field && i < end; f++) {
      // Skip one field: a quoted value with its doubled quotes, or text up to the comma.
      while (i < end && text.charAt(i) == ' ') {
        i++;
      }
      if (i < end && text.charAt(i) == '"') {
        for (i++; i < end; i++) {
          if (text.charAt(i) == '"') {
            if (i + 1 < end && text.charAt(i + 1) == '"') {
              i++;
            } else {
              i++;
              break;
            }
          }
        }
      }
      while (i < end && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
        i++;
      }
      if (i < end && text.charAt(i) == ',') {
        i++;
      }
    }
    while (i < end && text.charAt(i) == ' ') {
      i++;
    }
    int line = lineOf(text, i);
    int lineStart = text.lastIndexOf('\n', i - 1) + 1;
    return place(file) + ":" + line + ":" + (i - lineStart + 1) + ": ";
  }

  /** A file name as messages show it: escaped, and at most its last 100 characters. */
  private static String place(Object file) {
    return UserText.boundedTail(String.valueOf(file));
  }

  /** The 1-based line of character {@code at}. */
  private static int lineOf(String text, int at) {
    int line = 1;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
