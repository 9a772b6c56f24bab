package io.firedrill.stats;

import java.util.Arrays;

/**
 * A quantile sketch over every non-negative finite double, with a guaranteed relative error (the
 * DDSketch idea, Masson, Rim and Lee, VLDB 2019, with HdrHistogram's trick of indexing a value by
 * its own bits).
 *
 * <h2>Buckets</h2>
 *
 * <p>A positive double's raw bits, read as a long, grow with its value. Dropping the low 45 of the
 * 52 mantissa bits leaves the exponent and the top 7 mantissa bits: bucket {@code i = bits >>> 45}
 * holds the values whose leading bits are those of i, so every octave [2^e, 2^(e+1)) is cut into
 * 128 buckets of equal width 2^(e−7). A bucket's middle is within 2^−8 ({@link #ACCURACY}) of every
 * value in it, relatively, so any quantile is returned within that relative error of the sample
 * value of its rank. Indices run from 0 (the smallest subnormal) to {@value #MAX_INDEX} (the
 * largest finite double, about 1.8e308): every positive finite double has a bucket, no value is
 * clamped. Subnormal values (below 2^−1022 ≈ 2.2e−308) share 128 buckets of equal width 2^−1029, so
 * they are only located to within 2^−1030 ≈ 8.7e−311 absolute. Zeros are counted apart; the
 * minimum, the smallest positive value and the maximum are kept exactly.
 *
 * <h2>Memory</h2>
 *
 * <p>A sketch has two forms, which answer every query with the same bits. Up to {@value
 * #SPARSE_LIMIT} positive values, it lists their bucket indices (an int each, at most 1 KiB,
 * appended as they come and sorted only when a quantile is read): most metrics of a reliability
 * model are zero in most trials, and a block's sketch of a quiet service then costs a few bytes,
 * not a bucket array. Past that it turns dense for good: counts are one array of longs spanning the
 * buckets from the smallest to the largest positive value seen (grown with slack, so at most twice
 * that span), whatever the number of values: about 425 buckets (3.4 KB) per decade the values span,
 * and never more than {@value #MAX_INDEX} + 1 = 262,016 buckets (2 MiB), reached only when the
 * values run from subnormals to 1e308. {@link #clear} keeps the memory of either form, so a sketch
 * reused block after block allocates nothing once it has grown.
 *
 * <p>Merging adds bucket counts, so it is exact and order-free: the merged sketch is the sketch of
 * all the values, whatever the order of merges.
 */
public final class LogHistogram {
  /** Relative accuracy of quantiles: half a bucket, 2^-8. */
  public static final double ACCURACY = 0x1.0p-8;

  /** Mantissa bits dropped: 52 − 45 = 7 kept, 128 buckets per octave. */
  private static final int SHIFT = 45;

  /** The bucket of the largest finite double, {@code Double.MAX_VALUE}. */
  public static final int MAX_INDEX = 262_015;

  static {
    assert MAX_INDEX == (int) (Double.doubleToRawLongBits(Double.MAX_VALUE) >>> SHIFT);
  }

  /**
   * Positive values a sketch lists before it turns dense: {@value} bucket indices (1 KiB), about
   * the size of the bucket array of the values of one decade, a third of a typical dense sketch.
   */
  public static final int SPARSE_LIMIT = 256;

  private static final long[] NO_COUNTS = new long[0];
  private static final int[] NO_INDICES = new int[0];

  /** Dense form (non-empty): counts of buckets {@code offset} onwards. Empty in the sparse form. */
  private long[] counts = NO_COUNTS;

  private int offset;

  /**
   * Sparse form: the bucket of each positive value, in the first {@code listedSize}, in the order
   * added (or merged) until a quantile sorts them ({@code listedSorted}): adding is an append.
   */
  private int[] listed = NO_INDICES;

