package io.firedrill.stats;

import java.math.BigInteger;

/**
 * Recovery curves: at each of a fixed set of times, the distribution over trials of a fraction in
 * [0, 1] (a service's served fraction, a site's capacity), with bounded memory.
 *
 * <p>Each (time, series) keeps a histogram of {@value #BINS} + 1 bins (values rounded to the
 * nearest 1/{@value #BINS}, so percentiles are within 1/400 = 0.0025) and an exact fixed-point sum
 * for the mean (values rounded to units of 2^-30, so the mean is within 2^-31 ≈ 4.7e-10 of the
 * sample mean). Both are integer counts, so accumulators merge by addition in any order and
 * grouping: one per worker, merged at the end, still byte-identical at any thread count. The mean
 * is the exact sum, correctly rounded, divided by 2^30 and by the trial count.
 *
 * <p>Range: a trial adds at most 2^30 to a sum, so a long holds 2^33 trials' worth; before a sum
 * can reach 2^62, its high bits are carried into a second long per cell, allocated then (after 2^32
 * trials, or a merge that would pass it). The sums are exact for up to 2^63 trials and never
 * overflow. Memory is points × series × 202 longs (203 after 2^32 trials), whatever the number of
 * trials.
 */
public final class CurveStats {
  /** Histogram bins per unit: resolution 1/200. */
  public static final int BINS = 200;

  private static final double SCALE = 0x1.0p30;

  /** Trials' worth (each adds at most 2^30) the low sums may hold: 2^32 × 2^30 = 2^62. */
  private static final long CARRY_LOAD = 1L << 32;

  private static final long LOW_MASK = 0xFFFF_FFFFL;

  private final int points;
  private final int series;
  private final long[] counts;
  private final long[] sums;

  /**
   * Null until the first carry; then a cell's sum is {@code high[cell] × 2^32 + sums[cell]}, with
   * {@code high} below 2^61 for any trial count up to 2^63.
   */
  private long[] high;

  /** A bound on every {@code sums[cell]}, in units of 2^30; carried before it reaches the limit. */
  private long load;

  private final long carryLoad;
  private long trials;

  /**
   * An empty accumulator of {@code points} × {@code series} cells.
   *
   * @throws IllegalArgumentException if a size is negative or the counters would not fit in one
   *     Java array (2^31 − 1 elements); sizes are multiplied as longs, never wrapped
   */
  public CurveStats(int points, int series) {
    this(points, series, CARRY_LOAD);
  }

  /** As {@link #CurveStats(int, int)}, carrying every {@code carryLoad} trials (for tests). */
  CurveStats(int points, int series, long carryLoad) {
    this.carryLoad = Math.min(CARRY_LOAD, carryLoad);
    long cells = (long) points * series;
    long counters = cells * (BINS + 1);
    if (points < 0 || series < 0 || counters > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "curves of "
              + points
              + " points × "
              + series
              + " series need "
              + counters
              + " counters, more than one array holds");
    }
    this.points = points;
    this.series = series;
    this.counts = new long[(int) counters];
    this.sums = new long[(int) cells];
  }

  public int points() {
    return points;
  }

  public int series() {
    return series;
  }

  public long trials() {
    return trials;
  }

  /**
   * Adds one trial: {@code values[j * width + k]} is series {@code offset + k} at point j, for k in
   * [0, width).
   */
  public void add(double[] values, int width, int offset) {
    for (int j = 0; j < points; j++) {
      for (int k = 0; k < width; k++) {
        double v = Math.max(0, Math.min(1, values[j * width + k]));
        int cell = j * series + offset + k;
        counts[cell * (BINS + 1) + (int) Math.round(v * BINS)]++;
        sums[cell] += Math.round(v * SCALE);
      }
    }
  }

  /** Adds one trial in which every series of [offset, offset + width) is 1 at every point. */
  public void addOnes(int width, int offset) {
    for (int j = 0; j < points; j++) {
      for (int k = 0; k < width; k++) {
        int cell = j * series + offset + k;
        counts[cell * (BINS + 1) + BINS]++;
        sums[cell] += (long) SCALE;
      }
    }
  }

  /** Counts a trial; call once per trial after its {@code add} calls. */
  public void countTrial() {
    trials++;
    if (++load >= carryLoad) {
      carry();
    }
  }

  /** Adds another accumulator's trials ({@code o} is not changed). */
  public void merge(CurveStats o) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += o.counts[i];
    }
    if (load + o.load >= carryLoad) {
      carry(); // this's sums below 2^32, o's below 2^62: their sum fits
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] += o.sums[i];
    }
    if (o.high != null) {
      if (high == null) {
        high = new long[sums.length];
      }
      for (int i = 0; i < high.length; i++) {
        high[i] += o.high[i];
      }
    }
    load += o.load;
    if (load >= carryLoad) {
      carry();
    }
    trials += o.trials;
  }

  /** Moves the bits of every sum above 2^32 into {@link #high}; no value changes. */
  void carry() {
    if (high == null) {
      high = new long[sums.length];
    }
    for (int i = 0; i < sums.length; i++) {
      high[i] += sums[i] >>> 32;
      sums[i] &= LOW_MASK;
    }
    load = 4; // sums below 2^32 = 4 × 2^30
  }

  /** Mean of series k at point j: the exact sum correctly rounded, / 2^30, / trials. */
  public double mean(int j, int k) {
    if (trials == 0) {
      return 0;
    }
    int cell = j * series + k;
    if (high == null) {
      return sums[cell] / SCALE / trials;
    }
    long top = high[cell] + (sums[cell] >>> 32);
    double sum =
        BigInteger.valueOf(top)
            .shiftLeft(32)
            .or(BigInteger.valueOf(sums[cell] & LOW_MASK))
            .doubleValue();
    return sum / SCALE / trials;
  }

  /** The q-quantile (lower nearest rank) of series k at point j, to within 1/400. */
  public double quantile(int j, int k, double q) {
    if (trials == 0) {
      return 0;
    }
    long rank = (long) Math.floor(q * (trials - 1));
    int base = (j * series + k) * (BINS + 1);
    long seen = 0;
    for (int b = 0; b <= BINS; b++) {
      seen += counts[base + b];
      if (seen > rank) {
        return (double) b / BINS;
      }
    }
    return 1;
  }
}
