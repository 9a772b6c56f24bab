package io.firedrill.stats;

import static io.firedrill.stats.ExactSumTest.assertCorrectlyRounded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Block results merge to the same bits whatever the grouping or order of the merge tree (left fold,
 * right fold, balanced tree, shuffled), and tallies give the mean and variance of their values
 * correctly rounded from the exact sums.
 */
class ExactMergeTest {
  /** The merge trees every test tries, each merging the same parts. */
  static <T> List<T> mergeTrees(List<T> parts, Supplier<T> empty, BinaryOperator<T> merge) {
    List<T> trees = new ArrayList<>();
    T left = empty.get();
    for (T p : parts) {
      left = merge.apply(left, p);
    }
    trees.add(left);
    T right = empty.get();
    for (int i = parts.size() - 1; i >= 0; i--) {
      right = merge.apply(merge.apply(empty.get(), parts.get(i)), right);
    }
    trees.add(right);
    trees.add(balanced(parts, 0, parts.size(), empty, merge));
    List<T> shuffled = new ArrayList<>(parts);
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));
    T s = empty.get();
    for (T p : shuffled) {
      s = merge.apply(s, p);
    }
    trees.add(s);
    return trees;
  }

  private static <T> T balanced(
      List<T> parts, int from, int to, Supplier<T> empty, BinaryOperator<T> merge) {
    if (to - from == 1) {
      return merge.apply(empty.get(), parts.get(from));
    }
    int mid = (from + to) / 2;
    return merge.apply(
        balanced(parts, from, mid, empty, merge), balanced(parts, mid, to, empty, merge));
  }

  @Test
  void tally_blocksMergedInAnyTree_giveTheSameBits() {
    long seed = 31L;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    List<Tally> blocks = new ArrayList<>();
    for (int b = 0; b < 13; b++) {
      Tally t = new Tally();
      long zeros = 0;
      for (int i = 0; i < 500; i++) {
        double x = i % 4 == 0 ? 0 : Math.exp(rng.nextDouble() * 20 - 8);
        if (x == 0) {
          zeros++;
        } else {
          t.add(x);
        }
      }
      t.addZeros(zeros);
      blocks.add(t);
    }
    List<Tally> trees =
        mergeTrees(
            blocks,
            Tally::new,
            (a, b) -> {
              a.merge(b);
              return a;
            });
    Tally first = trees.get(0);
    for (Tally t : trees) {
      assertEquals(6500, t.count());
      assertBits(first.mean(), t.mean(), "mean, seed " + seed);
      assertBits(first.variance(), t.variance(), "variance, seed " + seed);
      assertBits(first.standardError(), t.standardError(), "standard error, seed " + seed);
      double[] a = first.interval95(0, Double.POSITIVE_INFINITY);
      double[] b = t.interval95(0, Double.POSITIVE_INFINITY);
      assertBits(a[0], b[0], "interval low");
      assertBits(a[1], b[1], "interval high");
    }
  }

  @Test
  void tally_chanMergeOfTheSameBlocks_dependsOnTheTree() {
    // Why this matters: the Welford/Chan tally used before gives different last bits for these
    // very blocks merged as a left fold and as a balanced tree. (If it did not, the test above
    // would prove nothing.)
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(31L);
    List<double[]> blocks = new ArrayList<>();
    for (int b = 0; b < 13; b++) {
      double[] w = new double[3]; // n, mean, m2
      for (int i = 0; i < 500; i++) {
        double x = i % 4 == 0 ? 0 : Math.exp(rng.nextDouble() * 20 - 8);
        w[0]++;
        double d = x - w[1];
        w[1] += d / w[0];
        w[2] += d * (x - w[1]);
      }
      blocks.add(w);
    }
    BinaryOperator<double[]> chan =
        (a, b) -> {
          if (a[0] == 0) {
            return b.clone();
          }
          double n = a[0] + b[0];
          double delta = b[1] - a[1];
          return new double[] {
            n, a[1] + delta * (b[0] / n), a[2] + b[2] + delta * delta * (a[0] * b[0] / n)
          };
        };
    List<double[]> trees = mergeTrees(blocks, () -> new double[3], chan);
    long distinct = trees.stream().map(w -> w[1] + "/" + w[2]).distinct().count();
    assertEquals(true, distinct > 1, "Chan's merge gave the same bits in every tree");
  }

  @Test
  void tally_meanAndVariance_areTheExactOnesCorrectlyRounded() {
    long seed = 32L;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    for (int round = 0; round < 30; round++) {
      Tally t = new Tally();
      BigDecimal sum = BigDecimal.ZERO;
      BigDecimal squares = BigDecimal.ZERO;
      int n = 2 + rng.nextInt(3000);
      for (int i = 0; i < n; i++) {
        double x = ExactSumTest.value(rng, round);
        t.add(x);
        BigDecimal b = new BigDecimal(x);
        sum = sum.add(b);
        squares = squares.add(b.multiply(b));
      }
      BigDecimal count = BigDecimal.valueOf(n);
      MathContext digits = new MathContext(1500);
      BigDecimal mean = sum.divide(count, digits);
      BigDecimal variance =
          count
              .multiply(squares)
              .subtract(sum.multiply(sum))
              .divide(count.multiply(BigDecimal.valueOf(n - 1)), digits);
      String where = "seed " + seed + ", round " + round;
      assertCorrectlyRounded(mean, t.mean());
      assertCorrectlyRounded(variance, t.variance());
      assertEquals(n, t.count(), where);
    }
  }

  @Test
  void tally_largeTermsCancelling_giveTheSmallOnesMean() {
    Tally t = new Tally();
    t.add(1e16);
    t.add(1);
    t.add(-1e16);
    // Σx = 1 exactly: the mean is 1/3 rounded once; Σx² = 2e32 + 1.
    assertBits(1.0 / 3, t.mean(), "mean");
    // (3 (2e32 + 1) − 1) / 6 = 1e32 + 1/3, which rounds to 1e32.
    assertBits(1e32, t.variance(), "variance");
  }

  @Test
  void tally_constantValues_haveVarianceExactlyZero() {
    for (double c : new double[] {0.1, 1.0 / 3, 8759.999, 1e300, -2.5e-300, Double.MIN_VALUE}) {
      Tally t = new Tally();
      for (int i = 0; i < 1001; i++) {
        t.add(c);
      }
      assertBits(0.0, t.variance(), "variance of " + c);
      assertBits(c, t.mean(), "mean of " + c);
      double[] ci = t.interval95(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
      assertBits(c, ci[0], "interval of " + c);
      assertBits(c, ci[1], "interval of " + c);
    }
  }

  @Test
  void tally_nonFiniteValue_isRefusedAndTheTallyIsUnchanged() {
    Tally t = new Tally();
    t.add(1);
    t.add(3);
    assertThrows(IllegalArgumentException.class, () -> t.add(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> t.add(Double.NaN));
    assertEquals(2, t.count());
    assertBits(2.0, t.mean(), "mean");
    assertBits(2.0, t.variance(), "variance");
  }

  @Test
  void metricStats_blocksMergedInAnyTree_giveTheSameFigures() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(33L);
    List<MetricStats> blocks = new ArrayList<>();
    for (int b = 0; b < 11; b++) {
      MetricStats m = new MetricStats(Metric.USER_HOURS, Double.POSITIVE_INFINITY);
      for (int i = 0; i < 400; i++) {
        m.add(rng.nextInt(5) == 0 ? rng.nextDouble() * 1e6 : 0);
      }
      m.flush();
      blocks.add(m);
    }
    List<MetricStats> trees =
        mergeTrees(
            blocks,
            () -> new MetricStats(Metric.USER_HOURS, Double.POSITIVE_INFINITY),
            (a, b) -> {
              a.merge(b);
              return a;
            });
    MetricStats first = trees.get(0);
    for (MetricStats t : trees) {
      for (String s : MetricStats.STATISTICS) {
        assertBits(first.statistic(s), t.statistic(s), s);
        assertArrayEquals(first.statisticInterval(s), t.statisticInterval(s), 0.0, s);
      }
    }
  }

  static void assertBits(double expected, double actual, String what) {
    assertEquals(
        Double.doubleToRawLongBits(expected),
        Double.doubleToRawLongBits(actual),
        what + ": " + expected + " vs " + actual);
  }
}
