package io.firedrill.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The exact sum: every sum equals the BigDecimal sum of the same doubles exactly, and reads as that
 * sum correctly rounded (checked against its two neighbouring doubles, never against another
 * rounded computation).
 */
class ExactSumTest {
  @Test
  void add_cancellingLargeTerms_keepsTheSmallOneInAnyOrder() {
    double[][] orders = {{1e16, 1, -1e16}, {1e16, -1e16, 1}, {1, 1e16, -1e16}, {-1e16, 1, 1e16}};
    for (double[] order : orders) {
      ExactSum s = new ExactSum();
      for (double x : order) {
        s.add(x);
      }
      assertEquals(1.0, s.doubleValue(), 0.0, java.util.Arrays.toString(order));
    }
    // The double sum in the first order rounds the 1 away: 1e16 + 1 is 1e16.
    assertEquals(0.0, 1e16 + 1 - 1e16, 0.0);
  }

  @Test
  void add_aMillionTimesPointOne_equalsTheExactDecimalSumOfItsBinaryValue() {
    ExactSum s = new ExactSum();
    double naive = 0;
    for (int i = 0; i < 1_000_000; i++) {
      s.add(0.1);
      naive += 0.1;
    }
    // 0.1 is 0.1000000000000000055511151231257827021181583404541015625 in binary.
    BigDecimal exact = new BigDecimal(0.1).multiply(BigDecimal.valueOf(1_000_000));
    assertEquals(0, exact.compareTo(s.toBigDecimal()), s.toBigDecimal().toString());
    assertEquals(
        "100000.0000000000055511151231257827021181583404541015625",
        exact.stripTrailingZeros().toPlainString());
    assertCorrectlyRounded(exact, s.doubleValue());
    // The excess, 5.6e-12, is less than half the spacing of doubles at 1e5 (7.3e-12).
    assertEquals(100_000.0, s.doubleValue(), 0.0);
    // The running double sum is off by about 1.3e-6: what an exact sum removes.
    assertEquals(100000.00000133288, naive, 0.0);
  }

  @Test
  void addAndAddSquare_randomValuesOverTheWholeRange_equalTheBigDecimalSums() {
    long seed = 21L;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    for (int round = 0; round < 40; round++) {
      ExactSum sum = new ExactSum();
      ExactSum squares = new ExactSum();
      BigDecimal refSum = BigDecimal.ZERO;
      BigDecimal refSquares = BigDecimal.ZERO;
      ExactSum multiples = new ExactSum();
      BigDecimal refMultiples = BigDecimal.ZERO;
      // Round 0..9: hours-like values; later rounds: any sign, 1e-320 to 1e300, subnormals.
      int n = 3000;
      for (int i = 0; i < n; i++) {
        double x = value(rng, round);
        sum.add(x);
        squares.addSquare(x);
        BigDecimal b = new BigDecimal(x);
        refSum = refSum.add(b);
        refSquares = refSquares.add(b.multiply(b));
        // Whole multiples of x and x², as a block's count times its mean.
        long times = (rng.nextLong() >>> 1) >>> rng.nextInt(63);
        multiples.addMultiple(times, x);
        multiples.addSquareMultiple(times, x);
        BigDecimal bn = BigDecimal.valueOf(times);
        refMultiples = refMultiples.add(bn.multiply(b)).add(bn.multiply(b).multiply(b));
      }
      String where = "seed " + seed + ", round " + round;
      assertEquals(0, refSum.compareTo(sum.toBigDecimal()), where);
      assertEquals(0, refSquares.compareTo(squares.toBigDecimal()), where);
      assertCorrectlyRounded(refSum, sum.doubleValue());
      assertCorrectlyRounded(refSquares, squares.doubleValue());
      assertEquals(0, refMultiples.compareTo(multiples.toBigDecimal()), where);
      assertCorrectlyRounded(refMultiples, multiples.doubleValue());
    }
  }

