package io.firedrill.stats;

import java.util.Arrays;

/**
 * The weights of importance sampling by bucket of a {@link LogHistogram}: per bucket, the sum of
 * the likelihood ratios of the values in it and the sum of their squares, from which the weighted
 * exceedance probabilities, quantiles and their intervals follow (docs/simulation.md, "Importance
 * sampling").
 *
 * <p>Within a block the sums are doubles added in trial order, so they depend only on the block's
 * own trials; merging adds each block's bucket sums into exact sums ({@link ExactSum}), so the same
 * blocks merged in any order or grouping give the same bits, as every other accumulator of a run.
 * Memory: two doubles per bucket spanned while a block is filled; once merged, two exact sums per
 * non-empty bucket (about 200 bytes for weights within a few dozen octaves of one another).
 */
final class WeightedBuckets {
  private static final double[] NONE = {};

  /** A block's sums by bucket, from {@link #offset}; empty once this has merged anything. */
  private double[] weights = NONE;

  private double[] squares = NONE;
  private int offset;

  /** Exact sums by bucket, from {@link #exactOffset}, once this has merged another's; or null. */
  private ExactSum[] exactWeights;

  private ExactSum[] exactSquares;
  private int exactOffset;

  /** Tail sums {@code Σ_{j ≥ k} weight_j}, correctly rounded, from {@link #tailOffset}; or null. */
  private double[] tail;

  private double[] tailSquares;
  private int tailOffset;

  /**
   * Adds weight {@code w} (finite, non-negative) to bucket {@code i}.
   *
   * @throws IllegalStateException if this has merged another's buckets (only a block adds)
   */
  void add(int i, double w) {
    if (exactWeights != null) {
      throw new IllegalStateException("merged buckets take no single weight");
    }
    tail = null;
    if (weights.length == 0) {
      offset = i;
      weights = new double[8];
      squares = new double[8];
    } else if (i < offset || i >= offset + weights.length) {
      int lo = Math.min(i, offset);
      int hi = Math.max(i, offset + weights.length - 1);
      int slack = (hi - lo + 1) / 2;
      lo = Math.max(0, lo - (i < offset ? slack : 0));
      hi = Math.min(LogHistogram.MAX_INDEX, hi + (i >= offset ? slack : 0));
      double[] w2 = new double[hi - lo + 1];
      double[] s2 = new double[hi - lo + 1];
      System.arraycopy(weights, 0, w2, offset - lo, weights.length);
      System.arraycopy(squares, 0, s2, offset - lo, squares.length);
      weights = w2;
      squares = s2;
      offset = lo;
    }
    weights[i - offset] += w;
    squares[i - offset] += w * w;
  }

  /** Empties the buckets, keeping a block's arrays. */
  void clear() {
    Arrays.fill(weights, 0);
    Arrays.fill(squares, 0);
    exactWeights = null;
    exactSquares = null;
    tail = null;
  }

  /** Adds every weight of {@code o}: exact, so the order and grouping of merges do not matter. */
  void merge(WeightedBuckets o) {
    tail = null;
    if (exactWeights == null) {
      double[] w = weights;
      double[] s = squares;
      int off = offset;
      weights = NONE;
      squares = NONE;
      exactWeights = new ExactSum[0];
      exactSquares = new ExactSum[0];
      addAll(w, s, off);
    }
    if (o.exactWeights != null) {
      for (int k = 0; k < o.exactWeights.length; k++) {
        if (o.exactWeights[k] != null) {
          int i = cover(o.exactOffset + k);
          exact(exactWeights, i).merge(o.exactWeights[k]);
          exact(exactSquares, i).merge(o.exactSquares[k]);
        }
      }
    } else {
      addAll(o.weights, o.squares, o.offset);
    }
  }

  private void addAll(double[] w, double[] s, int off) {
    for (int k = 0; k < w.length; k++) {
      if (w[k] != 0 || s[k] != 0) {
        int i = cover(off + k);
        exact(exactWeights, i).add(w[k]);
        exact(exactSquares, i).add(s[k]);
      }
    }
  }

  private static ExactSum exact(ExactSum[] sums, int i) {
    if (sums[i] == null) {
      sums[i] = new ExactSum();
    }
    return sums[i];
  }

  /** Widens the exact arrays to hold bucket {@code b}; returns its index in them. */
  private int cover(int b) {
    int n = exactWeights.length;
    if (n == 0) {
      exactOffset = b;
      exactWeights = new ExactSum[8];
      exactSquares = new ExactSum[8];
      return 0;
    }
    if (b >= exactOffset && b < exactOffset + n) {
      return b - exactOffset;
    }
    int lo = Math.min(b, exactOffset);
    int hi = Math.max(b, exactOffset + n - 1);
    int slack = (hi - lo + 1) / 2;
    lo = Math.max(0, lo - (b < exactOffset ? slack : 0));
    hi = Math.min(LogHistogram.MAX_INDEX, hi + (b >= exactOffset ? slack : 0));
    ExactSum[] w = new ExactSum[hi - lo + 1];
    ExactSum[] s = new ExactSum[hi - lo + 1];
    System.arraycopy(exactWeights, 0, w, exactOffset - lo, n);
    System.arraycopy(exactSquares, 0, s, exactOffset - lo, n);
    exactWeights = w;
    exactSquares = s;
    exactOffset = lo;
    return b - lo;
  }

  /**
   * The sum of the weights of the buckets above bucket {@code i} ({@code squares}: of their
   * squares), correctly rounded.
   */
  double above(int i, boolean squares) {
    tails();
    int k = i + 1 - tailOffset;
    double[] t = squares ? tailSquares : tail;
    if (k >= t.length) {
      return 0;
    }
    return t[Math.max(0, k)];
  }

  /**
   * The highest bucket whose tail sum (its weight and those above) exceeds {@code level}, or -1 if
   * none does.
   */
  int highestAbove(double level) {
    tails();
    for (int k = tail.length - 1; k >= 0; k--) {
      if (tail[k] > level) {
        return k + tailOffset;
      }
    }
    return -1;
  }

  private void tails() {
    if (tail != null) {
      return;
    }
    ExactSum w = new ExactSum();
    ExactSum s = new ExactSum();
    boolean exact = exactWeights != null;
    int n = exact ? exactWeights.length : weights.length;
    tail = new double[n];
    tailSquares = new double[n];
    tailOffset = exact ? exactOffset : offset;
    double lastWeight = 0;
    double lastSquare = 0;
    for (int k = n - 1; k >= 0; k--) {
      // Read again only below a bucket that added something: each read is a correct rounding.
      if (exact ? exactWeights[k] != null : weights[k] != 0 || squares[k] != 0) {
        if (exact) {
          w.merge(exactWeights[k]);
          s.merge(exactSquares[k]);
        } else {
          w.add(weights[k]);
          s.add(squares[k]);
        }
        lastWeight = w.doubleValue();
        lastSquare = s.doubleValue();
      }
      tail[k] = lastWeight;
      tailSquares[k] = lastSquare;
    }
  }
}
