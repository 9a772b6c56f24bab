package io.firedrill.stats;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The exact sum of finite doubles, of their squares and of their whole multiples, mergeable in any
 * order: a superaccumulator (Neal, "Fast exact summation using small and large superaccumulators",
 * arXiv:1505.05571, 2015), an integer that rounds nothing.
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
 * <p>The unit is 2^−2148, the square of the smallest subnormal (2^−1074): every finite double x,
 * its exact square, and n x and n x² for any whole n below 2^63, is a whole number of units. A
 * double x = ±m × 2^e (m an integer below 2^53) is the integer m at bit e + 2148; x² is m² (106
 * bits, {@link Math#multiplyHigh}) at bit 2e + 2148; n x is the 116-bit n m. No term is rounded.
 * The value is kept as 32-bit chunks held in longs, Σ c[k] × 2^(32 k − 2148) (Neal's "small
 * superaccumulator"): a term adds its bits to the few chunks they overlap, and carries are
 * propagated at the latest after 2^20 terms (each adds less than 2^32 to a chunk), so that every
 * chunk but the top one is in [0, 2^32), the top one in [−2^31, 2^31). Only the chunks between the
 * smallest and the largest term are held, grown with slack: about 10 chunks for sums of hours, at
 * most 135 (1.1 KB) for terms from the smallest subnormal to 2^63 squares of the largest double.
 *
 * <p>The sum is exact for any number of terms up to 2^63, anywhere in that range; it cannot
 * overflow. Only a non-finite term is refused ({@link IllegalArgumentException}). Reading a sum
 * beyond the largest double gives ±∞, the correctly rounded result. Reading builds a {@link
 * BigInteger}, and adding costs tens of nanoseconds: firedrill adds a few terms per block of
 * trials, not per value (see {@link Tally}).
 */
public final class ExactSum {
  /** The value of bit 0 of chunk 0: 2^−2148 = (2^−1074)². */
  static final int UNIT_EXPONENT = -2148;

  private static final int CHUNK_BITS = 32;
  private static final long CHUNK_MASK = 0xFFFF_FFFFL;
  private static final long MANTISSA_MASK = (1L << 52) - 1;
  private static final long LOW_53 = (1L << 53) - 1;

  /** The highest chunk a sum can reach: 2^63 terms below 2^(63 + 2048) stay below it. */
  private static final int MAX_CHUNK = (63 + 2048 + 63 - UNIT_EXPONENT) / CHUNK_BITS + 1;

  /**
   * Terms between carries. Each adds less than 2^32 to a chunk that a carry left below 2^32 in
   * magnitude, so 2^20 terms leave it below 2^53, far from 2^63.
   */
  private static final int ROOM = 1 << 20;

  private static final long[] EMPTY = {};

  /** {@code chunks[i]} is worth 2^(32 (offset + i) − 2148) per unit. */
  private long[] chunks = EMPTY;

  private int offset;

  /** Terms that may still be added before a carry. */
  private int room = ROOM;

  /**
   * Adds {@code x} exactly; ±0 adds nothing.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite (the sum is unchanged)
   */
  public void add(double x) {
    long d = decode(x);
    addBits(0, d & LOW_53, position(d), x < 0);
  }

  /**
   * Adds {@code x²} exactly, without rounding the square; ±0 adds nothing.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite (the sum is unchanged)
   */
  public void addSquare(double x) {
    long d = decode(x);
    long m = d & LOW_53;
    addBits(Math.multiplyHigh(m, m), m * m, 2 * position(d) - 2148, false);
  }

  /**
   * Adds {@code n × x} exactly.
   *
   * @throws IllegalArgumentException if {@code n} is negative or {@code x} NaN or infinite (the sum
   *     is unchanged)
   */
  public void addMultiple(long n, double x) {
    long d = decode(x);
    checkMultiple(n);
    long m = d & LOW_53;
    // n < 2^63 and m < 2^53 are non-negative: the signed high word is the unsigned one.
    addBits(Math.multiplyHigh(n, m), n * m, position(d), x < 0);
  }

  /**
   * Adds {@code n × x²} exactly, without rounding the square.
   *
   * @throws IllegalArgumentException if {@code n} is negative or {@code x} NaN or infinite (the sum
   *     is unchanged)
   */
  public void addSquareMultiple(long n, double x) {
    long d = decode(x);
    checkMultiple(n);
    long m = d & LOW_53;
    long low = m * m;
    long high = Math.multiplyHigh(m, m);
    // m² = a × 2^53 + b with a, b below 2^53: n × m² is n b at the square's bit, n a 53 above.
    long a = (high << 11) | (low >>> 53);
    long b = low & LOW_53;
    int at = 2 * position(d) - 2148;
    addBits(Math.multiplyHigh(n, b), n * b, at, false);
    addBits(Math.multiplyHigh(n, a), n * a, at + 53, false);
  }

  private static void checkMultiple(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("multiple is negative: " + n);
    }
  }

  /**
   * |x| = m × 2^(b − 1075), packed as {@code m | b << 53}: m below 2^53 with its implicit bit, b
   * the biased exponent (1 for subnormals, whose m has no implicit bit); m = 0 for ±0.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite
   */
  private static long decode(double x) {
    long bits = Double.doubleToRawLongBits(x);
    long biased = (bits >>> 52) & 0x7FF;
    long m = bits & MANTISSA_MASK;
    if (biased == 0x7FF) {
      throw new IllegalArgumentException("value is not finite: " + x);
    }
    return biased == 0 ? m | 1L << 53 : m | 1L << 52 | biased << 53;
  }

  /** The bit, in units of 2^−2148, of the lowest bit of a {@link #decode}d m: b − 1075 + 2148. */
  private static int position(long d) {
    return (int) (d >>> 53) + 1073;
  }

  /**
   * Adds the unsigned 128-bit integer {@code high × 2^64 + low} at bit {@code position}, negated if
   * {@code negative}: shifted by {@code position mod 32}, its at most 160 bits are five 32-bit
   * pieces, each added to (or subtracted from) one chunk.
   */
  private void addBits(long high, long low, int position, boolean negative) {
    if ((high | low) == 0) {
      return;
    }
    int s = position & 31;
    int k = position >>> 5;
    int i = k - offset;
    if (i < 0 || i + 4 >= chunks.length) {
      i = cover(k, k + 4);
    }
    // (high, low) << s as five pieces of 32 bits, lowest first.
    long shiftedLow = low << s;
    long shiftedHigh = s == 0 ? high : (high << s) | (low >>> (64 - s));
    long spill = s == 0 ? 0 : high >>> (64 - s);
    long sign = negative ? -1 : 0; // (v ^ −1) − (−1) = −v
    chunks[i] += ((shiftedLow & CHUNK_MASK) ^ sign) - sign;
    chunks[i + 1] += ((shiftedLow >>> 32) ^ sign) - sign;
    chunks[i + 2] += ((shiftedHigh & CHUNK_MASK) ^ sign) - sign;
    chunks[i + 3] += ((shiftedHigh >>> 32) ^ sign) - sign;
    chunks[i + 4] += (spill ^ sign) - sign;
    if (--room == 0) {
      carry();
    }
  }

  /** Adds every term of {@code other} ({@code other} is not changed; it may be this sum). */
  public void merge(ExactSum other) {
    long[] from = other == this ? chunks.clone() : other.chunks;
    if (from.length == 0) {
      return;
    }
    carry();
    int i = cover(other.offset, other.offset + from.length);
    for (int k = 0; k < from.length; k++) {
      // Any long, split so that each chunk gains less than 2^32 + 2^31 in magnitude.
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
    while (chunks.length > 0) {
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
   * Makes chunks {@code lo..hi} part of the window, growing it with slack of half its span (at
   * least 2) in the direction it grows, so that a run of new extremes does not copy every time;
   * returns the array index of chunk {@code lo}.
   */
  private int cover(int lo, int hi) {
    boolean empty = chunks.length == 0;
    int end = offset + chunks.length - 1;
    if (!empty && lo >= offset && hi <= end) {
      return lo - offset;
    }
    int newLo = empty ? lo : Math.min(lo, offset);
    int newHi = empty ? hi : Math.max(hi, end);
    int slack = Math.max(2, (newHi - newLo + 1) / 2);
    if (empty || lo < offset) {
      newLo = Math.max(0, newLo - slack);
    }
    if (empty || hi > end) {
      newHi = Math.max(hi, Math.min(MAX_CHUNK, newHi + slack));
    }
    long[] grown = new long[newHi - newLo + 1];
    if (!empty) {
      System.arraycopy(chunks, 0, grown, offset - newLo, chunks.length);
    }
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
