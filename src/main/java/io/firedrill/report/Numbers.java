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
}
