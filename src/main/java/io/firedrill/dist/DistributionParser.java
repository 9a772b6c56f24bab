package io.firedrill.dist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses the distribution syntax of docs/model-format.md, such as {@code lognormal(median=40m,
 * p90=4h)}.
 *
 * <p>Arguments may be named ({@code median=40m}) or given in the family's order ({@code
 * uniform(12h, 72h)}). Every error carries the offset of the offending argument so that the model
 * error points at its column.
 */
public final class DistributionParser {

  /** The families and their parameters in positional order; a leading '#' marks a plain number. */
  private enum Family {
    FIXED("value"),
    EXPONENTIAL("mean"),
    LOGNORMAL("median", "p90"),
    WEIBULL("#shape", "scale"),
    GAMMA("#shape", "mean"),
    UNIFORM("min", "max"),
    TRIANGULAR("min", "mode", "max");

    final String[] params;

    Family(String... params) {
      this.params = params;
    }

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    String usage() {
      StringBuilder b = new StringBuilder(word()).append('(');
      for (int i = 0; i < params.length; i++) {
        String p = params[i];
        b.append(i > 0 ? ", " : "").append(p.startsWith("#") ? p.substring(1) + "=X" : p + "=D");
      }
      return b.append(')').toString();
    }
  }

  /** The family names, for messages. */
  public static final String FAMILIES =
      "fixed, exponential, lognormal, weibull, gamma, uniform, triangular";

  private DistributionParser() {}

