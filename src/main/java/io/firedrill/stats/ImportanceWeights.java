package io.firedrill.stats;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The likelihood ratios of the trials of an importance-sampled run, for its diagnostics
 * (docs/simulation.md, "Importance sampling"): how many, their exact sum and sum of squares, and
 * the largest.
 *
 * <p>From them: the mean weight, which estimates 1 (E[w] = 1 under the tilted sampling: a mean
 * weight many standard errors from 1 says the tilt left part of the space unsampled); the effective
 * sample size (Σ w)² / Σ w² (Kong 1992; Owen, Monte Carlo theory, methods and examples, 2013,
 * §9.3), n when every weight is 1; and the largest weight's share of the sum. Sums are exact
 * ({@link ExactSum}), so the figures do not depend on the order or grouping of merges.
 */
public final class ImportanceWeights {
  private long n;
  private ExactSum sum = new ExactSum();
  private ExactSum squares = new ExactSum();
  private double largest;

  /**
   * Adds one trial's weight.
   *
   * @throws IllegalArgumentException if w is negative, NaN or infinite
   */
  public void add(double w) {
    if (!(w >= 0 && w <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("weight is not finite and non-negative: " + w);
    }
    n++;
    sum.add(w);
    squares.addSquare(w);
    largest = Math.max(largest, w);
  }

  /** Adds another's trials: exact, in any order. */
  public void merge(ImportanceWeights o) {
    n += o.n;
    sum.merge(o.sum);
    squares.merge(o.squares);
    largest = Math.max(largest, o.largest);
  }

  /** Empties it for another block. */
  public void clear() {
    n = 0;
    sum = new ExactSum();
    squares = new ExactSum();
    largest = 0;
  }

  /** The number of trials. */
  public long count() {
    return n;
  }

  /** The mean weight (Σ w) / n, correctly rounded; 0 without trials. */
  public double mean() {
    return n == 0 ? 0 : sum.doubleValue() / n;
  }

  /**
   * The standard error of the mean weight, √((Σ w² / n − mean²) / (n − 1)); NaN with fewer than 2
   * trials.
   */
  public double meanStandardError() {
    if (n < 2) {
      return Double.NaN;
    }
    // (n Σ w² − (Σ w)²) / (n² (n − 1)), from the exact sums: exactly 0 when every weight is the
    // same, where the rounded Σ w² / n − mean² would leave a few ulps.
    BigDecimal s = sum.toBigDecimal();
    BigDecimal spread =
        squares.toBigDecimal().multiply(BigDecimal.valueOf(n)).subtract(s.multiply(s));
    double variance =
        spread.signum() <= 0
            ? 0
            : spread
                .divide(
                    BigDecimal.valueOf(n).pow(2).multiply(BigDecimal.valueOf(n - 1)),
                    MathContext.DECIMAL64)
                .doubleValue();
    return Math.sqrt(variance);
  }

  /** The effective sample size (Σ w)² / Σ w², in trials; 0 if every weight is 0. */
  public double effectiveSampleSize() {
    double s2 = squares.doubleValue();
    if (s2 == 0) {
      return 0;
    }
    double s = sum.doubleValue();
    return s / s2 * s;
  }

  /** The largest weight over the sum of all weights, in [0, 1]; 0 if every weight is 0. */
  public double largestShare() {
    double s = sum.doubleValue();
    return s == 0 ? 0 : Math.min(1, largest / s);
  }

  /** The largest weight. */
  public double largest() {
    return largest;
  }
}
