package io.firedrill.dist;

import java.math.BigDecimal;

/**
 * The model syntax for durations ({@code 15m}), rates ({@code 0.5/y}) and counts ({@code 48M}),
 * parsed into hours, events per hour and plain numbers, and written back.
 *
 * <p>Inside firedrill every time is in hours and every rate is per hour; the units live only at the
 * edges, here. Writing a value back gives text that parses to the same {@code double}, so a model
 * can be printed and read again without drift.
 */
public final class Units {
  /** Hours per year: {@code y} is 365 days (8760 h) in the model syntax. */
  public static final double HOURS_PER_YEAR = 8760.0;

  private static final String UNITS = "smhdwy";
  private static final double[] HOURS = {1.0 / 3600, 1.0 / 60, 1, 24, 168, HOURS_PER_YEAR};

  private Units() {}

  /** Hours in one of the units {@code s m h d w y}, or NaN for another character. */
  public static double hoursPer(char unit) {
    int i = UNITS.indexOf(unit);
    return i < 0 ? Double.NaN : HOURS[i];
  }

  /**
   * Parses a duration: a non-negative number and a unit ({@code 90s}, {@code 1.5h}, {@code 2d}); a
   * bare {@code 0} is zero.
   *
   * @return the duration in hours
   */
  public static double parseDuration(String text) throws SyntaxException {
    String s = text.strip();
    int lead = text.length() - text.stripLeading().length();
    if (s.isEmpty()) {
      throw new SyntaxException(0, "expected a duration such as 15m, 4h or 2d");
    }
    if (isZero(s)) {
      return 0;
    }
    char unit = s.charAt(s.length() - 1);
    if (Double.isNaN(hoursPer(unit))) {
      if (Character.isLetter(unit)) {
        throw new SyntaxException(
            lead + s.length() - 1,
            "unknown time unit '" + unit + "' in '" + s + "' (units: s, m, h, d, w, y)");
      }
      throw new SyntaxException(
          lead + s.length(),
          "duration '"
              + s
              + "' has no unit (write for example "
              + s
              + "h; units: s, m, h, d, w, y)");
    }
    double number = parseNumber(s.substring(0, s.length() - 1).stripTrailing(), lead, "a duration");
    return number * hoursPer(unit);
  }

  /**
   * Parses a rate {@code N/y}, {@code N/d} or {@code N/h}.
   *
   * @return events per hour
   */
  public static double parseRate(String text) throws SyntaxException {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new SyntaxException(text.length(), "expected a rate such as 0.5/y, 2/d or 0.001/h");
    }
    String unit = text.substring(slash + 1).strip();
    if (!(unit.equals("y") || unit.equals("d") || unit.equals("h"))) {
      throw new SyntaxException(slash + 1, "unknown rate unit '/" + unit + "' (use /y, /d or /h)");
    }
    String number = text.substring(0, slash);
    int lead = number.length() - number.stripLeading().length();
    return parseNumber(number.strip(), lead, "a rate") / hoursPer(unit.charAt(0));
  }

  /**
   * Parses a count: a non-negative number with an optional {@code K} (10^3) or {@code M} (10^6).
   */
  public static double parseCount(String text) throws SyntaxException {
    String s = text.strip();
    int lead = text.length() - text.stripLeading().length();
    if (s.isEmpty()) {
      throw new SyntaxException(0, "expected a number such as 2000, 12K or 48M");
    }
    char last = s.charAt(s.length() - 1);
    double scale = last == 'K' ? 1e3 : last == 'M' ? 1e6 : 1;
    String number = scale == 1 ? s : s.substring(0, s.length() - 1);
    return parseNumber(number, lead, "a number such as 2000, 12K or 48M") * scale;
  }

  /**
   * Parses a plain finite number. Signs are accepted here so that the caller can say "must be
   * positive" rather than "not a number".
   */
  public static double parseNumber(String s, int offset, String expected) throws SyntaxException {
    if (s.isEmpty() || !s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      throw new SyntaxException(offset, "'" + s + "' is not " + expected);
    }
    double v = Double.parseDouble(s);
    if (!Double.isFinite(v)) {
      throw new SyntaxException(offset, "'" + s + "' is too large");
    }
    return v;
  }

  private static boolean isZero(String s) {
    return s.matches("[+]?0*\\.?0*") && !s.equals(".") && !s.equals("+");
  }

  /**
   * Writes hours in the largest unit that shows them as a whole number ({@code 90m}, {@code 30h},
   * {@code 3d}), else in the unit with the shortest exact text ({@code 1.5h}).
   */
  public static String formatDuration(double hours) {
    if (hours == 0) {
      return "0";
    }
    String best = null;
    for (int i = HOURS.length - 1; i >= 0; i--) {
      double v = hours / HOURS[i];
      String s = shortNumber(v);
      if (s == null || v * HOURS[i] != hours) {
        continue;
      }
      if (v == Math.rint(v)) {
        return s + UNITS.charAt(i);
      }
      if (best == null || s.length() + 1 < best.length()) {
        best = s + UNITS.charAt(i);
      }
    }
    return best != null ? best : exact(hours) + "h";
  }

  /** Writes a rate per hour as {@code N/y}, or {@code N/h} where that is not exact. */
  public static String formatRate(double perHour) {
    double perYear = perHour * HOURS_PER_YEAR;
    String s = shortNumber(perYear);
    if (s != null && perYear / HOURS_PER_YEAR == perHour) {
      return s + "/y";
    }
    return formatRatePerHour(perHour);
  }

  /** Writes a rate as {@code N/h}: for rates per running hour, such as a generator's. */
  public static String formatRatePerHour(double perHour) {
    return exact(perHour) + "/h";
  }

  /** Writes a count with K or M where it is exact ({@code 48M}, {@code 12K}, {@code 2500}). */
  public static String formatCount(double n) {
    if (n >= 1e6 && shortNumber(n / 1e6) != null && n / 1e6 * 1e6 == n) {
      return shortNumber(n / 1e6) + "M";
    }
    if (n >= 1e4 && shortNumber(n / 1e3) != null && n / 1e3 * 1e3 == n) {
      return shortNumber(n / 1e3) + "K";
    }
    return exact(n);
  }

  /** The shortest text that parses back to exactly {@code v}, without exponent when short. */
  public static String exact(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return s.length() <= 24 ? s : Double.toString(v);
  }

  /** Up to four decimals when that is exactly {@code v}, else null. */
  private static String shortNumber(double v) {
    if (!(v > 0) || v >= 1e15) {
      return null;
    }
    BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
    if (d.scale() > 4) {
      return null;
    }
    return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
  }
}
