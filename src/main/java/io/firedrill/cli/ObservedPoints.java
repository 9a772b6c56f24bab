package io.firedrill.cli;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.load.ModelLoader;
import io.firedrill.load.NearNames;
import io.firedrill.plan.Plan;
import io.firedrill.report.Observation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code scenario --observed FILE}: the points of an observed timeline (a public incident's, a
 * post-mortem's) to draw on the recovery charts and compare in observed.csv (docs/outputs.md,
 * "observed.csv").
 *
 * <p>The file is CSV as {@link CsvInput} reads it, with a header naming the columns, in any order:
 * {@code series} (a service of the model, its served fraction; or a site, its share of capacity
 * back; {@code service:NAME} or {@code site:NAME} where a name is both), {@code time_h} (hours
 * after t = 0, the scenario's first event, from 0 to the horizon; or a duration with its unit,
 * {@code 90m}, {@code 2.5d}), {@code value} (a fraction from 0 to 1, or a percentage, {@code 60%}),
 * and optionally {@code fitted} ({@code yes} if a parameter of the model was set from the point,
 * {@code no}, the default, if it is out of sample) and {@code source} (a citation, any text). At
 * least one point, at most {@link #MAX_POINTS}. Any other column, and every bad cell, is one line
 * {@code file:line:col: column 'NAME': what is wrong}, exit status 2, before anything runs.
 */
final class ObservedPoints {
  /** The most points a file may hold. */
  static final int MAX_POINTS = 10_000;

  /** The longest source text kept, in characters. */
  static final int MAX_SOURCE = 1_000;

  private static final List<String> COLUMNS =
      List.of("series", "time_h", "value", "fitted", "source");

  private ObservedPoints() {}

  /**
   * The points of {@code file} (named by the option {@code --observed}) for the services and sites
   * of {@code plan}, in file order, with times within [0, {@code horizon}] hours.
   *
   * @throws UsageException for a file that cannot be read, is not CSV, lacks a column, has a column
   *     it does not know, a cell it cannot read, or no point
   */
  static Read read(String name, Plan plan, double horizon) {
    Path file = CsvInput.path(name, "--observed");
    String text = CsvInput.text(file, "--observed");
    List<Observation> points = new ArrayList<>();
    int[] column = new int[COLUMNS.size()];
    NearNames near = new NearNames();
    CsvInput.table(
        file,
        text,
        "a header row: " + String.join(",", COLUMNS),
        header -> header(file, text, header, column),
        rec -> {
          if (points.size() == MAX_POINTS) {
            throw new UsageException(
                CsvInput.at(file, text, rec, 0)
                    + "more than "
                    + String.format(Locale.ROOT, "%,d", MAX_POINTS)
                    + " points; --observed reads at most that many");
          }
          points.add(point(new Row(file, text, rec, column), plan, horizon, near));
        });
    if (points.isEmpty()) {
      throw new UsageException(CsvInput.place(file) + ": no points (only a header row)");
    }
    return new Read(
        List.copyOf(points),
        ModelLoader.sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of()));
  }

  /**
   * The points of a file, in file order, and the SHA-256 of its text as read (UTF-8, without a
   * byte-order mark), hexadecimal, for run.json.
   */
  record Read(List<Observation> points, String sha256) {}

  /** Finds each known column's field into {@code column} (−1 if absent); refuses the others. */
  private static void header(Path file, String text, CSVRecord header, int[] column) {
    for (int c = 0; c < COLUMNS.size(); c++) {
      column[c] = CsvInput.column(file, text, header, COLUMNS.get(c), c < 3);
    }
    for (int f = 0; f < header.size(); f++) {
      String h = header.get(f);
      if (!COLUMNS.contains(h)) {
        throw new UsageException(
            CsvInput.at(file, text, header, f)
                + "unknown column "
                + UserText.quote(h)
                + " (columns: "
                + String.join(", ", COLUMNS)
                + "; fitted and source may be left out)");
      }
    }
  }

  private static Observation point(Row row, Plan plan, double horizon, NearNames near) {
    String series = row.cell(0);
    boolean forceSite = series.startsWith("site:");
    boolean forceService = series.startsWith("service:");
    String bare = forceSite ? series.substring(5) : forceService ? series.substring(8) : series;
    int service = forceSite ? -1 : Arrays.asList(plan.serviceNames).indexOf(bare);
    int site = forceService ? -1 : Arrays.asList(plan.siteNames).indexOf(bare);
    if (service >= 0 && site >= 0) {
      throw row.error(
          0,
          UserText.quote(bare)
              + " is both a service and a site: write service:"
              + bare
              + " or site:"
              + bare);
    }
    if (service < 0 && site < 0) {
      List<String> known = new ArrayList<>();
      if (!forceSite) {
        known.addAll(Arrays.asList(plan.serviceNames));
      }
      if (!forceService) {
        known.addAll(Arrays.asList(plan.siteNames));
      }
      String close = null;
      for (String k : known) {
        if (k.equalsIgnoreCase(bare)) {
          close = k; // TALK for talk: nearer than any edit distance says
          break;
        }
      }
      if (close == null) {
        close = near.closest(bare, known);
      }
      throw row.error(
          0,
          (bare.isEmpty() ? "empty cell" : "no " + what(forceSite, forceService) + " named ")
              + (bare.isEmpty() ? "" : UserText.quote(bare))
              + (close != null
                  ? " (did you mean " + UserText.quote(close) + "?)"
                  : " (" + whats(forceSite, forceService) + ": " + UserText.list(known) + ")"));
    }
    double hours = hours(row, horizon);
    double value = fraction(row);
    boolean fitted = row.column[3] >= 0 && fitted(row);
    String source = row.column[4] < 0 ? "" : row.cell(4);
    if (source.codePointCount(0, source.length()) > MAX_SOURCE) {
      throw row.error(
          4, "longer than " + String.format(Locale.ROOT, "%,d", MAX_SOURCE) + " characters");
    }
    return new Observation(
        bare, site >= 0, site >= 0 ? site : service, hours, value, fitted, source);
  }

  private static String what(boolean site, boolean service) {
    return site ? "site" : service ? "service" : "service or site";
  }

  private static String whats(boolean site, boolean service) {
    return site ? "sites" : service ? "services" : "services and sites";
  }

  /** The time cell: hours, or a duration with its unit, within [0, horizon]. */
  private static double hours(Row row, double horizon) {
    String cell = row.cell(1);
    double h;
    try {
      h = FitCommand.value(cell, 1);
    } catch (SyntaxException e) {
      throw row.error(
          1,
          cell.isEmpty()
              ? "empty cell (every point needs a time)"
              : UserText.quote(cell)
                  + " is not a time (write hours, 16.5, or a duration with its unit: 90m, 2.5d)");
    }
    if (h < 0) {
      throw row.error(
          1,
          UserText.quote(cell)
              + " is before t = 0 (times are hours after the scenario's first event)");
    }
    if (!(h <= horizon)) {
      throw row.error(
          1,
          UserText.quote(cell)
              + " is outside the scenario's 0 to "
              + Units.formatDuration(horizon)
              + " (give --horizon to see later points)");
    }
    return h;
  }

  /** The value cell: a fraction in [0, 1], or a percentage from 0 % to 100 %. */
  private static double fraction(Row row) {
    String cell = row.cell(2);
    boolean percent = cell.endsWith("%");
    String number = percent ? UserText.strip(cell.substring(0, cell.length() - 1)) : cell;
    double v = Double.NaN;
    try {
      v = Units.parseNumber(number, 0, "a fraction") / (percent ? 100 : 1);
    } catch (SyntaxException e) {
      // v stays NaN: refused below
    }
    if (!(v >= 0 && v <= 1)) {
      throw row.error(
          2,
          cell.isEmpty()
              ? "empty cell (every point needs a value)"
              : UserText.quote(cell)
                  + " is not a fraction from 0 to 1 (or a percentage from 0% to 100%)");
    }
    return v;
  }

  /** The fitted cell: yes or no (true, false; empty is no). */
  private static boolean fitted(Row row) {
    String cell = row.cell(3).toLowerCase(Locale.ROOT);
    switch (cell) {
      case "yes", "true":
        return true;
      case "no", "false", "":
        return false;
      default:
        throw row.error(
            3,
            UserText.quote(row.cell(3))
                + " is not yes or no (yes: a parameter of the model was set from this point)");
    }
  }

  /** One row of the file, with where its cells are: reads a cell, refuses one in one line. */
  private record Row(Path file, String text, CSVRecord rec, int[] column) {
    /** Known column c's cell (see {@link #COLUMNS}), without surrounding spaces. */
    String cell(int c) {
      return UserText.strip(rec.get(column[c]));
    }

    /** {@code file:line:col: column 'NAME': problem}, at known column c's cell. */
    UsageException error(int c, String problem) {
      return new UsageException(
          CsvInput.at(file, text, rec, column[c])
              + "column "
              + UserText.quote(COLUMNS.get(c))
              + ": "
              + problem);
    }
  }
}
