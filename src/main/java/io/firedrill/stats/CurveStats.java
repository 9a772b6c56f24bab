package io.firedrill.stats;

/**
 * Recovery curves: at each of a fixed set of times, the distribution over trials of a fraction in
 * [0, 1] (a service's served fraction, a site's capacity), with bounded memory.
 *
 * <p>Each (time, series) keeps a histogram of {@value #BINS} + 1 bins (values rounded to the
 * nearest 1/{@value #BINS}, so percentiles are within 1/400 = 0.0025) and an exact fixed-point sum
 * for the mean (values in units of 2^-30). Both are integer counts, so accumulators merge by
 * addition in any order: one per worker, merged at the end, still byte-identical at any thread
 * count. Memory is points × series × 202 longs, whatever the number of trials.
 */
public final class CurveStats {
  /** Histogram bins per unit: resolution 1/200. */
  public static final int BINS = 200;

  private static final double SCALE = 0x1.0p30;

  private final int points;
  private final int series;
  private final long[] counts;
  private final long[] sums;
  private long trials;

  /**
   * An empty accumulator of {@code points} × {@code series} cells.
   *
   * @throws IllegalArgumentException if a size is negative or the counters would not fit in one
   *     Java array (2^31 − 1 elements); sizes are multiplied as longs, never wrapped
   */
  public CurveStats(int points, int series) {
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
  }

  /** Adds another accumulator's trials. */
  public void merge(CurveStats o) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += o.counts[i];
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] += o.sums[i];
    }
    trials += o.trials;
  }

  /** Mean of series k at point j. */
  public double mean(int j, int k) {
    return trials == 0 ? 0 : sums[j * series + k] / SCALE / trials;
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
