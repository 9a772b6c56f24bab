package io.firedrill.stats;

import java.math.BigInteger;

/**
 * Count, mean and variance of a sample, mergeable exactly in any order, with a 95 % confidence
 * interval for the mean: the normal one truncated to the range of the values, or Wilson's for a
 * proportion. Every interval of a mean in firedrill comes from here or from {@link
 * MetricStats#interval95()}, which picks between the two by the metric.
 *
 * <h2>Within a block in doubles, across blocks exact</h2>
 *
 * <p>Values added one by one (a block's trials, in trial order) go into Welford's running mean and
 * sum of squared deviations M2, in doubles: the cheapest update there is, in the hot loop of the
 * runner, and a fixed function of the block's values in their order. Zeros ({@link #addZeros}) are
 * only counted. Merging folds each such running part, c values with mean μ and M2, into two exact
 * sums ({@link ExactSum}), S1 = Σ c μ and S2 = Σ (M2 + c μ²), with no rounding (the products are
 * taken as integers). Merging adds exact sums and counts: integer additions, so the merged state is
 * the same whatever the order of the blocks and the grouping of the merges (one thread or many,
 * block order or a tree, groups merged elsewhere).
 *
 * <p>When read, the mean S1 / n and the sample variance (n S2 − S1²) / (n (n − 1)), n counting
 * every value and zero, are computed with {@link BigInteger} and each correctly rounded once to the
 * nearest double. For one block these are its Welford mean and M2 / (n − 1), exactly as before; for
 * merged blocks they are exact functions of the blocks' parts: constant values have variance
 * exactly 0, and blocks of 1e16, 1 and −1e16 have mean exactly 1/3, rounded. (Chan's merge of
 * Welford tallies, used before, rounds at every merge, so the last bits depended on the merge
 * tree.) The standard error √(variance / n) and the interval bounds follow from these two doubles
 * in double arithmetic, a few roundings each, the same whatever the merge tree.
 *
 * <p>Range: counts up to 2^63 − 1; the exact sums cannot overflow. A NaN or infinite value is
 * refused ({@link IllegalArgumentException}); values beyond about 1e150 in magnitude, whose squared
 * deviations overflow a double, are refused when their part is folded ({@link
 * ArithmeticException}). Adding a value allocates nothing; the first merge into a tally allocates
 * its exact sums (3 to 10 chunks of 8 bytes each for hours). Not safe for use by several threads at
 * once: a tally belongs to one block, then to the merging thread.
 *
 * <p>Most trials of a reliability model are quiet: every metric is zero. Those are counted, not
 * added one by one, and folded in with {@link #addZeros}.
 */
public final class Tally {
  /** The standard normal's 97.5th percentile. */
  public static final double Z95 = 1.959963984540054;

  /** Every observation: values added, zeros and merged ones. */
  private long n;

  /** The running part: values added since the last merge, their Welford mean and M2. */
  private long running;

  private double runningMean;
  private double runningM2;

  /** The merged part, exactly: S1 = Σ c μ and S2 = Σ (M2 + c μ²) over folded parts; else null. */
  private ExactSum sum;

  private ExactSum sumOfSquares;

  /** The count at which {@link #mean} and {@link #variance} were last computed; −1 if never. */
  private long finishedAt = -1;

  private double mean;
  private double variance;

