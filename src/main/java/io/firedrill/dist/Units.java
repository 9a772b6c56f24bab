package io.firedrill.dist;

import static io.firedrill.dist.UserText.bounded;
import static io.firedrill.dist.UserText.quote;

import java.math.BigDecimal;

/**
 * The model's one number syntax, and every value built on it: plain numbers ({@code 2.5e-4}),
 * durations ({@code 15m}), rates ({@code 0.5/y}), counts ({@code 48M}) and whole numbers ({@code
 * 100K}), parsed into hours, events per hour and plain numbers, and written back.
 *
 * <p>Every number anywhere in firedrill (model files, {@code --set}, the command line, {@code
 * --vary}, {@code --target}) is read here, so that the same text means the same everywhere. A
 * number is {@code [+-]digits[.digits][e[+-]digits]} with ASCII digits, at most {@value
 * #MAX_NUMBER_LENGTH} characters: no hexadecimal, no {@code d} or {@code f} suffix, no {@code NaN}
 * or {@code Infinity}, no digits of other scripts (Java's own parsers accept all of these). A value
 * multiplied by its unit is checked: an infinite result is "too large", a non-zero value that
 * becomes zero or subnormal (below {@link Double#MIN_NORMAL}) is "too small" (docs/model-format.md,
 * "Values").
 *
 * <p>Inside firedrill every time is in hours and every rate is per hour; the units live only at the
 * edges, here. Writing a value back gives text that parses to the same {@code double}, so a model
 * can be printed and read again without drift.
 *
 * <p>Parsing takes time linear in the length of the text whatever it holds: the syntax is checked
 * by one scan (a regular expression here backtracked quadratically on a long run of digits), and a
 * number longer than {@value #MAX_NUMBER_LENGTH} characters is refused before it is converted.
 * Messages quote the text as typed, cut to {@link UserText#MAX_ECHO} characters.
 */
public final class Units {
  /** Hours per year: {@code y} is 365 days (8760 h) in the model syntax. */
  public static final double HOURS_PER_YEAR = 8760.0;

  /**
   * Longest horizon, in hours: 100,000 years. With users at most {@link #MAX_QUANTITY}, user-hours
   * stay below users × horizon × 168 (the largest weight of a profile scaled to mean 1), about
   * 1.5e26: finite, and far inside the range of every statistic.
   */
  public static final double MAX_HORIZON_HOURS = 100_000 * HOURS_PER_YEAR;

  /** Largest users, demand, capacity or price per unit a model may give: 10^15. */
  public static final double MAX_QUANTITY = 1e15;

  /**
   * Longest number read, in characters: a double carries 17 significant digits and an exponent of
   * three, so 100 leaves room for any way of writing one and refuses a megabyte of digits up front.
   */
  public static final int MAX_NUMBER_LENGTH = 100;

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
   * @return the duration in hours, finite; zero only for a zero number
   * @throws SyntaxException for malformed text, an unknown or missing unit, or a value too large or
   *     too small in hours
   */
  public static double parseDuration(String text) throws SyntaxException {
    String s = UserText.strip(text);
    int lead = UserText.leadingBlanks(text);
    if (s.isEmpty()) {
      throw new SyntaxException(0, "expected a duration such as 15m, 4h or 2d");
    }
    if (isZero(s)) {
      return 0;
    }
    char unit = s.charAt(s.length() - 1);
    // The unit is the letters at the end: "10min" names 'min', not 'n'.
    int word = s.length();
    while (word > 0 && Character.isLetter(s.charAt(word - 1))) {
      word--;
    }
    if (!hasDigit(s, word)) {
      // NaN, Infinity, -Infinity or a bare word: there is no number to give a unit to.
      throw new SyntaxException(
          lead, quote(s) + " is not a number (a duration is a number and a unit: 15m, 4h or 2d)");
    }
    if (s.length() - word > 1 || Double.isNaN(hoursPer(unit))) {
      if (Character.isLetter(unit)) {
        String name = s.substring(word);
        String number = UserText.strip(s.substring(0, word));
        String meant = unitFor(name);
        throw new SyntaxException(
            lead + word,
            "unknown time unit "
                + quote(name)
                + " in "
                + quote(s)
                + " (units: s, m, h, d, w, y"
                + (meant == null || number.isEmpty() || number.length() > MAX_NUMBER_LENGTH
                    ? ""
                    : "; write " + bounded(number) + meant)
                + ")");
      }
      throw new SyntaxException(
          lead + s.length(),
          "duration "
              + quote(s)
              + " has no unit (write for example "
              + (s.length() > MAX_NUMBER_LENGTH || !s.matches("[0-9]+(\\.[0-9]+)?") ? "24" : s)
              + "h; units: s, m, h, d, w, y)");
    }
    String digits = UserText.stripTrailing(s.substring(0, s.length() - 1));
    BigDecimal number = decimal(digits, s, lead, "a duration");
    return checked(number, number.doubleValue() * hoursPer(unit), s, lead, "hours");
  }

