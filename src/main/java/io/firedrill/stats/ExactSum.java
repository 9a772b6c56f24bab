package io.firedrill.stats;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The exact sum of any number of finite doubles and of their squares, mergeable in any order: a
 * small superaccumulator (Neal, "Fast exact summation using small and large superaccumulators",
 * arXiv:1505.05571, 2015), as a fixed-point integer of 32-bit chunks.
 *
 * <h2>Why</h2>
 *
 * <p>A floating-point sum depends on the order of its terms: (1e16 + 1) − 1e16 is 0, 1e16 − 1e16 +
 * 1 is 1. Statistics are summed per block of trials and the blocks merged, so a rounded sum would
 * make the published figures depend on how the blocks were grouped (threads, a distributed runner,
 * a tree reduction). This sum rounds nothing: adding or merging is integer addition, so the result
 * is the same integer whatever the order or grouping, and it is rounded once, correctly (to
 * nearest, ties to even), when it is read ({@link #doubleValue}, {@link #quotient}).
 *
 * <h2>Representation and range</h2>
 *
 * <p>The value is Σ c[k] × 2^(32 k − 2148) over chunks c[k] held in longs: 2^−2148 is the square of
 * the smallest subnormal (2^−1074), so every finite double and the exact square of every finite
 * double (up to 2^2048) is a whole number of units. A double x = ±m × 2^e (m a 53-bit integer) is
 * added as the integer m at bit e + 2148, split over two chunks; its square m² (106 bits, from
 * {@link Math#multiplyHigh}) as two 53-bit halves, no rounding and no fused multiply-add needed.
 * Only the chunks between the smallest and the largest value seen are allocated (grown with slack,
 * at most 135 chunks, 1.1 KB, for values from the smallest subnormal to the largest double): a sum
 * of hours typically spans 3 to 6 chunks.
 *
 * <p>Every chunk but the top one is kept in [0, 2^32) by a carry pass after every 1,024 parts added
 * (each part changes a chunk by less than 2^52, so a chunk stays below 2^63), and the top one in
 * [−2^31, 2^31) by growing the window: the sum is exact for any number of terms up to 2^63, with
 * values anywhere in the double range; it cannot overflow. Only a non-finite term is refused
 * ({@link IllegalArgumentException}). Reading a sum larger than the largest double gives ±∞, the
 * correctly rounded result.
 *
 * <h2>Cost</h2>
 *
 * <p>Adding a value is a few integer operations on two chunks, and allocates only when a value
 * falls outside the chunks allocated so far (the first value, a new range). Reading builds a {@link
 * BigInteger}: do it once, at the end, not per value.
 */
public final class ExactSum {
  /** The value of the lowest bit of chunk 0: 2^−2148 = (2^−1074)². */
  static final int UNIT_EXPONENT = -2148;

  private static final int CHUNK_BITS = 32;
  private static final long CHUNK_MASK = 0xFFFF_FFFFL;

  /** The highest chunk a sum can reach: squares below 2^2048 times 2^63 terms stay below it. */
  private static final int MAX_CHUNK = (2048 + 63 - UNIT_EXPONENT) / CHUNK_BITS + 1;

  /**
   * Parts added between carry passes. After a pass every chunk is below 2^32 in magnitude, and each
   * part adds less than 2^52 to a chunk, so 1,024 (or 1,025) parts leave it below 2^63.
   */
  private static final int ROOM = 1024;

  private static final long[] EMPTY = {};

  private long[] chunks = EMPTY;

  /** The chunk index of {@code chunks[0]}. */
  private int offset;

  /** Parts that may still be added before a carry pass. */
  private int room = ROOM;

  /**
   * Adds {@code x} exactly; ±0 adds nothing.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite (the sum is unchanged)
   */
  public void add(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int biased = (int) (bits >>> 52) & 0x7FF;
    long m = bits & 0xF_FFFF_FFFF_FFFFL;
    if (biased == 0x7FF) {
      throw new IllegalArgumentException("value is not finite: " + x);
    }
    if (biased == 0) {
      if (m == 0) {
        return;
      }
      biased = 1; // subnormal: m × 2^−1074
    } else {
      m |= 1L << 52;
    }
    // x = ±m × 2^(biased − 1075), which is m at bit biased − 1075 + 2148.
    addPart(m, biased + 1073, bits >> 63);
    if (--room <= 0) {
      carry();
    }
  }

  /**
   * Adds {@code x²} exactly, without rounding the square; ±0 adds nothing.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite (the sum is unchanged)
   */
  public void addSquare(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int biased = (int) (bits >>> 52) & 0x7FF;
    long m = bits & 0xF_FFFF_FFFF_FFFFL;
    if (biased == 0x7FF) {
      throw new IllegalArgumentException("value is not finite: " + x);
    }
    if (biased == 0) {
      if (m == 0) {
        return;
      }
      biased = 1;
    } else {
      m |= 1L << 52;
    }
    // x² = m² × 2^(2 biased − 2150): m² at bit 2 (biased − 1), in two halves of 53 bits.
    long low = m * m;
    long high = Math.multiplyHigh(m, m);
    int position = 2 * (biased - 1);
    addPart(low & ((1L << 53) - 1), position, 0);
    addPart((high << 11) | (low >>> 53), position + 53, 0);
    room -= 2;
    if (room <= 0) {
      carry();
    }
  }

  /**
   * Adds the non-negative integer {@code m < 2^53} at bit {@code position}, negated if {@code sign}
   * is −1 (0: added as is). It touches two chunks: the low 32 − s bits of m shifted by s = position
   * mod 32 into one, the rest (less than 2^52) into the next.
   */
  private void addPart(long m, int position, long sign) {
    int k = position >>> 5;
    int i = k - offset;
    if (i < 0 || i >= chunks.length - 1) {
      i = cover(k, k + 1);
    }
    int s = position & 31;
    long low = (m << s) & CHUNK_MASK;
    long high = m >>> (CHUNK_BITS - s);
    // Two's complement negation without a branch: (v ^ −1) − (−1) = −v.
    chunks[i] += (low ^ sign) - sign;
    chunks[i + 1] += (high ^ sign) - sign;
  }

  /** Adds every term of {@code other} ({@code other} is not changed; it may be this sum). */
  public void merge(ExactSum other) {
    long[] from = other == this ? chunks.clone() : other.chunks;
    int fromOffset = other.offset;
    if (from.length == 0) {
      return;
    }
    carry();
    int i = cover(fromOffset, fromOffset + from.length);
    for (int k = 0; k < from.length; k++) {
      // Any long, split so that each chunk gains less than 2^33 in magnitude.
      chunks[i + k] += from[k] & CHUNK_MASK;
      chunks[i + k + 1] += from[k] >> CHUNK_BITS;
    }
    carry();
  }

  /** The sum, correctly rounded to the nearest double (ties to even); ±∞ beyond the range. */
  public double doubleValue() {
    return quotient(integer(), UNIT_EXPONENT, BigInteger.ONE);
  }

  /** The exact sum. */
  public BigDecimal toBigDecimal() {
    // n × 2^−2148 = n × 5^2148 / 10^2148.
    return new BigDecimal(
            integer().multiply(BigInteger.valueOf(5).pow(-UNIT_EXPONENT)), -UNIT_EXPONENT)
        .stripTrailingZeros();
  }

  /** The sum in units of 2^{@value #UNIT_EXPONENT}: the exact integer the chunks stand for. */
  BigInteger integer() {
    BigInteger n = BigInteger.ZERO;
    for (int k = chunks.length - 1; k >= 0; k--) {
      n = n.shiftLeft(CHUNK_BITS).add(BigInteger.valueOf(chunks[k]));
    }
    return n.shiftLeft(CHUNK_BITS * offset);
  }

  /**
   * Propagates carries so that every chunk but the top one is in [0, 2^32) and the top one in
   * [−2^31, 2^31), growing the window upwards if needed; the value does not change.
   */
  private void carry() {
    room = ROOM;
    if (chunks.length == 0) {
      return;
    }
    while (true) {
      int top = chunks.length - 1;
      for (int i = 0; i < top; i++) {
        long c = chunks[i] >> CHUNK_BITS;
        chunks[i] &= CHUNK_MASK;
        chunks[i + 1] += c;
      }
      long t = chunks[top];
      if (t >= Integer.MIN_VALUE && t <= Integer.MAX_VALUE) {
        return;
      }
      cover(offset + top + 1, offset + top + 1);
    }
  }

  /**
   * Makes chunks {@code lo..hi} (indices of the whole range) part of the window, growing it with
   * slack in the direction it grows so that a run of new extremes does not copy every time. Returns
   * the array index of chunk {@code lo}.
   */
  private int cover(int lo, int hi) {
    if (chunks.length == 0) {
      offset = lo;
      chunks = new long[hi - lo + 2];
      return 0;
    }
    int end = offset + chunks.length - 1;
    if (lo >= offset && hi <= end) {
      return lo - offset;
    }
    int newLo = Math.min(lo, offset);
    int newHi = Math.max(hi, end);
    int slack = (newHi - newLo + 1) / 2;
    if (lo < offset) {
      newLo = Math.max(0, newLo - slack);
    }
    if (hi > end) {
      newHi = Math.max(hi, Math.min(MAX_CHUNK, newHi + slack));
    }
    long[] grown = new long[newHi - newLo + 1];
    System.arraycopy(chunks, 0, grown, offset - newLo, chunks.length);
    chunks = grown;
    offset = newLo;
    return lo - newLo;
  }

  /** Chunks allocated (for tests of the memory bound). */
  int chunkCapacity() {
    return chunks.length;
  }

  /**
   * The quotient {@code numerator × 2^exponent / denominator}, correctly rounded to the nearest
   * double (ties to even), subnormal results included; ±∞ when it exceeds the double range, a
   * signed zero when it is below half the smallest subnormal.
   *
   * <p>It takes an integer quotient of at least 55 bits and a sticky bit for the remainder, then
   * rounds that to 53 bits (or to the subnormal grid 2^−1074) once: the classic guard, round and
   * sticky bits of IEEE 754 arithmetic.
   *
   * @throws IllegalArgumentException if {@code denominator} is not positive
   */
  static double quotient(BigInteger numerator, int exponent, BigInteger denominator) {
    if (denominator.signum() <= 0) {
      throw new IllegalArgumentException("denominator is not positive: " + denominator);
    }
    if (numerator.signum() == 0) {
      return 0.0;
    }
    boolean negative = numerator.signum() < 0;
    BigInteger a = numerator.abs();
    // 2^shift × a / denominator lies in [2^54, 2^56): an integer quotient of 55 or 56 bits.
    int shift = 55 + denominator.bitLength() - a.bitLength();
    BigInteger[] qr =
        shift >= 0
            ? a.shiftLeft(shift).divideAndRemainder(denominator)
            : a.divideAndRemainder(denominator.shiftLeft(-shift));
    long q = qr[0].longValueExact();
    boolean sticky = qr[1].signum() != 0;
    long e = (long) exponent - shift; // the value is (q + remainder) × 2^e
    long drop = (64 - Long.numberOfLeadingZeros(q)) - 53;
    if (e + drop < -1074) {
      drop = -1074 - e; // below the normal range: round to the subnormal grid
    }
    if (drop >= 58) {
      // q < 2^56 ≤ half of 2^drop: below half the smallest subnormal.
      return negative ? -0.0 : 0.0;
    }
    long kept = q >>> drop;
    long rest = q & ((1L << drop) - 1);
    long half = 1L << (drop - 1);
    if (rest > half || (rest == half && (sticky || (kept & 1) == 1))) {
      kept++;
    }
    // kept ≤ 2^53 lies on the grid of the result's binade: scalb is exact (or overflows to ∞).
    double r = Math.scalb((double) kept, (int) Math.min(4096, e + drop));
    return negative ? -r : r;
  }
}