  /** Parses {@code text} into a distribution of durations in hours. */
  public static Distribution parse(String text) throws SyntaxException {
    int open = text.indexOf('(');
    String name = UserText.strip(open < 0 ? text : text.substring(0, open));
    int nameAt = UserText.leadingBlanks(text);
    Family family = null;
    for (Family f : Family.values()) {
      if (f.word().equals(name)) {
        family = f;
      }
    }
    if (family == null) {
      if (open < 0 && looksLikeDuration(name)) {
        throw new SyntaxException(
            nameAt,
            "expected a distribution, not a bare duration (write fixed("
                + UserText.bounded(name)
                + ") for a constant)");
      }
      throw new SyntaxException(
          nameAt, "unknown distribution " + UserText.quote(name) + " (families: " + FAMILIES + ")");
    }
    if (open < 0) {
      throw new SyntaxException(
          text.length(), "expected '(' after " + name + ": " + family.usage());
    }
    int close = text.lastIndexOf(')');
    if (close < open || !UserText.strip(text.substring(close + 1)).isEmpty()) {
      throw new SyntaxException(
          close < open ? text.length() : close + 1, "expected ')' to close " + family.usage());
    }
    double[] values = new double[family.params.length];
    int[] offsets = new int[family.params.length];
    Arrays.fill(offsets, -1);
    List<int[]> args = split(text, open + 1, close);
    if (args.size() > family.params.length) {
      throw new SyntaxException(
          args.get(family.params.length)[0], "too many arguments: " + family.usage());
    }
    for (int a = 0; a < args.size(); a++) {
      int start = args.get(a)[0];
      String arg = text.substring(start, args.get(a)[1]);
      int eq = arg.indexOf('=');
      int index = a;
      int valueAt = start;
      String value = arg;
      if (eq >= 0) {
        String key = UserText.strip(arg.substring(0, eq));
        index = indexOf(family, key);
        if (index < 0) {
          throw new SyntaxException(
              start, "unknown parameter " + UserText.quote(key) + ": " + family.usage());
        }
        valueAt = start + eq + 1;
        value = arg.substring(eq + 1);
      }
      if (offsets[index] >= 0) {
        throw new SyntaxException(
            start,
            "parameter '" + plain(family.params[index]) + "' given twice: " + family.usage());
      }
      int lead = UserText.leadingBlanks(value);
      offsets[index] = valueAt + lead;
      try {
        values[index] =
            family.params[index].startsWith("#")
                ? Units.parseNumber(UserText.strip(value), 0, "a number")
                : Units.parseDuration(value);
      } catch (SyntaxException e) {
        throw new SyntaxException(valueAt + Math.max(e.offset(), lead), e.getMessage());
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (offsets[i] < 0) {
        throw new SyntaxException(
            close, "missing parameter '" + plain(family.params[i]) + "': " + family.usage());
      }
    }
    check(family, values, offsets);
    Distribution d = build(family, values);
    checkStationary(d, values, offsets);
    return d;
  }

  private static void check(Family family, double[] v, int[] at) throws SyntaxException {
    for (int i = 0; i < v.length; i++) {
      boolean mayBeZero =
          (family == Family.UNIFORM || family == Family.TRIANGULAR) && i < v.length - 1;
      if (mayBeZero ? v[i] < 0 : !(v[i] > 0)) {
        throw new SyntaxException(
            at[i],
            plain(family.params[i])
                + " must be "
                + (mayBeZero ? "zero or more" : "positive")
                + ", got "
                + show(family, i, v[i]));
      }
    }
    for (int i = 0; i < v.length; i++) {
      if (!family.params[i].startsWith("#") && v[i] > MAX_DURATION_HOURS) {
        throw new SyntaxException(
            at[i],
            plain(family.params[i])
                + " must be at most 1e150h (about 1.1e146 years), got "
                + hours(v[i])
                + ": longer durations overflow the arithmetic of a stationary start");
      }
    }
    switch (family) {
      case LOGNORMAL:
        if (!(v[1] > v[0])) {
          throw new SyntaxException(
              at[1],
              "p90 ("
                  + Units.formatDuration(v[1])
                  + ") must be above the median ("
                  + Units.formatDuration(v[0])
                  + ")");
        }
        break;
      case UNIFORM:
        if (!(v[1] > v[0])) {
          throw new SyntaxException(
              at[1],
              "max ("
                  + Units.formatDuration(v[1])
                  + ") must be above min ("
                  + Units.formatDuration(v[0])
                  + ")");
        }
        break;
      case TRIANGULAR:
        if (!(v[2] > v[0])) {
          throw new SyntaxException(
              at[2],
              "max ("
                  + Units.formatDuration(v[2])
                  + ") must be above min ("
                  + Units.formatDuration(v[0])
                  + ")");
        }
        if (v[1] < v[0] || v[1] > v[2]) {
          throw new SyntaxException(
              at[1], "mode (" + Units.formatDuration(v[1]) + ") must lie between min and max");
        }
        break;
      default:
        break;
    }
  }

  /**
   * A stationary start draws the interval that covers t = 0 from the length-biased distribution,
   * whose mean is E[X^2] / E[X]: that and the mean must stay finite.
   */
  private static void checkStationary(Distribution d, double[] v, int[] at) throws SyntaxException {
    if (!(d.mean() <= MAX_MEAN_HOURS)) {
      throw new SyntaxException(
          at[at.length - 1],
          "the mean ("
              + hours(d.mean())
              + ") is above 1e150h: a tail this heavy overflows the arithmetic of a stationary"
              + " start");
    }
    if (d instanceof Gamma g && !(g.mean() / g.shape() <= MAX_SCALE_HOURS)) {
      throw new SyntaxException(
          at[0],
          "the shape is too small for the mean: the scale, mean / shape, would be "
              + hours(g.mean() / g.shape())
              + ", above 1e300h, and the interval covering a given instant, which a stationary"
              + " start draws, would overflow");
    }
    if (d instanceof LogNormal ln && !(ln.mu() + ln.sigma() * ln.sigma() <= LOG_MAX_BIASED)) {
      throw new SyntaxException(
          at[1],
          "p90 ("
              + Units.formatDuration(v[1])
              + ") is too far above the median ("
              + Units.formatDuration(v[0])
              + "): the interval covering a given instant, which a stationary start draws, would"
              + " have a median above 1e300h");
    }
  }

  /**
   * Hours for the limit messages: up to nine significant digits, so that a value just above a limit
   * does not print as the limit ({@code 1.0000001e+150h}); "more than 1.8e308h" where the double
   * overflowed (never {@code Infinity}).
   */
  static String hours(double v) {
    if (!Double.isFinite(v)) {
      return "more than 1.8e308h";
    }
    String[] parts = String.format(java.util.Locale.ROOT, "%.8e", v).split("e");
    String mantissa = parts[0].replaceAll("0+$", "").replaceAll("\\.$", "");
    return mantissa + "e" + parts[1] + "h";
  }

  /** The longest duration a distribution may take as a parameter, hours. */
  static final double MAX_DURATION_HOURS = 1e150;

  /** The largest mean a distribution may have, hours. */
  static final double MAX_MEAN_HOURS = 1e150;

  /** The largest scale of a gamma distribution, hours: its length-biased draws stay finite. */
  static final double MAX_SCALE_HOURS = 1e300;

  /** ln(1e300): the largest log-median of a length-biased lognormal. */
  static final double LOG_MAX_BIASED = Math.log(1e300);

  private static Distribution build(Family family, double[] v) {
    switch (family) {
      case FIXED:
        return new Fixed(v[0]);
      case EXPONENTIAL:
        return new Exponential(v[0]);
      case LOGNORMAL:
        return new LogNormal(v[0], v[1]);
      case WEIBULL:
        return new Weibull(v[0], v[1]);
      case GAMMA:
        return new Gamma(v[0], v[1]);
      case UNIFORM:
        return new Uniform(v[0], v[1]);
      case TRIANGULAR:
        return new Triangular(v[0], v[1], v[2]);
      default:
        throw new AssertionError(family);
    }
  }

  private static String show(Family family, int i, double value) {
    return family.params[i].startsWith("#") ? Units.exact(value) : Units.formatDuration(value);
  }

  private static String plain(String param) {
    return param.startsWith("#") ? param.substring(1) : param;
  }

  private static int indexOf(Family family, String key) {
    for (int i = 0; i < family.params.length; i++) {
      if (plain(family.params[i]).equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** Start and end offsets of the comma-separated arguments between {@code from} and {@code to}. */
  private static List<int[]> split(String text, int from, int to) throws SyntaxException {
    List<int[]> args = new ArrayList<>();
    if (UserText.strip(text.substring(from, to)).isEmpty()) {
      return args;
    }
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == ',') {
        if (UserText.strip(text.substring(start, i)).isEmpty()) {
          throw new SyntaxException(start, "empty argument");
        }
        while (UserText.isBlank(text.charAt(start))) {
          start++;
        }
        args.add(new int[] {start, i});
        start = i + 1;
      }
    }
    return args;
  }

  private static boolean looksLikeDuration(String s) {
    try {
      Units.parseDuration(s);
      return true;
    } catch (SyntaxException e) {
      return false;
    }
  }
}