  private int listedSize;
  private boolean listedSorted = true;
  private long zeros;
  private long total;
  private double min = Double.POSITIVE_INFINITY;
  private double minPositive = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** Importance sampling: the weights by bucket ({@link #add(double, double)}); null unweighted. */
  private WeightedBuckets weights;

  /**
   * Adds a value; zero and negative values count as zeros.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite
   */
  public void add(double x) {
    if (x <= 0) {
      addZeros(1);
      return;
    }
    if (!(x <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("value is not finite: " + x);
    }
    int i = index(x);
    if (counts.length == 0 && listedSize < SPARSE_LIMIT) {
      list(i);
    } else {
      densify();
      ensure(i, i);
      counts[i - offset]++;
    }
    total++;
    min = Math.min(min, x);
    minPositive = Math.min(minPositive, x);
    max = Math.max(max, x);
  }

  /** Adds {@code k} zeros. */
  /**
   * Adds value {@code x} of a trial of likelihood ratio {@code w} (importance sampling): counted as
   * {@link #add(double)} does, and its weight kept by bucket for {@link #weightAbove} and {@link
   * #weightedQuantile}. A value of 0 is counted as a zero, whose weight no estimate needs.
   *
   * @throws IllegalArgumentException if x is negative, NaN or infinite, or w is negative, NaN or
   *     infinite
   */
  public void add(double x, double w) {
    if (!(w >= 0 && w <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("weight is not finite and non-negative: " + w);
    }
    add(x);
    if (x > 0) {
      if (weights == null) {
        weights = new WeightedBuckets();
      }
      weights.add(index(x), w);
    }
  }

  /**
   * Importance sampling: the sum of the weights of the values above {@code x} (at the buckets'
   * resolution: the values in x's bucket count as at most x, as in {@link #countAtMost}); the sum
   * of their squares with {@code squares}. Every value for x below the smallest positive one; 0
   * without weights.
   */
  public double weightAbove(double x, boolean squares) {
    if (weights == null) {
      return 0;
    }
    return weights.above(x > 0 ? index(x) : -1, squares);
  }

  /**
   * Importance sampling: the quantile q of the values of {@code n} trials whose positive values
   * were added with their weights ({@link #add(double, double)}): the value v at which the
   * estimated exceedance probability, the weights of the values above v over n, first falls to 1 −
   * q or below; 0 if the weights of all positive values come to (1 − q) n or less. Within {@link
   * #ACCURACY} of v relatively, kept within the smallest positive value and the maximum seen.
   */
  public double weightedQuantile(double q, long n) {
    if (weights == null || n <= 0) {
      return 0;
    }
    int k = weights.highestAbove(level(q, n));
    if (k < 0) {
      return 0;
    }
    return Math.max(minPositive, Math.min(max, representative(k)));
  }

  /**
   * Importance sampling: the weights (or, with {@code squares}, their squares) of the values at and
   * above the bucket of the weighted quantile q of n trials ({@link #weightedQuantile}); of every
   * positive value where that quantile is 0. For the variance of the exceedance estimate there.
   */
  public double weightAtQuantile(double q, long n, boolean squares) {
    if (weights == null || n <= 0) {
      return 0;
    }
    return weights.above(weights.highestAbove(level(q, n)) - 1, squares);
  }

  /**
   * (1 − q) n, the weight the values above a q quantile may carry, as n − q n: q n is rounded once
   * and the subtraction is exact for q ≥ 1/2, so that q = 0.9 of 10 trials gives 1, not the
   * 0.9999999999999998 of (1 − 0.9) × 10.
   */
  private static double level(double q, long n) {
    return n - q * n;
  }

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
      densify();
      ensure(o.offset, o.offset + o.counts.length - 1);
      for (int k = 0; k < o.counts.length; k++) {
        counts[o.offset + k - offset] += o.counts[k];
      }
    } else if (o.listedSize > 0) {
      // A snapshot of o's list: o may be this sketch.
      int m = o.listedSize;
      int[] other = o == this ? Arrays.copyOf(listed, m) : o.listed;
      if (counts.length == 0 && listedSize + m <= SPARSE_LIMIT) {
        mergeListed(other, m);
      } else {
        densify();
        count(other, m);
      }
    }
    if (o.weights != null) {
      if (weights == null) {
        weights = new WeightedBuckets();
      }
      weights.merge(o.weights);
    }
    zeros += o.zeros;
    total += o.total;
    min = Math.min(min, o.min);
    minPositive = Math.min(minPositive, o.minPositive);
    max = Math.max(max, o.max);
  }

  public long count() {
    return total;
  }

  /** The exact maximum (0 when empty). */
  public double max() {
    return total == 0 ? 0 : max;
  }

  /** The exact smallest positive value; 0 when there is none. */
  public double minPositive() {
    return minPositive <= Double.MAX_VALUE ? minPositive : 0;
  }

  /** The exact minimum (0 when empty). */
  public double min() {
    return total == 0 ? 0 : min;
  }

  /**
   * The q-quantile (lower nearest rank on {@code q (n − 1)}), within relative error {@link
   * #ACCURACY} of the sample value of that rank (absolute 2^−1030 for subnormals), clamped to the
   * smallest positive value and the maximum; exact for the smallest and the largest rank and for
   * zeros; 0 when empty.
   */
  public double quantile(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.floor(q * (total - 1));
    if (rank < zeros) {
      return 0;
    }
    if (rank == zeros) {
      return minPositive;
    }
    if (rank >= total - 1) {
      return max;
    }
    if (counts.length == 0) {
      // rank − zeros is in [1, listedSize − 2]: the listed value of that rank, sorted.
      sortListed();
      return Math.max(minPositive, Math.min(max, representative(listed[(int) (rank - zeros)])));
    }
    long seen = zeros;
    for (int k = 0; k < counts.length; k++) {
      seen += counts[k];
      if (seen > rank) {
        return Math.max(minPositive, Math.min(max, representative(k + offset)));
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
    if (counts.length == 0) {
      for (int k = 0; k < listedSize; k++) {
        c += listed[k] <= limit ? 1 : 0;
      }
      return c;
    }
    for (int k = 0; k < counts.length && k + offset <= limit; k++) {
      c += counts[k];
    }
    return c;
  }

  /**
   * Empties the sketch, keeping its memory: a dense sketch stays dense, with the buckets between
   * its smallest positive value and its maximum zeroed (no other is non-zero); a sparse one keeps
   * its list's capacity. The sketch then answers every query as a new one does.
   */
  public void clear() {
    if (counts.length > 0 && total > zeros) {
      // Every non-zero bucket lies between those of the smallest positive value and the maximum.
      Arrays.fill(counts, index(minPositive) - offset, index(max) - offset + 1, 0);
    }
    if (weights != null) {
      weights.clear();
    }
    listedSize = 0;
    listedSorted = true;
    zeros = 0;
    total = 0;
    min = Double.POSITIVE_INFINITY;
    minPositive = Double.POSITIVE_INFINITY;
    max = Double.NEGATIVE_INFINITY;
  }

  /** Buckets allocated (for tests of the memory bound); 0 in the sparse form. */
  int bucketCapacity() {
    return counts.length;
  }

  /** Whether the sketch lists its positive values (for tests of the two forms). */
  boolean isSparse() {
    return counts.length == 0;
  }

  /**
   * Turns the sketch dense for good (package-private for the tests of the two forms); nothing if it
   * is dense already or lists nothing (the first {@link #ensure} then allocates the buckets).
   */
  void densify() {
    if (counts.length == 0 && listedSize > 0) {
      count(listed, listedSize);
      listedSize = 0;
      listedSorted = true;
    }
  }

  /** Counts the values of {@code m} bucket indices (in any order) into the bucket array. */
  private void count(int[] indices, int m) {
    int lo = indices[0];
    int hi = lo;
    for (int k = 1; k < m; k++) {
      lo = Math.min(lo, indices[k]);
      hi = Math.max(hi, indices[k]);
    }
    ensure(lo, hi);
    for (int k = 0; k < m; k++) {
      counts[indices[k] - offset]++;
    }
  }

  /** Lists one more value, of bucket i, at the end of the list. */
  private void list(int i) {
    if (listedSize == listed.length) {
      listed = Arrays.copyOf(listed, Math.min(SPARSE_LIMIT, Math.max(8, 2 * listed.length)));
    }
    if (listedSize > 0 && listed[listedSize - 1] > i) {
      listedSorted = false;
    }
    listed[listedSize++] = i;
  }

  /** Appends {@code m} bucket indices of another list (in any order) to this one. */
  private void mergeListed(int[] other, int m) {
    int n = listedSize;
    if (n + m > listed.length) {
      listed = Arrays.copyOf(listed, Math.min(SPARSE_LIMIT, Math.max(n + m, 2 * listed.length)));
    }
    System.arraycopy(other, 0, listed, n, m);
    listedSize = n + m;
    listedSorted = false;
  }

  /**
   * Sorts the list for a quantile, once until the next append; allocates nothing (a dual-pivot
   * quicksort of at most {@value #SPARSE_LIMIT} ints).
   */
  private void sortListed() {
    if (!listedSorted) {
      Arrays.sort(listed, 0, listedSize);
      listedSorted = true;
    }
  }

  /** The bucket of a positive finite value: its raw bits without the low 45 mantissa bits. */
  private static int index(double x) {
    return (int) (Double.doubleToRawLongBits(x) >>> SHIFT);
  }

  /**
   * The middle of bucket i: its lower bound plus half its width, which is 2^44 units in the last
   * place of the lower bound (for subnormals too). Never overflows, even in the last bucket.
   */
  private static double representative(int i) {
    double lo = Double.longBitsToDouble((long) i << SHIFT);
    return lo + Math.ulp(lo) * 0x1.0p44;
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
    newLo = Math.max(0, newLo - (lo < offset ? slack : 0));
    newHi = Math.min(MAX_INDEX, newHi + (hi > end ? slack : 0));
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
        + (counts.length == 0
            ? Arrays.stream(listed, 0, listedSize).distinct().count()
            : Arrays.stream(counts).filter(c -> c > 0).count())
        + "]";
  }
}
