package io.firedrill.report;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How numbers are written to CSV and the console: locale-free, {@code .} decimal separator, ten
 * significant digits, no exponent for ordinary magnitudes, and never NaN or Infinity (an undefined
 * value is an empty cell).
 */
public final class Numbers {
  private static final MathContext TEN = new MathContext(10);

  private Numbers() {}

  /** A CSV cell: ten significant digits; empty for NaN or infinite values. */
  public static String csv(double x) {
    if (!Double.isFinite(x)) {
      return "";
    }
    if (x == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(x).round(TEN).stripTrailingZeros();
    int magnitude = d.precision() - d.scale() - 1;
    if (magnitude < -12 || magnitude > 15) {
      return d.toString();
    }
    return d.toPlainString();
  }

  /**
   * A console probability or proportion p in [0, 1] with {@code digits} significant digits, and
   * more where those would show 1 for a p below 1 (0.99999 of trials recovered is not all of them:
   * "0.99999", not "1"). Shows "-" for NaN.
   */
  public static String proportion(double p, int digits) {
    String s = brief(p, digits);
    for (int d = digits + 1; p < 1 && s.equals("1") && d <= 17; d++) {
      s = brief(p, d);
    }
    return s;
  }

  /** A console figure with {@code digits} significant digits. */
  public static String brief(double x, int digits) {
    if (!Double.isFinite(x)) {
      return "-";
    }
    if (x == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros();
    int magnitude = d.precision() - d.scale() - 1;
    return magnitude < -4 || magnitude > 15 ? d.toString() : d.toPlainString();
  }

  /**
   * A console mean with its 95 % interval, {@code "0.1 [0, 0.296]"} (four significant digits for
   * the mean and the bounds), or {@code "0.1 [n/a]"} where the interval is undefined (NaN).
   */
  public static String withInterval(double mean, double[] interval) {
    // The same digits for both: with fewer for the bounds an estimate could print outside them.
    return brief(mean, 4) + " " + interval(interval, 4);
  }

  /** A console interval, {@code "[0, 0.296]"}, or {@code "[n/a]"} where it is undefined (NaN). */
  public static String interval(double[] interval, int digits) {
    if (!Double.isFinite(interval[0]) || !Double.isFinite(interval[1])) {
      return "[n/a]";
    }
    return "[" + brief(interval[0], digits) + ", " + brief(interval[1], digits) + "]";
  }
}