  /**
   * Adds one observation (Welford's update of the running part).
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite (the tally is unchanged)
   */
  public void add(double x) {
    if (!(Math.abs(x) <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("value is not finite: " + x);
    }
    running++;
    double d = x - runningMean;
    runningMean += d / running;
    runningM2 += d * (x - runningMean);
    n++;
  }

  /** Adds {@code k} observations equal to zero; nothing if {@code k} ≤ 0. */
  public void addZeros(long k) {
    if (k > 0) {
      n += k;
    }
  }

  /**
   * Adds every observation of {@code other} ({@code other} is not changed).
   *
   * @throws ArithmeticException if a running part's M2 overflowed (values beyond about 1e150)
   */
  public void merge(Tally other) {
    if (other.n == 0) {
      return;
    }
    if (sum == null) {
      sum = new ExactSum();
      sumOfSquares = new ExactSum();
    }
    fold(sum, sumOfSquares, running, runningMean, runningM2);
    running = 0;
    runningMean = 0;
    runningM2 = 0;
    if (other.sum != null) {
      sum.merge(other.sum);
      sumOfSquares.merge(other.sumOfSquares);
    }
    fold(sum, sumOfSquares, other.running, other.runningMean, other.runningM2);
    n += other.n;
  }

  /**
   * Adds a running part, c values of mean μ and M2, to exact sums: c μ to S1, M2 + c μ² to S2, all
   * without rounding.
   */
  private static void fold(ExactSum s1, ExactSum s2, long c, double mu, double m2) {
    if (c == 0) {
      return;
    }
    if (!(m2 <= Double.MAX_VALUE)) {
      throw new ArithmeticException(
          "squared deviations beyond the double range: values beyond about 1e150 in magnitude");
    }
    s1.addMultiple(c, mu);
    s2.add(m2);
    s2.addSquareMultiple(c, mu);
  }

  /**
   * Computes the mean and the variance from the exact sums and the running part, each correctly
   * rounded once. The state changes only with the count, so the count says whether they are
   * current.
   */
  private void finish() {
    if (finishedAt == n) {
      return;
    }
    finishedAt = n;
    if (n == 0) {
      mean = 0;
      variance = 0;
      return;
    }
    ExactSum s1 = new ExactSum();
    ExactSum s2 = new ExactSum();
    if (sum != null) {
      s1.merge(sum);
      s2.merge(sumOfSquares);
    }
    fold(s1, s2, running, runningMean, runningM2);
    // S1 = a × 2^u and S2 = b × 2^u, integers in units of 2^u (u = −2148).
    BigInteger a = s1.integer();
    BigInteger b = s2.integer();
    BigInteger count = BigInteger.valueOf(n);
    mean = ExactSum.quotient(a, ExactSum.UNIT_EXPONENT, count);
    if (n < 2) {
      variance = 0;
      return;
    }
    // n S2 − S1² = (n b × 2^−u − a²) × 2^2u: 0 for constants, never negative (every part's M2 is
    // a sum of non-negative terms, and Cauchy–Schwarz).
    int za = a.signum() == 0 ? 0 : a.getLowestSetBit();
    int zb = b.signum() == 0 ? 0 : b.getLowestSetBit();
    a = a.shiftRight(za); // S1 = a × 2^(u + za)
    b = b.shiftRight(zb); // S2 = b × 2^(u + zb)
    int squareExponent = 2 * (ExactSum.UNIT_EXPONENT + za);
    int sumExponent = ExactSum.UNIT_EXPONENT + zb;
    int low = Math.min(squareExponent, sumExponent);
    BigInteger numerator =
        count
            .multiply(b)
            .shiftLeft(sumExponent - low)
            .subtract(a.multiply(a).shiftLeft(squareExponent - low));
    variance = ExactSum.quotient(numerator, low, count.multiply(BigInteger.valueOf(n - 1)));
  }

  public long count() {
    return n;
  }

  /**
   * The mean S1 / n, correctly rounded (S1 = Σx for values merged one per block, else the exact sum
   * of the blocks' c μ); 0 when empty.
   */
  public double mean() {
    finish();
    return mean;
  }

  /**
   * The sample variance (n − 1 in the denominator), (n S2 − S1²) / (n (n − 1)) correctly rounded
   * (for one block without zeros, Welford's M2 / (n − 1)); 0 for fewer than two observations.
   */
  public double variance() {
    finish();
    return variance;
  }

  /** Standard error of the mean; 0 for fewer than two observations. */
  public double standardError() {
    return n < 2 ? 0 : Math.sqrt(variance() / n);
  }

  /** An undefined interval: {NaN, NaN}, written as empty cells and "n/a". */
  public static double[] undefined() {
    return new double[] {Double.NaN, Double.NaN};
  }

  /**
   * The normal 95 % interval of the mean, mean ± 1.96 SE, truncated to the range {@code [lowest,
   * highest]} the mean can take (pass ±∞ for no bound); undefined (both NaN) with fewer than two
   * observations, where the variance cannot be estimated.
   */
  public double[] interval95(double lowest, double highest) {
    if (n < 2) {
      return undefined();
    }
    double half = Z95 * standardError();
    double m = mean();
    return new double[] {Math.max(lowest, m - half), Math.min(highest, m + half)};
  }

  /**
   * Wilson score 95 % interval for {@code k} successes in {@code n} trials: honest near 0 and 1,
   * where the normal one is not (Wilson, J. Am. Stat. Assoc. 22, 1927; Brown, Cai and DasGupta,
   * Statist. Sci. 16, 2001). Undefined (both NaN) for fewer than two trials, as every interval of a
   * mean is here.
   */
  public static double[] wilson(long k, long n) {
    if (n < 2) {
      return undefined();
    }
    double p = (double) k / n;
    double z2n = Z95 * Z95 / n;
    double center = (p + z2n / 2) / (1 + z2n);
    double half = Z95 / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z2n / (4 * n));
    // At p = 0 and p = 1 one bound is exactly 0 or 1; rounding must not make it 1e-19.
    return new double[] {
      p == 0 ? 0 : Math.max(0, center - half), p == 1 ? 1 : Math.min(1, center + half)
    };
  }
}