  @Test
  void merge_partsInAnyGrouping_equalsOneSumOfEverything() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(22L);
    ExactSum[] parts = new ExactSum[7];
    ExactSum all = new ExactSum();
    for (int p = 0; p < parts.length; p++) {
      parts[p] = new ExactSum();
      for (int i = 0; i < 2000; i++) {
        // Even parts hours only (a window of a few chunks), odd ones anything.
        double x = value(rng, p % 2 == 0 ? p : 10 + p);
        parts[p].add(x);
        parts[p].addSquare(x);
        all.add(x);
        all.addSquare(x);
      }
    }
    ExactSum left = new ExactSum();
    for (ExactSum p : parts) {
      left.merge(p);
    }
    ExactSum right = new ExactSum();
    for (int p = parts.length - 1; p >= 0; p--) {
      right.merge(parts[p]);
    }
    ExactSum pair = new ExactSum();
    pair.merge(parts[5]);
    pair.merge(parts[6]);
    ExactSum tree = new ExactSum();
    tree.merge(parts[3]);
    tree.merge(pair);
    tree.merge(parts[0]);
    tree.merge(parts[4]);
    tree.merge(parts[2]);
    tree.merge(parts[1]);
    assertEquals(all.integer(), left.integer());
    assertEquals(all.integer(), right.integer());
    assertEquals(all.integer(), tree.integer());
    ExactSum twice = new ExactSum();
    twice.merge(all);
    twice.merge(twice);
    assertEquals(all.integer().shiftLeft(1), twice.integer());
  }

  @Test
  void add_extremeDoubles_areExactAndNeverOverflow() {
    ExactSum s = new ExactSum();
    s.add(Double.MAX_VALUE);
    s.add(Double.MAX_VALUE);
    s.add(Double.MIN_VALUE);
    // 2 × MAX_VALUE is beyond the doubles: it reads as +∞, and is still held exactly.
    assertEquals(Double.POSITIVE_INFINITY, s.doubleValue(), 0.0);
    s.add(-Double.MAX_VALUE);
    s.add(-Double.MAX_VALUE);
    assertEquals(Double.MIN_VALUE, s.doubleValue(), 0.0);
    ExactSum squares = new ExactSum();
    squares.addSquare(Double.MAX_VALUE);
    squares.addSquare(Double.MIN_VALUE);
    BigDecimal max = new BigDecimal(Double.MAX_VALUE);
    BigDecimal min = new BigDecimal(Double.MIN_VALUE);
    assertEquals(0, max.multiply(max).add(min.multiply(min)).compareTo(squares.toBigDecimal()));
    // The largest term there is, (2^63 − 1) × MAX_VALUE², twice: beyond 2^2111, still exact.
    squares.addSquareMultiple(Long.MAX_VALUE, Double.MAX_VALUE);
    squares.addSquareMultiple(Long.MAX_VALUE, -Double.MAX_VALUE);
    BigDecimal top = BigDecimal.valueOf(Long.MAX_VALUE).multiply(max).multiply(max);
    assertEquals(
        0,
        max.multiply(max)
            .add(min.multiply(min))
            .add(top)
            .add(top)
            .compareTo(squares.toBigDecimal()));
    assertTrue(squares.chunkCapacity() <= 135, "chunks: " + squares.chunkCapacity());
  }

  @Test
  void memory_spansOnlyTheValuesSeen() {
    // Hours from 0.001 to 8,760: mantissas at bits 2^-62 to 2^14 (3 chunks of 32 bits, 5 touched
    // by a term), squares at 2^-72 to 2^27 (4 chunks, 6 touched); slack at most doubles that.
    ExactSum values = new ExactSum();
    ExactSum squares = new ExactSum();
    for (double h = 1e-3; h < 8760; h *= 1.1) {
      values.add(h);
      squares.addSquare(h);
    }
    assertTrue(values.chunkCapacity() <= 2 * 5 + 2, "chunks: " + values.chunkCapacity());
    assertTrue(squares.chunkCapacity() <= 2 * 6 + 2, "chunks: " + squares.chunkCapacity());
  }

  @Test
  void add_nonFiniteValue_isRefusedAndTheSumIsUnchanged() {
    ExactSum s = new ExactSum();
    s.add(2.5);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN));
    assertEquals("value is not finite: NaN", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> s.addSquare(Double.NEGATIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> s.addMultiple(3, Double.NaN));
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> s.addSquareMultiple(-1, 2));
    assertEquals("multiple is negative: -1", negative.getMessage());
    assertEquals(2.5, s.doubleValue(), 0.0);
  }

  @Test
  void quotient_randomFractions_areCorrectlyRounded_subnormalsAndTiesIncluded() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23L);
    for (int i = 0; i < 20_000; i++) {
      BigInteger num = new BigInteger(1 + rng.nextInt(200), new java.util.Random(rng.nextLong()));
      if (rng.nextBoolean()) {
        num = num.negate();
      }
      BigInteger den = BigInteger.valueOf(1 + (rng.nextLong() >>> (1 + rng.nextInt(62))));
      int exponent = rng.nextInt(2400) - 1300;
      double q = ExactSum.quotient(num, exponent, den);
      BigDecimal exact =
          new BigDecimal(num)
              .multiply(pow2(exponent))
              .divide(new BigDecimal(den), new java.math.MathContext(1200));
      // 1200 digits hold every such quotient with room; only ties need the exact check below.
      assertCorrectlyRounded(exact, q);
    }
    // Ties: 3 × 2^-1075 is halfway between 2^-1074 and 2^-1073 (odd 1, even 2): rounds to even.
    assertEquals(
        2 * Double.MIN_VALUE, ExactSum.quotient(BigInteger.valueOf(3), -1075, BigInteger.ONE), 0.0);
    assertEquals(
        2 * Double.MIN_VALUE, ExactSum.quotient(BigInteger.valueOf(5), -1075, BigInteger.ONE), 0.0);
    // 2^53 + 1 is halfway between 2^53 and 2^53 + 2: to the even 2^53; 2^53 + 3 to 2^53 + 4.
    BigInteger p53 = BigInteger.ONE.shiftLeft(53);
    assertEquals(0x1p53, ExactSum.quotient(p53.add(BigInteger.ONE), 0, BigInteger.ONE), 0.0);
    assertEquals(
        0x1p53 + 4, ExactSum.quotient(p53.add(BigInteger.valueOf(3)), 0, BigInteger.ONE), 0.0);
    // Just above the tie, by a remainder the quotient alone cannot see: rounds up.
    assertEquals(
        0x1p53 + 2,
        ExactSum.quotient(
            p53.add(BigInteger.ONE).multiply(BigInteger.valueOf(3)).add(BigInteger.ONE),
            0,
            BigInteger.valueOf(3)),
        0.0);
    assertEquals(
        Double.POSITIVE_INFINITY, ExactSum.quotient(BigInteger.ONE, 1024, BigInteger.ONE), 0.0);
    assertEquals(-0.0, ExactSum.quotient(BigInteger.ONE.negate(), -1076, BigInteger.ONE), 0.0);
    assertEquals(
        Double.MIN_VALUE, ExactSum.quotient(BigInteger.valueOf(3), -1076, BigInteger.ONE), 0.0);
  }

  /** Hours-like values for rounds below 10, anything finite after. */
  static double value(UniformRandomProvider rng, int round) {
    if (round < 10) {
      return rng.nextInt(3) == 0 ? 0 : rng.nextDouble() * 8760;
    }
    double sign = rng.nextBoolean() ? 1 : -1;
    switch (rng.nextInt(4)) {
      case 0:
        return sign * Math.pow(10, rng.nextDouble() * 600 - 300);
      case 1:
        return sign * Double.longBitsToDouble(rng.nextLong(1L << 52)); // subnormal
      case 2:
        return sign * rng.nextDouble() * 1e16;
      default:
        return sign * Math.pow(10, rng.nextDouble() * 20 - 10);
    }
  }

  static BigDecimal pow2(int e) {
    return e >= 0
        ? new BigDecimal(BigInteger.ONE.shiftLeft(e))
        : new BigDecimal(BigInteger.valueOf(5).pow(-e), -e);
  }

  /**
   * Asserts that {@code r} is {@code exact} rounded to the nearest double, ties to even: no
   * neighbour of r is nearer, and at a tie r's last bit is 0.
   */
  static void assertCorrectlyRounded(BigDecimal exact, double r) {
    if (Double.isInfinite(r)) {
      BigDecimal max = new BigDecimal(Double.MAX_VALUE);
      BigDecimal halfUlp = new BigDecimal(Math.ulp(Double.MAX_VALUE)).divide(BigDecimal.valueOf(2));
      assertTrue(exact.abs().compareTo(max.add(halfUlp)) >= 0, exact + " → " + r);
      return;
    }
    BigDecimal d = exact.subtract(new BigDecimal(r)).abs();
    for (double neighbour : new double[] {Math.nextDown(r), Math.nextUp(r)}) {
      if (Double.isInfinite(neighbour)) {
        continue;
      }
      int c = d.compareTo(exact.subtract(new BigDecimal(neighbour)).abs());
      assertTrue(c <= 0, exact + " rounds nearer to " + neighbour + " than to " + r);
      if (c == 0) {
        assertEquals(0, Double.doubleToRawLongBits(r) & 1, "tie not to even: " + exact + " → " + r);
      }
    }
  }
}
