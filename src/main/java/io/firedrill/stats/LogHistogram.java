package io.firedrill.stats;

import java.util.Arrays;

/**
 * A quantile sketch with bounded memory and a guaranteed relative error (the DDSketch idea):
 * positive values fall into buckets whose bounds grow by a factor gamma = (1 + a) / (1 − a), so any
 * quantile is returned within a relative error {@code a} of a true sample value; zeros, the minimum
 * and the maximum are kept exactly.
 *
 * <p>Merging adds bucket counts, so it is exact and order-free. Memory does not grow with the
 * number of values: buckets span only the values seen, and values are clamped to [1e-9, 1e18], at
 * most about 6,200 buckets at the default accuracy.
 */
public final class LogHistogram {
  /** Relative accuracy of quantiles: half a bucket, 2^-8. */
  public static final double ACCURACY = 0x1.0p-8;

  private static final int SHIFT = 45;
  private static final double SMALLEST = 0x1.0p-30;
  private static final double LARGEST = 0x1.0p60;

  private long[] counts = new long[0];
  private int offset;
  private long zeros;
  private long total;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** Adds a value ≥ 0. */
  public void add(double x) {
    if (x <= 0) {
      addZeros(1);
      return;
    }
    int i = index(x);
    ensure(i, i);
    counts[i - offset]++;
    total++;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }

  /** Adds {@code k} zeros. */
  public void addZeros(long k) {
    if (k > 0) {
      zeros += k;
      total += k;
      min = Math.min(min, 0);
      max = Math.max(max, 0);
    }
  }

  /** Adds every value of {@code o}. */
  public void merge(LogHistogram o) {
    if (o.total == 0) {
      return;
    }
    if (o.counts.length > 0) {
      ensure(o.offset, o.offset + o.counts.length - 1);
      for (int k = 0; k < o.counts.length; k++) {
        counts[o.offset + k - offset] += o.counts[k];
      }
    }
    zeros += o.zeros;
    total += o.total;
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
  }

  public long count() {
    return total;
  }

  /** The exact maximum (0 when empty). */
  public double max() {
    return total == 0 ? 0 : max;
  }

  /** The smallest positive value, to bucket accuracy; 0 when there is none. */
  public double minPositive() {
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        return Math.max(min, Double.longBitsToDouble((long) (k + offset) << SHIFT));
      }
    }
    return 0;
  }

  /** The exact minimum (0 when empty). */
  public double min() {
    return total == 0 ? 0 : min;
  }

  /**
   * The q-quantile (lower nearest rank on {@code q (n − 1)}), within relative error {@link
   * #ACCURACY} of a sample value, clamped to [min, max]; 0 when empty.
   */
  public double quantile(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.floor(q * (total - 1));
    if (rank < zeros) {
      return 0;
    }
    long seen = zeros;
    for (int k = 0; k < counts.length; k++) {
      seen += counts[k];
      if (seen > rank) {
        return Math.max(min, Math.min(max, representative(k + offset)));
      }
    }
    return max;
  }

  /** Number of values ≤ x, counting whole buckets (exact at zero and above the maximum). */
  public long countAtMost(double x) {
    if (x < 0) {
      return 0;
    }
    if (x >= max) {
      return total;
    }
    long c = zeros;
    if (x <= 0) {
      return c;
    }
    int limit = index(x);
    for (int k = 0; k < counts.length && k + offset <= limit; k++) {
      c += counts[k];
    }
    return c;
  }

  /** Buckets allocated (for tests of the memory bound). */
  int bucketCapacity() {
    return counts.length;
  }

  private static int index(double x) {
    double v = Math.max(SMALLEST, Math.min(LARGEST, x));
    return (int) (Double.doubleToRawLongBits(v) >>> SHIFT);
  }

  /** The middle of bucket i: within 2^-8 of every value in it, relatively. */
  private static double representative(int i) {
    double lo = Double.longBitsToDouble((long) i << SHIFT);
    double hi = Double.longBitsToDouble((long) (i + 1) << SHIFT);
    return 0.5 * (lo + hi);
  }

  private void ensure(int lo, int hi) {
    if (counts.length == 0) {
      offset = lo;
      counts = new long[hi - lo + 1];
      return;
    }
    int end = offset + counts.length - 1;
    if (lo >= offset && hi <= end) {
      return;
    }
    int newLo = Math.min(lo, offset);
    int newHi = Math.max(hi, end);
    // Grow with slack so that a stream of new extremes does not copy every time.
    int slack = (newHi - newLo + 1) / 2;
    newLo = Math.max(index(SMALLEST), newLo - (lo < offset ? slack : 0));
    newHi = Math.min(index(LARGEST), newHi + (hi > end ? slack : 0));
    long[] grown = new long[newHi - newLo + 1];
    System.arraycopy(counts, 0, grown, offset - newLo, counts.length);
    counts = grown;
    offset = newLo;
  }

  @Override
  public String toString() {
    return "LogHistogram[n="
        + total
        + ", zeros="
        + zeros
        + ", buckets="
        + Arrays.stream(counts).filter(c -> c > 0).count()
        + "]";
  }
}
