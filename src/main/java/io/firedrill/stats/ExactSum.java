package io.firedrill.stats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The exact sum of any number of finite doubles and of their squares, mergeable in any order: a
 * superaccumulator in two levels (Neal, "Fast exact summation using small and large
 * superaccumulators", arXiv:1505.05571, 2015), an integer that rounds nothing.
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
 * <p>The unit is 2^−2148, the square of the smallest subnormal (2^−1074): every finite double, and
 * the exact square of every finite double (below 2^2048), is a whole number of units. A double x =
 * ±m × 2^e (m an integer below 2^53) is the integer m at bit e + 2148; its square m² (106 bits,
 * from {@link Math#multiplyHigh}, no rounding) is two integers below 2^53 at bits 2e + 2148 and 2e
 * + 2201.
 *
 * <p>Level one, for speed: one long per bit position (Neal's "large superaccumulator"), to which a
 * term adds its integer part with no shifting: one addition per double, two per square. Parts are
 * below 2^53, so 1,024 of them cannot overflow a long; after 1,024 additions every position is
 * moved into level two and cleared. Level two, for range: the exact value as 32-bit chunks held in
 * longs, Σ c[k] × 2^(32 k − 2148) (the "small superaccumulator"); every chunk but the top one is
 * kept in [0, 2^32) by carrying, the top one in [−2^31, 2^31) by growing upwards. Both levels hold
 * only the positions and chunks between the smallest and the largest term seen, grown with slack
 * (the first term and a term outside that range allocate; no other does). Hours from 0.001 to 8,760
 * take about 45 positions and 9 chunks for the values, 180 positions and 17 chunks for their
 * squares: 2 KB for a tally. Terms over the whole double range take at most 2,046 positions for
 * values and 4,144 for squares, and 135 chunks.
 *
 * <p>The sum is exact for any number of terms up to 2^63, anywhere in the double range; it cannot
 * overflow. Only a non-finite term is refused ({@link IllegalArgumentException}). Reading a sum
 * beyond the largest double gives ±∞, the correctly rounded result. Reading builds a {@link
 * BigInteger}: do it once, at the end, not per value.
 */
public final class ExactSum {
  /** The value of bit 0 of both levels: 2^−2148 = (2^−1074)². */
  static final int UNIT_EXPONENT = -2148;

  private static final int CHUNK_BITS = 32;
  private static final long CHUNK_MASK = 0xFFFF_FFFFL;
  private static final long MANTISSA_MASK = (1L << 52) - 1;
  private static final long PART_MASK = (1L << 53) - 1;

  /** The highest chunk a sum can reach: squares below 2^2048 times 2^63 terms stay below it. */
  private static final int MAX_CHUNK = (2048 + 63 - UNIT_EXPONENT) / CHUNK_BITS + 1;

  /** The highest bit position of a part: the high half of the square of the largest double. */
  private static final int MAX_POSITION = 2 * 2045 + 53;

  /** Parts below 2^53 that one position may take before it could overflow: 1,024 × 2^53 = 2^63. */
  private static final int ROOM = 1024;

  private static final long[] EMPTY = {};

  /** Level one: {@code parts[i]} is a sum of parts at bit {@code partOffset + i}. */
  private long[] parts = EMPTY;

  private int partOffset;

  /** Additions to level one before it must be moved into level two. */
  private int room = ROOM;

  /** Level two: {@code chunks[i]} is worth 2^(32 (chunkOffset + i) − 2148) per unit. */
  private long[] chunks = EMPTY;

  private int chunkOffset;

  /**
   * Adds {@code x} exactly; ±0 adds nothing.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite (the sum is unchanged)
   */
  public void add(double x) {
    addDecoded(decode(x), Double.doubleToRawLongBits(x) >> 63);
  }

  /**
   * Adds {@code x²} exactly, without rounding the square; ±0 adds nothing.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite (the sum is unchanged)
   */
  public void addSquare(double x) {
    addSquareDecoded(decode(x));
  }

  /**
   * Adds {@code x} to {@code sum} and {@code x²} to {@code squares}, decoding x once (a tally's hot
   * loop).
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite (both sums unchanged)
   */
  static void addWithSquare(ExactSum sum, ExactSum squares, double x) {
    long d = decode(x);
    sum.addDecoded(d, Double.doubleToRawLongBits(x) >> 63);
    squares.addSquareDecoded(d);
  }

  /**
   * |x| = m × 2^(b − 1075), packed as {@code m | b << 53}: m below 2^53 with its implicit bit, b
   * the biased exponent (1 for subnormals, whose m has no implicit bit); 0 for ±0.
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
    if (biased == 0) {
      return m == 0 ? 0 : m | 1L << 53;
    }
    return m | 1L << 52 | biased << 53;
  }

  /** Adds a {@link #decode}d value, negated if {@code sign} is −1 (0: as is). */
  private void addDecoded(long d, long sign) {
    if (d == 0) {
      return;
    }
    // m at bit b − 1075 + 2148. One addition, no shift: an exact add costs about what Welford's
    // update did (results/benchmarks, TallyBenchmark).
    int position = (int) (d >>> 53) + 1073;
    long m = d & PART_MASK;
    int i = position - partOffset;
    if (i < 0 || i >= parts.length) {
      i = coverParts(position, position);
    }
    parts[i] += (m ^ sign) - sign; // −m for sign −1, without a branch
    if (--room == 0) {
      flush();
    }
  }

  /** Adds the square of a {@link #decode}d value. */
  private void addSquareDecoded(long d) {
    if (d == 0) {
      return;
    }
    // m² × 2^(2b − 2150): m² at bit 2 (b − 1), its low 53 bits there and its high 53 bits 53
    // positions up (even and odd positions: the two halves never meet).
    long m = d & PART_MASK;
    long low = m * m;
    long high = Math.multiplyHigh(m, m);
    int position = 2 * ((int) (d >>> 53) - 1);
    int i = position - partOffset;
    if (i < 0 || i + 53 >= parts.length) {
      i = coverParts(position, position + 53);
    }
    parts[i] += low & PART_MASK;
    parts[i + 53] += (high << 11) | (low >>> 53);
    if (--room == 0) {
      flush();
    }
  }

  /** Adds every term of {@code other} ({@code other} is not changed; it may be this sum). */
  public void merge(ExactSum other) {
    flush();
    if (other == this) {
      other = copy();
    }
    if (other.parts.length > 0) {
      addPositions(other.parts, other.partOffset);
    }
    long[] from = other.chunks;
    if (from.length > 0) {
      int i = coverChunks(other.chunkOffset, other.chunkOffset + from.length);
      for (int k = 0; k < from.length; k++) {
        // Any long, split so that each chunk gains less than 2^33 in magnitude.
        chunks[i + k] += from[k] & CHUNK_MASK;
        chunks[i + k + 1] += from[k] >> CHUNK_BITS;
      }
    }
    carry();
  }

  private ExactSum copy() {
    ExactSum c = new ExactSum();
    c.parts = parts.clone();
    c.partOffset = partOffset;
    c.chunks = chunks.clone();
    c.chunkOffset = chunkOffset;
    return c;
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

  /** The sum in units of 2^{@value #UNIT_EXPONENT}: the exact integer the two levels stand for. */
  BigInteger integer() {
    flush();
    BigInteger n = BigInteger.ZERO;
    for (int k = chunks.length - 1; k >= 0; k--) {
      n = n.shiftLeft(CHUNK_BITS).add(BigInteger.valueOf(chunks[k]));
    }
    return n.shiftLeft(CHUNK_BITS * chunkOffset);
  }

  /** Moves level one into level two and clears it; the value does not change. */
  private void flush() {
    room = ROOM;
    if (parts.length > 0) {
      addPositions(parts, partOffset);
      Arrays.fill(parts, 0);
      carry();
    }
  }

  /**
   * Adds level-one sums {@code from} (element i at bit {@code offset + i}, each below 2^63 in
   * magnitude) into level two: each to the three chunks it overlaps. Carry afterwards.
   */
  private void addPositions(long[] from, int offset) {
    int base = coverChunks(offset >>> 5, ((offset + from.length - 1) >>> 5) + 2);
    for (int i = 0; i < from.length; i++) {
      long v = from[i];
      if (v == 0) {
        continue;
      }
      int position = offset + i;
      int k = base + (position >>> 5) - (offset >>> 5);
      int s = position & 31;
      long sign = v >> 63;
      long a = (v ^ sign) - sign; // |v| < 2^63
      // a × 2^s in three 32-bit pieces (a below 2^63, s below 32: at most 95 bits).
      long c0 = (a << s) & CHUNK_MASK;
      long c1 = (a >>> (CHUNK_BITS - s)) & CHUNK_MASK;
      long c2 = s == 0 ? 0 : a >>> (64 - s);
      chunks[k] += (c0 ^ sign) - sign;
      chunks[k + 1] += (c1 ^ sign) - sign;
      chunks[k + 2] += (c2 ^ sign) - sign;
    }
  }

  /**
   * Propagates carries so that every chunk but the top one is in [0, 2^32) and the top one in
   * [−2^31, 2^31), growing level two upwards if needed; the value does not change. Between two
   * carries a chunk (below 2^32 after the first) gains at most 96 pieces below 2^32 from level one
   * (32 positions share it; each adds to three chunks) and two from another sum's chunks: it never
   * comes near 2^63.
   */
  private void carry() {
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
      coverChunks(chunkOffset + top + 1, chunkOffset + top + 1);
    }
  }

  /** Makes bit positions {@code lo..hi} part of level one; returns the index of {@code lo}. */
  private int coverParts(int lo, int hi) {
    if (parts.length == 0 || lo < partOffset || hi >= partOffset + parts.length) {
      long w = window(partOffset, parts.length, lo, hi, 8, MAX_POSITION);
      parts = regrown(parts, partOffset, w);
      partOffset = (int) (w >> 32);
    }
    return lo - partOffset;
  }

  /** Makes chunks {@code lo..hi} part of level two; returns the index of {@code lo}. */
  private int coverChunks(int lo, int hi) {
    if (chunks.length == 0 || lo < chunkOffset || hi >= chunkOffset + chunks.length) {
      long w = window(chunkOffset, chunks.length, lo, hi, 1, MAX_CHUNK);
      chunks = regrown(chunks, chunkOffset, w);
      chunkOffset = (int) (w >> 32);
    }
    return lo - chunkOffset;
  }

  /**
   * The window, first index in the high 32 bits and last in the low ones, that holds the window of
   * {@code length} from {@code offset} and indices {@code lo..hi}: grown with slack of half its
   * span (at least {@code least}) in each direction it grows, so that a run of new extremes does
   * not copy every time, within [0, max] unless {@code hi} is beyond.
   */
  private static long window(int offset, int length, int lo, int hi, int least, int max) {
    boolean empty = length == 0;
    int end = offset + length - 1;
    int newLo = empty ? lo : Math.min(lo, offset);
    int newHi = empty ? hi : Math.max(hi, end);
    int slack = Math.max(least, (newHi - newLo + 1) / 2);
    if (empty || lo < offset) {
      newLo = Math.max(0, newLo - slack);
    }
    if (empty || hi > end) {
      newHi = Math.max(hi, Math.min(max, newHi + slack));
    }
    return ((long) newLo << 32) | newHi;
  }

  /** A copy of {@code a} (first index {@code offset}) in the {@link #window} {@code w}. */
  private static long[] regrown(long[] a, int offset, long w) {
    int newLo = (int) (w >> 32);
    long[] grown = new long[(int) w - newLo + 1];
    if (a.length > 0) {
      System.arraycopy(a, 0, grown, offset - newLo, a.length);
    }
    return grown;
  }

  /** Level-two chunks allocated (for tests of the memory bound). */
  int chunkCapacity() {
    return chunks.length;
  }

  /** Level-one positions allocated (for tests of the memory bound). */
  int partCapacity() {
    return parts.length;
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
