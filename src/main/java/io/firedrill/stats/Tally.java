package io.firedrill.stats;

import java.math.BigInteger;

/**
 * Count, mean and variance of a sample, mergeable exactly in any order, with a 95 % confidence
 * interval for the mean: the normal one truncated to the range of the values, or Wilson's for a
 * proportion. Every interval of a mean in firedrill comes from here or from {@link
 * MetricStats#interval95()}, which picks between the two by the metric.
 *
 * <h2>Exact sums, one rounding</h2>
 *
 * <p>A tally keeps the count n (a long), and the exact sums Σx and Σx² ({@link ExactSum}: integer
 * superaccumulators; each x² is added without rounding). Adding, {@link #addZeros} and {@link
 * #merge} are integer additions, so the state after any set of values is the same whatever the
 * order of the values, the blocks they came in, and the grouping or order in which the blocks were
 * merged: one thread or many, block order or a tree, byte-identical results. The mean Σx / n and
 * the sample variance (n Σx² − (Σx)²) / (n (n − 1)) are computed from the exact sums with {@link
 * java.math.BigInteger} when first read (and again after a change), each correctly rounded once to
 * the nearest double: so the variance of a constant sample is exactly 0 and the mean of 1e16, 1 and
 * −1e16 is exactly 1/3 rounded. (Welford's running mean and Chan's merge, used before, round at
 * every step; the result then depended on the merge tree in the last bits.) The standard error
 * √(variance / n) and the interval bounds are computed from these two doubles in double arithmetic,
 * a few roundings each, identical whatever the merge tree.
 *
 * <p>Range: any finite values, up to 2^63 − 1 of them; the sums never overflow (sums beyond the
 * double range read as ±∞). A NaN or infinite value is refused with an {@link
 * IllegalArgumentException}. Adding a value costs a few integer operations and allocates only when
 * it falls outside the range of the values seen so far.
 *
 * <p>Not safe for use by several threads at once, reading included (reading moves the sums' fast
 * level into their exact one): a tally belongs to one block, then to the merging thread.
 *
 * <p>Most trials of a reliability model are quiet: every metric is zero. Those are counted, not
 * added one by one, and folded in with {@link #addZeros}.
 */
public final class Tally {
  /** The standard normal's 97.5th percentile. */
  public static final double Z95 = 1.959963984540054;

  private long n;
  private final ExactSum sum = new ExactSum();
  private final ExactSum sumOfSquares = new ExactSum();

  /** The count at which {@link #mean} and {@link #variance} were last computed; −1 if never. */
  private long finishedAt = -1;

  private double mean;
  private double variance;

  /**
   * Adds one observation.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite (the tally is unchanged)
   */
  public void add(double x) {
    ExactSum.addWithSquare(sum, sumOfSquares, x);
    n++;
  }

  /** Adds {@code k} observations equal to zero; nothing if {@code k} ≤ 0. */
  public void addZeros(long k) {
    if (k > 0) {
      n += k;
    }
  }

  /** Adds every observation of {@code other} ({@code other} is not changed). */
  public void merge(Tally other) {
    if (other.n == 0) {
      return;
    }
    sum.merge(other.sum);
    sumOfSquares.merge(other.sumOfSquares);
    n += other.n;
  }

  /**
   * Computes the mean and the variance from the exact sums, each correctly rounded once. The state
   * changes only with the count, so the count says whether they are current.
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
    // Σx = s1 × 2^u and Σx² = s2 × 2^u, integers in units of 2^u (u = −2148).
    BigInteger s1 = sum.integer();
    BigInteger s2 = sumOfSquares.integer();
    BigInteger count = BigInteger.valueOf(n);
    mean = ExactSum.quotient(s1, ExactSum.UNIT_EXPONENT, count);
    if (n < 2) {
      variance = 0;
      return;
    }
    // n Σx² − (Σx)² = (n s2 × 2^−u − s1²) × 2^2u, ≥ 0 (Cauchy–Schwarz) and exactly 0 for
    // constants. Trailing zero bits are dropped first to keep the integers short.
    int z1 = s1.signum() == 0 ? 0 : s1.getLowestSetBit();
    int z2 = s2.signum() == 0 ? 0 : s2.getLowestSetBit();
    BigInteger a = s1.shiftRight(z1); // Σx = a × 2^(u + z1)
    BigInteger b = s2.shiftRight(z2); // Σx² = b × 2^(u + z2)
    int squareExponent = 2 * (ExactSum.UNIT_EXPONENT + z1);
    int sumExponent = ExactSum.UNIT_EXPONENT + z2;
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

  /** The mean, Σx / n correctly rounded; 0 when empty. */
  public double mean() {
    finish();
    return mean;
  }

  /**
   * The sample variance (n − 1 in the denominator), (n Σx² − (Σx)²) / (n (n − 1)) correctly
   * rounded; 0 for fewer than two observations.
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
