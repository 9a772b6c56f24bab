package io.firedrill.stats;

/**
 * Running count, mean and variance (Welford), mergeable (Chan et al.), with a 95 % confidence
 * interval for the mean: the normal one truncated to the range of the values, or Wilson's for a
 * proportion. Every interval of a mean in firedrill comes from here or from {@link
 * MetricStats#interval95()}, which picks between the two by the metric.
 *
 * <p>Most trials of a reliability model are quiet: every metric is zero. Those are counted, not
 * added one by one, and folded in with {@link #addZeros}, which is exact. Merging in a fixed order
 * gives the same bits whatever the thread count; that is why the runner merges blocks in block
 * order.
 */
public final class Tally {
  /** The standard normal's 97.5th percentile. */
  public static final double Z95 = 1.959963984540054;

  private long n;
  private double mean;
  private double m2;

  /** Adds one observation. */
  public void add(double x) {
    n++;
    double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }

  /** Adds {@code k} observations equal to zero. */
  public void addZeros(long k) {
    if (k > 0) {
      combine(k, 0, 0);
    }
  }

  /** Adds every observation of {@code other}. */
  public void merge(Tally other) {
    combine(other.n, other.mean, other.m2);
  }

  private void combine(long n2, double mean2, double m22) {
    if (n2 == 0) {
      return;
    }
    if (n == 0) {
      n = n2;
      mean = mean2;
      m2 = m22;
      return;
    }
    long total = n + n2;
    double delta = mean2 - mean;
    mean += delta * ((double) n2 / total);
    m2 += m22 + delta * delta * ((double) n * n2 / total);
    n = total;
  }

  public long count() {
    return n;
  }

  public double mean() {
    return mean;
  }

  /** Sample variance (n − 1 in the denominator); 0 for fewer than two observations. */
  public double variance() {
    return n < 2 ? 0 : Math.max(0, m2 / (n - 1));
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
    return new double[] {Math.max(lowest, mean - half), Math.min(highest, mean + half)};
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
