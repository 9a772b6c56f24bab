package io.firedrill.study;

import io.firedrill.dist.Distribution;
import io.firedrill.dist.Exponential;
import io.firedrill.dist.Gamma;
import io.firedrill.dist.LogNormal;
import io.firedrill.dist.Units;
import io.firedrill.dist.Weibull;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.rootfinder.BrentSolver;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.WeibullDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Maximum-likelihood fits of duration distributions to observed durations, with log-likelihood, AIC
 * and a Kolmogorov–Smirnov test, and each fit written in model syntax.
 *
 * <p><b>Units.</b> The values are fitted in the unit they were read in (the shapes do not depend on
 * it; scales come out in that unit): no conversion touches the data before the fit. Log-likelihoods
 * are of densities per that unit. Only the printed text converts, into one unit per distribution
 * chosen from the data's median (see {@link #displayUnit}).
 *
 * <p><b>Families.</b> Exponential and lognormal have closed forms. The Weibull shape k solves the
 * profile likelihood equation {@code Σ x^k ln x / Σ x^k − 1/k − mean(ln x) = 0} (Cohen,
 * Technometrics 7, 1965), increasing in k, and then {@code scale = (mean x^k)^(1/k)}. The gamma
 * shape solves {@code ln k − ψ(k) = s} with {@code s = ln mean(x) − mean(ln x)} (Choi and Wette,
 * Technometrics 11, 1969), decreasing in k, and its mean is the sample mean. Each root is bracketed
 * by expanding an interval by factors of 4 from a moment estimate until the sign changes, inside
 * [{@link #MIN_SHAPE}, {@link #MAX_SHAPE}], and then solved by Brent's method to 2^-52 relative. No
 * sign change in that range means the data cannot determine the shape, and the family is refused
 * with that reason; a bound is never reported as an estimate.
 *
 * <p><b>Near-equal data.</b> For values that differ in the fourth digit, {@code s} is about 3e-9
 * and the Weibull sums differ from their means by about 1e-4, so every quantity is formed without
 * cancellation: logarithms as {@code log1p((x − ref) / ref)} relative to a data value, centred
 * once; {@code s = mean(d − ln(1 + d))} with {@code d = x / mean − 1} (the identity holds for any
 * reference near the mean, so the mean's own rounding does not enter), summed from non-negative
 * terms, with a series near 0; {@code ln k − ψ(k)} from Digamma of Commons Numbers (exact to about
 * 1e-16 where Commons Math's is off by 3e-9, the size of s) below k = 12, and above it from the
 * asymptotic series of Abramowitz and Stegun 6.3.18. Log-likelihoods at the optimum use the
 * likelihood equations' identities ({@code Σ (x/λ)^k = n}, {@code Σ x/θ = n k}) and Stirling's
 * series (A&S 6.1.41) for large gamma shapes, so they stay exact where densities would cancel.
 *
 * <p><b>Goodness of fit.</b> The Kolmogorov–Smirnov p-value takes the fitted parameters as known,
 * so it is optimistic (Lilliefors): read it as a ranking aid, and compare families with the AIC.
 */
public final class Fit {
  /** The families {@code fit} knows, in the order they are tried. */
  public static final List<String> FAMILIES =
      List.of("exponential", "lognormal", "weibull", "gamma");

  /** Smallest Weibull or gamma shape searched: 10^-4. */
  public static final double MIN_SHAPE = 1e-4;

  /**
   * Largest Weibull or gamma shape searched: 10^10. A gamma of that shape has a coefficient of
   * variation of 10^-5, a Weibull one of about 1.3e-10: values quoted to fewer digits than that
   * cannot tell such a shape from any larger one.
   */
  public static final double MAX_SHAPE = 1e10;

  /**
   * Smallest value fitted, in the unit of the data: 10^-300. Between this and {@link #MAX_VALUE}
   * every conversion between units and every sum of the fit stays a normal, finite number.
   */
  public static final double MIN_VALUE = 1e-300;

  /** Largest value fitted, in the unit of the data: 10^300. */
  public static final double MAX_VALUE = 1e300;

  /** Significant digits of printed parameters; more where a distribution needs them to be valid. */
  public static final int DIGITS = 6;

  /** The units a fit is printed in, smallest first, and their length in seconds. */
  private static final String DISPLAY_UNITS = "smhdw";

  private static final String UNITS = "smhdwy";
  private static final double[] SECONDS = {1, 60, 3600, 86_400, 604_800, 31_536_000};

  /**
   * A fitted distribution and how well it fits.
   *
   * @param family one of {@link #FAMILIES}
   * @param distribution the fit at full precision, durations in hours
   * @param syntax the fit in model syntax, all durations in one unit, with {@link #DIGITS}
   *     significant digits or more where needed; it parses back to the printed values
   * @param parameters the number of fitted parameters (for the AIC)
   * @param logLikelihood the maximised log-likelihood, of densities per unit of the data as read
   * @param aic Akaike's information criterion, {@code 2 parameters − 2 logLikelihood}
   * @param ks the Kolmogorov–Smirnov statistic D against the fit
   * @param ksPValue its p-value, treating the fitted parameters as known (optimistic)
   */
  public record Result(
      String family,
      Distribution distribution,
      String syntax,
      int parameters,
      double logLikelihood,
      double aic,
      double ks,
      double ksPValue) {}

  /** A family that cannot describe the data, and why. */
  public record Refusal(String family, String reason) {}

  /** Every family: the fitted ones best (lowest AIC) first, then those refused with a reason. */
  public record Ranking(List<Result> fitted, List<Refusal> refused) {
    public Ranking {
      fitted = List.copyOf(fitted);
      refused = List.copyOf(refused);
    }
  }

  /** The data cannot be fitted by a family (or by any, when all values are equal). */
  public static final class NotFittedException extends Exception {
    private static final long serialVersionUID = 1L;

    NotFittedException(String message) {
      super(message, null, false, false);
    }
  }

  private Fit() {}

  /**
   * Fits {@code family} to {@code x} by maximum likelihood.
   *
   * @param x at least 3 durations between {@link #MIN_VALUE} and {@link #MAX_VALUE}, in {@code
   *     unit}
   * @param unit the unit of {@code x}: one of {@code s m h d w y}
   * @throws NotFittedException when all values are equal or the family's shape is outside [{@link
   *     #MIN_SHAPE}, {@link #MAX_SHAPE}]; the message says which and what describes them
   * @throws IllegalArgumentException for an unknown family or unit, fewer than 3 values, or a value
   *     outside that range
   */
  public static Result fit(String family, double[] x, char unit) throws NotFittedException {
    if (!FAMILIES.contains(family)) {
      throw new IllegalArgumentException(
          "unknown family '" + family + "' (families: " + String.join(", ", FAMILIES) + ", auto)");
    }
    return new Sample(x, unit).fit(family);
  }

  /**
   * Fits every family to {@code x}, best first by AIC; the families that cannot describe the data
   * are listed with the reason.
   *
   * @param x at least 3 durations between {@link #MIN_VALUE} and {@link #MAX_VALUE}, in {@code
   *     unit}
   * @param unit the unit of {@code x}: one of {@code s m h d w y}
   * @throws NotFittedException when all values are equal: no family with a spread describes them
   */
  public static Ranking fitAll(double[] x, char unit) throws NotFittedException {
    Sample sample = new Sample(x, unit);
    List<Result> fitted = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    for (String family : FAMILIES) {
      try {
        fitted.add(sample.fit(family));
      } catch (NotFittedException e) {
        refused.add(new Refusal(family, e.getMessage()));
      }
    }
    fitted.sort(Comparator.comparingDouble(Result::aic));
    return new Ranking(fitted, refused);
  }

  /**
   * The unit a fit to data with this median is printed in: the largest of {@code s m h d w} in
   * which the median is at least 1 ({@code s} below one second).
   */
  public static char displayUnit(double medianHours) {
    for (int i = DISPLAY_UNITS.length() - 1; i > 0; i--) {
      if (medianHours * 3600 >= SECONDS[i]) {
        return DISPLAY_UNITS.charAt(i);
      }
    }
    return 's';
  }

  /**
   * {@code v} rounded to {@code digits} significant digits in the model's number syntax: plain
   * decimals, an exponent only beyond 10^15 or below 10^-6.
   */
  public static String number(double v, int digits) {
    BigDecimal d = round(v, digits);
    int magnitude = d.precision() - d.scale() - 1;
    String s = magnitude < -6 || magnitude >= 15 ? d.toString() : d.toPlainString();
    return s.toLowerCase(Locale.ROOT);
  }

  private static BigDecimal round(double v, int digits) {
    return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
  }

  /** The data, with what every family's fit needs computed once. */
  private static final class Sample {
    final double[] x;
    final int n;
    final double unitSeconds;
    final double mean;
    final double median;
    final double max;
    final char display;

    /** ln(x / median), centred: c_i = ln x_i − mean(ln x); computed on first use. */
    private double[] c;

    private double logRef;
    private double meanLogDeviation;
    private double cMax;

    Sample(double[] x, char unit) throws NotFittedException {
      int u = UNITS.indexOf(unit);
      if (u < 0) {
        throw new IllegalArgumentException("unit must be one of s, m, h, d, w, y: '" + unit + "'");
      }
      if (x.length < 3) {
        throw new IllegalArgumentException("a fit needs at least 3 values: " + x.length);
      }
      this.x = x;
      this.n = x.length;
      this.unitSeconds = SECONDS[u];
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (double v : x) {
        if (!(v >= MIN_VALUE && v <= MAX_VALUE)) {
          throw new IllegalArgumentException(
              "a duration is not between 1e-300 and 1e300 (in its unit): " + v);
        }
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      this.max = hi;
      this.mean = mean(x);
      double[] sorted = x.clone();
      Arrays.sort(sorted);
      this.median =
          n % 2 == 1 ? sorted[n / 2] : sorted[n / 2 - 1] + (sorted[n / 2] - sorted[n / 2 - 1]) / 2;
      this.display = displayUnit(median * unitSeconds / 3600);
      if (lo == hi) {
        // 15 digits: what a decimal value in the file had, without the binary tail of 17.
        String value = duration(lo, 15);
        throw new NotFittedException(
            "all "
                + n
                + " values are equal to "
                + value
                + ": fixed("
                + value
                + ") describes them (a fitted family needs values that differ)");
      }
    }

    Result fit(String family) throws NotFittedException {
      switch (family) {
        case "exponential":
          return exponential();
        case "lognormal":
          return lognormal();
        case "weibull":
          return weibull();
        case "gamma":
          return gamma();
        default:
          throw new IllegalArgumentException("unknown family '" + family + "'");
      }
    }

    private Result exponential() {
      double ll = -n * (Math.log(mean) + 1);
      return result(
          "exponential",
          new Exponential(hours(mean)),
          "exponential(mean=" + duration(mean, DIGITS) + ")",
          1,
          ll,
          ExponentialDistribution.of(mean));
    }

    private Result lognormal() throws NotFittedException {
      double[] c = centredLogs();
      double ss = 0;
      for (double v : c) {
        ss += v * v;
      }
      double sigma = Math.sqrt(ss / n);
      double mu = logRef + meanLogDeviation;
      // The median exp(mu), from the reference value so that no large logarithm is exponentiated.
      double med = median * Math.exp(meanLogDeviation);
      double p90 = med * Math.exp(LogNormal.Z90 * sigma);
      double medianHours = hours(med);
      double p90Hours = medianHours * Math.exp(LogNormal.Z90 * sigma);
      if (!(toDisplay(p90) < Double.POSITIVE_INFINITY && p90Hours < Double.POSITIVE_INFINITY)) {
        throw new NotFittedException(
            "its p90 would be beyond the largest number (sigma = "
                + number(sigma, 3)
                + "): the values spread over too many orders of magnitude");
      }
      // Enough digits that the printed p90 stays above the printed median, also once parsed
      // (the parser multiplies the number, as a double, by the unit's hours).
      double unitHours = Units.hoursPer(display);
      for (int digits = DIGITS; digits <= 17 && p90Hours > medianHours; digits++) {
        if (round(toDisplay(p90), digits).doubleValue() * unitHours
            > round(toDisplay(med), digits).doubleValue() * unitHours) {
          double ll = -n * (Math.log(sigma) + 0.5 * Math.log(2 * Math.PI) + 0.5 + mu);
          return result(
              "lognormal",
              new LogNormal(medianHours, p90Hours),
              "lognormal(median=" + duration(med, digits) + ", p90=" + duration(p90, digits) + ")",
              2,
              ll,
              LogNormalDistribution.of(mu, sigma));
        }
      }
      throw new NotFittedException(
          "its p90 equals its median to 17 significant digits (sigma = "
              + number(sigma, 3)
              + "): the values differ too little to print a lognormal");
    }

    private Result weibull() throws NotFittedException {
      double[] c = centredLogs();
      final double top = cMax;
      // g(k) = Σ w c / Σ w − 1/k with w = (x / max)^k = exp(k (c − c_max)) <= 1: increasing in k.
      DoubleUnaryOperator g =
          k -> {
            double sw = 0;
            double swc = 0;
            for (double v : c) {
              double w = Math.exp(k * (v - top));
              sw += w;
              swc += w * v;
            }
            return swc / sw - 1 / k;
          };
      // A moment estimate: the standard deviation of ln X is π / (k √6).
      double spread = logSpread();
      double k = shape("weibull", g, spread > 0 ? Math.PI / (Math.sqrt(6) * spread) : 1);
      double sw = 0;
      for (double v : c) {
        sw += Math.exp(k * (v - top));
      }
      double logMeanW = Math.log(sw / n);
      double logScale = Math.log(max) + logMeanW / k;
      double scale = max * Math.exp(logMeanW / k);
      // Σ ln(x / scale) = −n (c_max + ln(mean w) / k), and Σ (x / scale)^k = n at the optimum.
      double ll = n * (Math.log(k) - logScale - (k - 1) * (top + logMeanW / k) - 1);
      return result(
          "weibull",
          new Weibull(k, hours(scale)),
          "weibull(shape=" + number(k, DIGITS) + ", scale=" + duration(scale, DIGITS) + ")",
          2,
          ll,
          WeibullDistribution.of(k, scale));
    }

    private Result gamma() throws NotFittedException {
      double s = gammaStatistic();
      // Minka's approximation (Estimating a Gamma distribution, 2002) as the starting point.
      double guess = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
      // s − (ln k − ψ(k)) increases in k.
      double k = shape("gamma", v -> s - logMinusDigamma(v), guess);
      double ll = -n * Math.log(mean) - n * (k - 1) * s + n * stirlingRemainder(k);
      return result(
          "gamma",
          new Gamma(k, hours(mean)),
          "gamma(shape=" + number(k, DIGITS) + ", mean=" + duration(mean, DIGITS) + ")",
          2,
          ll,
          GammaDistribution.of(k, mean / k));
    }

    /** s = ln mean(x) − mean(ln x) >= 0, without cancellation (see the class comment). */
    private double gammaStatistic() {
      double sum = 0;
      for (double v : x) {
        sum += dMinusLog1p(v, mean);
      }
      return sum / n;
    }

    private Result result(
        String family,
        Distribution inHours,
        String syntax,
        int parameters,
        double logLikelihood,
        ContinuousDistribution inUnit) {
      SignificanceResult ks =
          KolmogorovSmirnovTest.withDefaults().test(x, inUnit::cumulativeProbability);
      return new Result(
          family,
          inHours,
          syntax,
          parameters,
          logLikelihood,
          2 * parameters - 2 * logLikelihood,
          ks.getStatistic(),
          ks.getPValue());
    }

    /** The root of an increasing {@code f} in [MIN_SHAPE, MAX_SHAPE], found from {@code guess}. */
    private double shape(String family, DoubleUnaryOperator f, double guess)
        throws NotFittedException {
      double lo = Math.min(Math.max(guess, MIN_SHAPE), MAX_SHAPE);
      double flo = f.applyAsDouble(lo);
      double hi = lo;
      double fhi = flo;
      while (flo > 0) {
        if (lo == MIN_SHAPE) {
          throw new NotFittedException(
              "its shape would be below "
                  + "1e-4"
                  + ": the values spread over too many orders of magnitude for the data to"
                  + " determine it");
        }
        hi = lo;
        fhi = flo;
        lo = Math.max(lo / 4, MIN_SHAPE);
        flo = f.applyAsDouble(lo);
      }
      while (fhi < 0) {
        if (hi == MAX_SHAPE) {
          throw new NotFittedException(
              "its shape would be above "
                  + "1e10"
                  + ": the values differ too little (coefficient of variation "
                  + number(variation(), 2)
                  + ") for the data to determine it; fixed("
                  + duration(mean, DIGITS)
                  + ") describes them to "
                  + number(variation() * 100, 2)
                  + " %");
        }
        lo = hi;
        flo = fhi;
        hi = Math.min(hi * 4, MAX_SHAPE);
        fhi = f.applyAsDouble(hi);
      }
      if (flo == 0) {
        return lo;
      }
      if (fhi == 0 || lo == hi) {
        return hi;
      }
      return new BrentSolver(0x1p-52, 0, 0).findRoot(f, lo, hi);
    }

    /** The sample's coefficient of variation, sd / mean (n in the denominator). */
    private double variation() {
      double ss = 0;
      for (double v : x) {
        double d = (v - mean) / mean;
        ss += d * d;
      }
      return Math.sqrt(ss / n);
    }

    /** The standard deviation of ln x. */
    private double logSpread() {
      double ss = 0;
      for (double v : centredLogs()) {
        ss += v * v;
      }
      return Math.sqrt(ss / n);
    }

    /** c_i = ln x_i − mean(ln x), each accurate to its own last digits, and c_max. */
    private double[] centredLogs() {
      if (c == null) {
        double[] v = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
          v[i] = logRatio(x[i], median);
          sum += v[i];
        }
        logRef = Math.log(median);
        meanLogDeviation = sum / n;
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          v[i] -= meanLogDeviation;
          top = Math.max(top, v[i]);
        }
        cMax = top;
        c = v;
      }
      return c;
    }

    /** A duration in the data's unit, in hours. */
    double hours(double v) {
      return v * unitSeconds / 3600;
    }

    /** A duration in the data's unit, in the display unit. */
    double toDisplay(double v) {
      return v * unitSeconds / SECONDS[UNITS.indexOf(display)];
    }

    /** A duration in the data's unit, written in the display unit with {@code digits} digits. */
    String duration(double v, int digits) {
      return number(toDisplay(v), digits) + display;
    }
  }

  /**
   * The mean by compensated (Neumaier) summation, correct to about one rounding, of the values
   * scaled by a power of two (exactly) so that the sum cannot overflow.
   */
  static double mean(double[] x) {
    double max = 0;
    for (double v : x) {
      max = Math.max(max, v);
    }
    int e = Math.getExponent(max);
    double sum = 0;
    double compensation = 0;
    for (double raw : x) {
      double v = Math.scalb(raw, -e);
      double t = sum + v;
      compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
      sum = t;
    }
    return Math.scalb((sum + compensation) / x.length, e);
  }

  /**
   * ln(x / ref) accurate to its own last digits: {@code log1p} of the exact difference near 1,
   * where a difference of logarithms would cancel, and that difference far from 1.
   */
  static double logRatio(double x, double ref) {
    if (x >= 0.5 * ref && x <= 2 * ref) {
      return Math.log1p((x - ref) / ref); // x − ref is exact here (Sterbenz)
    }
    return Math.log(x) - Math.log(ref);
  }

  /**
   * d − ln(1 + d) with d = x / ref − 1, which is >= 0: from the series d²/2 − d³/3 + … for |d| <
   * 0.1 (terms to d^17, truncation below 1e-17 relative), directly elsewhere (cancellation at most
   * a factor of 21).
   */
  static double dMinusLog1p(double x, double ref) {
    if (x >= 0.5 * ref && x <= 2 * ref) {
      double d = (x - ref) / ref;
      if (Math.abs(d) < 0.1) {
        // Horner on Σ_{j=2..17} (−1)^j d^j / j = d² (1/2 − d (1/3 − d (1/4 − …))).
        double sum = 0;
        for (int j = 17; j >= 2; j--) {
          sum = 1.0 / j - d * sum;
        }
        return d * d * sum;
      }
      return d - Math.log1p(d);
    }
    return (x / ref - 1) - (Math.log(x) - Math.log(ref));
  }

  /**
   * ln k − ψ(k), positive and decreasing: Commons Numbers' digamma below k = 12; above it the
   * asymptotic series 1/(2k) + Σ B_2j / (2j k^2j) (A&S 6.3.18), to j = 6, so that no two numbers
   * near ln k are subtracted (truncation below 1.6e-15 relative at k = 12).
   */
  static double logMinusDigamma(double k) {
    if (k < 12) {
      return Math.log(k) - Digamma.value(k);
    }
    double r = 1 / (k * k);
    double tail =
        r
            * (1.0 / 12
                - r
                    * (1.0 / 120
                        - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132 - r * 691.0 / 32760)))));
    return 0.5 / k + tail;
  }

  /**
   * k ln k − k − ln Γ(k): directly below k = 12; above it from Stirling's series (A&S 6.1.41),
   * {@code ½ ln(k / 2π) − 1/(12k) + 1/(360k³) − 1/(1260k⁵) + 1/(1680k⁷) − 1/(1188k⁹)}, since the
   * terms of the direct form are near k ln k and cancel.
   */
  static double stirlingRemainder(double k) {
    if (k < 12) {
      return k * Math.log(k) - k - LogGamma.value(k);
    }
    double r = 1 / (k * k);
    double series =
        (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r * (1.0 / 1680 - r / 1188)))) / k;
    return 0.5 * Math.log(k / (2 * Math.PI)) - series;
  }
}