  /** Whether {@code s} has a digit (of any script, to be named as such) before {@code end}. */
  private static boolean hasDigit(String s, int end) {
    for (int i = 0; i < end; i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The unit letter a word such as {@code min} or {@code hours} stands for, or null. */
  private static String unitFor(String word) {
    if (word.length() > 7 || word.equals("M")) {
      return null; // a count's million, not minutes
    }
    String w = word.toLowerCase(java.util.Locale.ROOT);
    if (w.matches("s|sec|secs|second|seconds")) {
      return "s";
    }
    if (w.matches("min|mins|minute|minutes")) {
      return "m";
    }
    if (w.matches("h|hr|hrs|hour|hours")) {
      return "h";
    }
    if (w.matches("d|day|days")) {
      return "d";
    }
    if (w.matches("w|wk|wks|week|weeks")) {
      return "w";
    }
    return w.matches("y|yr|yrs|year|years") ? "y" : null;
  }

  /**
   * Parses a rate {@code N/y}, {@code N/d} or {@code N/h}.
   *
   * @return events per hour, finite; zero only for a zero number
   * @throws SyntaxException for malformed text, an unknown unit, or a value too large or too small
   *     per hour
   */
  public static double parseRate(String text) throws SyntaxException {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new SyntaxException(text.length(), "expected a rate such as 0.5/y, 2/d or 0.001/h");
    }
    String unit = UserText.strip(text.substring(slash + 1));
    if (!(unit.equals("y") || unit.equals("d") || unit.equals("h"))) {
      throw new SyntaxException(
          slash + 1, "unknown rate unit " + quote("/" + unit) + " (use /y, /d or /h)");
    }
    String number = text.substring(0, slash);
    int lead = UserText.leadingBlanks(number);
    String shown = UserText.strip(text);
    BigDecimal n = decimal(UserText.strip(number), shown, lead, "a rate");
    return checked(n, n.doubleValue() / hoursPer(unit.charAt(0)), shown, lead, "per hour");
  }

  /**
   * Parses a count: a number with an optional {@code K} (10^3) or {@code M} (10^6). Signs are
   * accepted so that the caller can say "must be positive".
   *
   * @throws SyntaxException for malformed text or a value too large or too small
   */
  public static double parseCount(String text) throws SyntaxException {
    String s = UserText.strip(text);
    int lead = UserText.leadingBlanks(text);
    if (s.isEmpty()) {
      throw new SyntaxException(0, "expected a number such as 2000, 12K or 48M");
    }
    char last = s.charAt(s.length() - 1);
    double scale = last == 'K' ? 1e3 : last == 'M' ? 1e6 : 1;
    String number = scale == 1 ? s : s.substring(0, s.length() - 1);
    String expected = "a number such as 2000, 12K or 48M";
    if (scale != 1
        && !number.isEmpty()
        && UserText.isBlank(number.charAt(number.length() - 1))
        && number.length() <= MAX_NUMBER_LENGTH
        && isNumberSyntax(UserText.strip(number))) {
      throw new SyntaxException(
          lead, quote(s) + " is not " + expected + " (write " + last + " right after the number)");
    }
    BigDecimal n = decimal(number, s, lead, expected);
    return checked(n, n.doubleValue() * scale, s, lead, "");
  }

  /**
   * Parses a whole number in the count syntax ({@code 1000}, {@code 100K}, {@code 1e6}, {@code
   * 2.5K}) exactly, without going through a double: a seed near 2^63 keeps every digit.
   *
   * @return the number, in [min, max]
   * @throws SyntaxException "must be a whole number from MIN to MAX, got 'TEXT'" for anything else
   *     (malformed, fractional or out of range)
   */
  public static long parseWhole(String text, long min, long max) throws SyntaxException {
    SyntaxException refusal =
        new SyntaxException(
            0, "must be a whole number from " + min + " to " + max + ", got " + quote(text));
    String s = UserText.strip(text);
    if (s.isEmpty()) {
      throw refusal;
    }
    char last = s.charAt(s.length() - 1);
    int power = last == 'K' ? 3 : last == 'M' ? 6 : 0;
    BigDecimal n;
    try {
      n = parseDecimal(power == 0 ? s : s.substring(0, s.length() - 1), 0, "a number");
      n = n.scaleByPowerOfTen(power);
    } catch (SyntaxException | ArithmeticException e) {
      throw refusal;
    }
    if (n.compareTo(BigDecimal.valueOf(min)) < 0
        || n.compareTo(BigDecimal.valueOf(max)) > 0
        || n.stripTrailingZeros().scale() > 0) {
      throw refusal;
    }
    return n.longValueExact();
  }

  /**
   * Parses a time in hours: a duration ({@code 1d}, {@code 90m}) or a bare number meaning hours
   * ({@code 24}, {@code 1e3}), as the value of a target on an hours metric.
   */
  public static double parseHours(String text) throws SyntaxException {
    String s = UserText.strip(text);
    if (!s.isEmpty() && Character.isLetter(s.charAt(s.length() - 1))) {
      return parseDuration(text);
    }
    return parseNumber(s, 0, "a duration such as 24h, 90m or 1d, or a number of hours");
  }

  /**
   * Parses a plain finite number. Signs are accepted here so that the caller can say "must be
   * positive" rather than "not a number".
   *
   * @param offset where {@code s} starts in the value, for the error's column
   * @param expected what the caller expected, for "'x' is not EXPECTED"
   * @throws SyntaxException for malformed text, or a value too large or too small for a double
   */
  public static double parseNumber(String s, int offset, String expected) throws SyntaxException {
    BigDecimal n = parseDecimal(s, offset, expected);
    return checked(n, n.doubleValue(), s, offset, "");
  }

  /**
   * Parses the number syntax exactly; the value may lie beyond the range of a double (callers check
   * what they convert).
   *
   * @throws SyntaxException "'s' is not EXPECTED" for text outside the syntax
   */
  public static BigDecimal parseDecimal(String s, int offset, String expected)
      throws SyntaxException {
    return decimal(s, s, offset, expected);
  }

  /**
   * {@code number}, the numeric part of {@code text}, read exactly; messages quote {@code text},
   * the whole value as typed ({@code '1MM'}, not {@code '1M'}).
   */
  private static BigDecimal decimal(String number, String text, int offset, String expected)
      throws SyntaxException {
    if (number.length() > MAX_NUMBER_LENGTH) {
      throw new SyntaxException(
          offset,
          quote(text)
              + " is not "
              + expected
              + " (longer than "
              + MAX_NUMBER_LENGTH
              + " characters)");
    }
    if (!isNumberSyntax(number)) {
      throw new SyntaxException(
          offset,
          quote(text)
              + " is not "
              + expected
              + (hasOtherDigit(number) ? " (digits are 0 to 9 only)" : ""));
    }
    try {
      return new BigDecimal(number);
    } catch (NumberFormatException e) {
      // The exponent does not fit an int: 1e99999999999 or 1e-99999999999.
      int exponent = Math.max(number.indexOf('e'), number.indexOf('E'));
      boolean zero = true;
      for (int i = 0; i < exponent; i++) {
        char c = number.charAt(i);
        zero &= c == '0' || c == '.' || c == '+' || c == '-';
      }
      if (zero) {
        return BigDecimal.ZERO;
      }
      boolean tiny = number.charAt(exponent + 1) == '-';
      throw new SyntaxException(
          offset,
          quote(text) + " is too " + (tiny ? "small" : "large") + " to compute with",
          tiny ? SyntaxException.Problem.TOO_SMALL : SyntaxException.Problem.TOO_LARGE);
    }
  }

  /**
   * Whether {@code s} is in the number syntax {@code [+-](digits[.digits]|.digits)[e[+-]digits]},
   * ASCII digits only; one scan, no backtracking.
   */
  public static boolean isNumberSyntax(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** Whether {@code s} has a digit of another script (٣, ３), which Java's parsers read. */
  private static boolean hasOtherDigit(String s) {
    return s.codePoints().anyMatch(c -> Character.isDigit(c) && !(c >= '0' && c <= '9'));
  }

  /** An ASCII digit: the only digits of the number syntax (not ٣ or ３, which Java also reads). */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * {@code value}, the number {@code n} times its unit, if it is finite and, for a non-zero {@code
   * n}, at least {@link Double#MIN_NORMAL} in magnitude.
   */
  private static double checked(BigDecimal n, double value, String text, int offset, String unit)
      throws SyntaxException {
    String per = unit.isEmpty() ? "" : " " + unit;
    double raw = n.doubleValue();
    if (Double.isInfinite(raw) || Double.isInfinite(value)) {
      throw new SyntaxException(
          offset,
          quote(text) + " is too large to compute with (above 1.8e308" + per + ")",
          SyntaxException.Problem.TOO_LARGE);
    }
    if (n.signum() != 0
        && (Math.abs(raw) < Double.MIN_NORMAL || Math.abs(value) < Double.MIN_NORMAL)) {
      throw new SyntaxException(
          offset,
          quote(text) + " is too small to compute with (below 2.2e-308" + per + ")",
          SyntaxException.Problem.TOO_SMALL);
    }
    return value;
  }

  /** {@code [+]0*[.]0*} with at least one 0: a zero needs no unit. */
  private static boolean isZero(String s) {
    int i = s.startsWith("+") ? 1 : 0;
    int zeros = 0;
    boolean point = false;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '0') {
        zeros++;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return false;
      }
    }
    return zeros > 0;
  }

  /**
   * Writes hours in the unit with the shortest exact text; on a tie a whole number, then the larger
   * unit ({@code 90m}, {@code 17.5h}, {@code 108h}, {@code 3d}, {@code 1w}).
   */
  public static String formatDuration(double hours) {
    if (hours == 0) {
      return "0";
    }
    // The shortest exact text; on a tie a number from 1 to 100, then the larger unit: 90m (not
    // 1.5h), 17.5h (not 1050m), 2d, 1w (not 7d).
    String best = null;
    boolean bestReadable = false;
    for (int i = HOURS.length - 1; i >= 0; i--) {
      double v = hours / HOURS[i];
      String s = shortNumber(v);
      if (s == null || v * HOURS[i] != hours) {
        continue;
      }
      boolean readable = v >= 1 && v < 100;
      int length = s.length() + 1;
      if (best == null
          || length < best.length()
          || (length == best.length() && readable && !bestReadable)) {
        best = s + UNITS.charAt(i);
        bestReadable = readable;
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
