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
 * <p>Values added one by one (a block's trials, in trial order) update, in doubles, a compensated
 * sum s + e (Knuth's TwoSum: s the rounded running sum, e the sum of its rounding errors) and
 * Welford's running mean μ and sum of squared deviations M2: cheap updates in the runner's hot
 * loop, and fixed functions of the block's values in their order. Zeros ({@link #addZeros}) are
 * only counted. Merging folds each such running part of c values into three exact sums ({@link
 * ExactSum}), with no rounding (products are taken as integers): S = Σ (s + e) for the mean, and W1
 * = Σ c μ and W2 = Σ (M2 + c μ²) for the variance. Merging adds exact sums and counts, integer
 * additions, so the merged state is the same whatever the order of the blocks and the grouping of
 * the merges (one thread or many, block order or a tree, groups merged elsewhere).
 *
 * <p>When read, the mean S / n and the sample variance (n W2 − W1²) / (n (n − 1)), n counting every
 * value and zero, are computed with {@link BigInteger} and each correctly rounded once to the
 * nearest double. So:
 *
 * <ul>
 *   <li>the mean is the exact mean, correctly rounded, whenever the rounding errors of each block's
 *       running sum add up exactly in e: always for whole numbers below 2^53 in total (counts,
 *       0-or-1 metrics and their paired differences), and for few roundings (1e16, 1 and −1e16 have
 *       mean exactly 1/3, rounded); otherwise s + e differs from the block's sum by at most about
 *       (c ε)² Σ|x|, c its values and ε = 2^−53 (Ogita, Rump and Oishi, SIAM J. Sci. Comput. 26,
 *       2005): 10^−25 relative for 4,096 values of one sign;
 *   <li>the variance is, for one block, Welford's M2 / (n − 1) exactly as before, and in general an
 *       exact function of the blocks' Welford parts: exactly 0 for constant values, never negative.
 * </ul>
 *
 * <p>(Chan's merge of Welford tallies, used before, rounded at every merge, so the last bits
 * depended on the merge tree.) The standard error √(variance / n) and the interval bounds follow
 * from these two doubles in double arithmetic, a few roundings each, the same whatever the merge
 * tree.
 *
 * <p>Range: counts up to 2^63 − 1; the exact sums cannot overflow. A NaN or infinite value is
 * refused ({@link IllegalArgumentException}); values beyond about 1e150 in magnitude, whose squared
 * deviations or running sum overflow a double, are refused when their part is folded ({@link
 * ArithmeticException}). Adding a value allocates nothing; the first merge into a tally allocates
 * its exact sums (a few chunks of 8 bytes each). Not safe for use by several threads at once: a
 * tally belongs to one block, then to the merging thread.
 *
 * <p>Most trials of a reliability model are quiet: every metric is zero. Those are counted, not
 * added one by one, and folded in with {@link #addZeros}.
 */
public final class Tally {
  /** The standard normal's 97.5th percentile. */
  public static final double Z95 = 1.959963984540054;

  /** Every observation: values added, zeros and merged ones. */
  private long n;

  /**
   * The running part: values added since the last merge, their compensated sum s + e, their Welford
   * mean μ and M2.
   */
  private long running;

  /**
   * Zeros added while the running part was empty, counted in {@link #n} but not yet in {@code
   * running}: adding them one by one would leave every running sum at zero.
   */
  private long leadingZeros;

  private double runningSum;
  private double runningError;
  private double runningMean;
  private double runningM2;

  /** The merged part, exactly (null before the first merge): S = Σ (s + e). */
  private ExactSum sum;

  /** W1 = Σ c μ and W2 = Σ (M2 + c μ²) over the folded parts. */
  private ExactSum welfordSum;

  private ExactSum welfordSquares;

  /** The count at which {@link #mean} and {@link #variance} were last computed; −1 if never. */
  private long finishedAt = -1;

  private double mean;
  private double variance;

  /**
   * Adds one observation to the running part: TwoSum, then Welford's update.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite (the tally is unchanged)
   */
  public void add(double x) {
    if (!(Math.abs(x) <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("value is not finite: " + x);
    }
    if (x == 0) {
      addZerosInOrder(1);
      return;
    }
    if (running == 0) {
      // The zeros that opened the running part enter it now that another value follows.
      running = leadingZeros;
      leadingZeros = 0;
    }
    update(x);
  }

  /**
   * Adds {@code k} zeros exactly as {@code k} calls of {@link #add}{@code (0)} would, to the bit:
   * counted while the running part is empty, else one by one through it (unlike {@link #addZeros},
   * which only counts them). For a driver that defers a run of zeros and must keep the order of its
   * values (the sweep's paired differences); nothing if {@code k} ≤ 0.
   */
  public void addZerosInOrder(long k) {
    if (k <= 0) {
      return;
    }
    if (running == 0) {
      // Zeros that open the running part leave its sum, error, mean and M2 at zero: only counted
      // here, and they enter the part when a value other than zero follows (a part of zeros alone
      // folds to nothing). Most paired differences of a sweep are zero in a whole block.
      leadingZeros += k;
      n += k;
      return;
    }
    for (long i = 0; i < k; i++) {
      update(0);
    }
  }

  /**
   * As {@link #add}, but every zero goes through the running part one by one: the reference that
   * TallyZerosTest checks {@link #add}'s counting of leading zeros against, bit for bit. Not to be
   * mixed with {@link #add} on one tally.
   */
  void addEach(double x) {
    if (!(Math.abs(x) <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("value is not finite: " + x);
    }
    update(x);
  }

  /** TwoSum, then Welford's update, of one finite value. */
  private void update(double x) {
    // Knuth's TwoSum: t + error = runningSum + x exactly, without a branch on the magnitudes. Only
    // the first addition is on the loop's critical path.
    double t = runningSum + x;
    double z = t - runningSum;
    runningError += (runningSum - (t - z)) + (x - z);
    runningSum = t;
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

  /** Empties the tally: it then holds no observation and reads as a new one, to the bit. */
  public void clear() {
    n = 0;
    running = 0;
    leadingZeros = 0;
    runningSum = 0;
    runningError = 0;
    runningMean = 0;
    runningM2 = 0;
    sum = null;
    welfordSum = null;
    welfordSquares = null;
    finishedAt = -1; // mean and variance are computed again when read
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
      welfordSum = new ExactSum();
      welfordSquares = new ExactSum();
    }
    fold(this, sum, welfordSum, welfordSquares);
    running = 0;
    leadingZeros = 0;
    runningSum = 0;
    runningError = 0;
    runningMean = 0;
    runningM2 = 0;
    if (other.sum != null) {
      sum.merge(other.sum);
      welfordSum.merge(other.welfordSum);
      welfordSquares.merge(other.welfordSquares);
    }
    fold(other, sum, welfordSum, welfordSquares);
    n += other.n;
  }

  /**
   * Adds the running part of {@code t}, c values, to exact sums, all without rounding: s + e to S,
   * c μ to W1, M2 + c μ² to W2.
   *
   * @throws ArithmeticException if the part's sum or M2 overflowed
   */
  private static void fold(Tally t, ExactSum s, ExactSum w1, ExactSum w2) {
    if (t.running == 0) {
      return;
    }
    if (!(Math.abs(t.runningSum) <= Double.MAX_VALUE && t.runningM2 <= Double.MAX_VALUE)
        || Double.isNaN(t.runningError)) {
      throw new ArithmeticException(
          "a block's sum or squared deviations beyond the double range: values beyond about 1e150"
              + " in magnitude");
    }
    s.add(t.runningSum);
    s.add(t.runningError);
    w1.addMultiple(t.running, t.runningMean);
    w2.add(t.runningM2);
    w2.addSquareMultiple(t.running, t.runningMean);
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
    ExactSum s = new ExactSum();
    ExactSum w1 = new ExactSum();
    ExactSum w2 = new ExactSum();
    if (sum != null) {
      s.merge(sum);
      w1.merge(welfordSum);
      w2.merge(welfordSquares);
    }
    fold(this, s, w1, w2);
    BigInteger count = BigInteger.valueOf(n);
    mean = ExactSum.quotient(s.integer(), ExactSum.UNIT_EXPONENT, count);
    if (n < 2) {
      variance = 0;
      return;
    }
    // W1 = a × 2^u and W2 = b × 2^u, integers in units of 2^u (u = −2148). n W2 − W1² = (n b ×
    // 2^−u − a²) × 2^2u: 0 for constants, never negative (each part's M2 is a sum of non-negative
    // terms, and Cauchy–Schwarz).
    BigInteger a = w1.integer();
    BigInteger b = w2.integer();
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
   * The mean S / n, correctly rounded (S the exact sum of the blocks' compensated sums; see the
   * class comment for when that is Σx); 0 when empty.
   */
  public double mean() {
    finish();
    return mean;
  }

  /**
   * The sample variance (n − 1 in the denominator), (n W2 − W1²) / (n (n − 1)) correctly rounded
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
