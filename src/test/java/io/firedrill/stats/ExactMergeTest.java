package io.firedrill.stats;

import static io.firedrill.stats.ExactSumTest.assertCorrectlyRounded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
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
  void tally_oneValuePerBlock_givesTheExactSampleMeanAndVarianceCorrectlyRounded() {
    // A block of one value holds it exactly (Welford's mean is the value, M2 is 0): merged, the
    // tally's mean and variance are those of the values, exact, correctly rounded once.
    long seed = 32L;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    for (int round = 0; round < 30; round++) {
      Tally t = new Tally();
      BigDecimal sum = BigDecimal.ZERO;
      BigDecimal squares = BigDecimal.ZERO;
      int n = 2 + rng.nextInt(2000);
      for (int i = 0; i < n; i++) {
        double x = round < 10 ? ExactSumTest.value(rng, round) : wide(rng);
        Tally block = new Tally();
        block.add(x);
        t.merge(block);
        BigDecimal b = new BigDecimal(x);
        sum = sum.add(b);
        squares = squares.add(b.multiply(b));
      }
      String where = "seed " + seed + ", round " + round;
      assertEquals(n, t.count(), where);
      assertCorrectlyRounded(meanOf(sum, n), t.mean());
      assertCorrectlyRounded(varianceOf(sum, squares, n), t.variance());
    }
  }

  @Test
  void tally_blocksOfManyValues_giveTheExactFunctionOfTheirWelfordParts() {
    // Within a block, a compensated sum s + e and Welford's running mean and M2 in doubles; across
    // blocks, S = Σ (s + e), W1 = Σ c μ and W2 = Σ (M2 + c μ²) exactly, then one rounding: the
    // reference does the same in BigDecimal from those figures computed here, zeros apart.
    long seed = 36L;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    for (int round = 0; round < 20; round++) {
      Tally t = new Tally();
      BigDecimal sum = BigDecimal.ZERO;
      BigDecimal s1 = BigDecimal.ZERO;
      BigDecimal s2 = BigDecimal.ZERO;
      long n = 0;
      int blocks = 1 + rng.nextInt(12);
      for (int b = 0; b < blocks; b++) {
        Tally block = new Tally();
        long c = 0;
        double mu = 0;
        double m2 = 0;
        double s = 0;
        double e = 0;
        int values = rng.nextInt(300);
        for (int i = 0; i < values; i++) {
          double x = round < 10 ? ExactSumTest.value(rng, round) : wide(rng);
          block.add(x);
          double next = s + x;
          double z = next - s;
          e += (s - (next - z)) + (x - z);
          s = next;
          c++;
          double d = x - mu;
          mu += d / c;
          m2 += d * (x - mu);
        }
        long zeros = rng.nextInt(50);
        block.addZeros(zeros);
        t.merge(block);
        BigDecimal mean = new BigDecimal(mu);
        sum = sum.add(new BigDecimal(s)).add(new BigDecimal(e));
        s1 = s1.add(mean.multiply(BigDecimal.valueOf(c)));
        s2 = s2.add(new BigDecimal(m2)).add(mean.multiply(mean).multiply(BigDecimal.valueOf(c)));
        n += c + zeros;
      }
      String where = "seed " + seed + ", round " + round;
      assertEquals(n, t.count(), where);
      if (n >= 2) {
        assertCorrectlyRounded(meanOf(sum, n), t.mean());
        assertCorrectlyRounded(varianceOf(s1, s2, n), t.variance());
      }
    }
  }

  @Test
  void tally_oneBlock_hasWelfordsVarianceAndTheMeanOfTheCompensatedSum() {
    // Without zeros or merges the variance is Welford's M2 / (n - 1), bit for bit, as before the
    // exact merge. The mean comes from the compensated sum, within (4096 ε)² ≈ 1.4e-25 relative
    // of the exact one: for this seed, the exact mean correctly rounded.
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(37L);
    Tally t = new Tally();
    double mu = 0;
    double m2 = 0;
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 1; i <= 4096; i++) {
      double x = rng.nextDouble() * 8760;
      t.add(x);
      double d = x - mu;
      mu += d / i;
      m2 += d * (x - mu);
      sum = sum.add(new BigDecimal(x));
    }
    assertBits(m2 / 4095, t.variance(), "variance");
    assertCorrectlyRounded(meanOf(sum, 4096), t.mean());
  }

  @Test
  void tally_wholeNumberDifferences_haveTheExactMean_zeroIncluded() {
    // Paired differences of 0-or-1 metrics, as a sweep adds them: -1, 0 or 1 per trial. Their
    // sums are exact in doubles, so the mean is k / n correctly rounded in any tree, and exactly
    // 0 when the +1s and -1s balance (Chan's merge of Welford tallies leaves residues such as the
    // 6.5e-19 the three-site sweep printed for a balanced rto_breach difference).
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(38L);
    List<Tally> blocks = new ArrayList<>();
    long k = 0;
    long firstTwo = 0;
    for (int b = 0; b < 5; b++) {
      Tally block = new Tally();
      for (int i = 0; i < 4096; i++) {
        int d = rng.nextInt(9) == 0 ? (rng.nextBoolean() ? 1 : -1) : 0;
        block.add(d);
        k += d;
      }
      blocks.add(block);
      if (b == 1) {
        firstTwo = k;
      }
    }
    // Balance the +1s and -1s in a last block.
    Tally last = new Tally();
    for (; k != 0; k -= Long.signum(k)) {
      last.add(-Long.signum(k));
    }
    last.add(0);
    blocks.add(last);
    for (Tally t :
        mergeTrees(
            blocks,
            Tally::new,
            (a, b) -> {
              a.merge(b);
              return a;
            })) {
      assertBits(0.0, t.mean(), "mean of balanced differences");
    }
    Tally one = new Tally();
    one.merge(blocks.get(0));
    one.merge(blocks.get(1));
    assertEquals(true, firstTwo != 0, "the first two blocks do not balance");
    assertCorrectlyRounded(meanOf(BigDecimal.valueOf(firstTwo), 2 * 4096), one.mean());
  }

  @Test
  void tally_largeTermsCancellingAcrossBlocks_giveTheSmallOnesMean() {
    Tally t = new Tally();
    Tally one = new Tally();
    for (double x : new double[] {1e16, 1, -1e16}) {
      Tally block = new Tally();
      block.add(x);
      t.merge(block);
      one.add(x);
    }
    // Σx = 1 exactly: the mean is 1/3 rounded once, in one block too (the compensated sum keeps
    // the 1 that 1e16 + 1 rounds away); Σx² = 2e32 + 1.
    assertBits(1.0 / 3, t.mean(), "mean");
    assertBits(1.0 / 3, one.mean(), "mean of one block");
    // (3 (2e32 + 1) − 1) / 6 = 1e32 + 1/3, which rounds to the double nearest 1e32.
    assertBits(1e32, t.variance(), "variance");
  }

  @Test
  void tally_constantValues_haveVarianceExactlyZero() {
    for (double c : new double[] {0.1, 1.0 / 3, 8759.999, 1e150, -2.5e-300, Double.MIN_VALUE}) {
      Tally one = new Tally();
      Tally merged = new Tally();
      for (int b = 0; b < 7; b++) {
        Tally block = new Tally();
        for (int i = 0; i < 143; i++) {
          block.add(c);
          one.add(c);
        }
        merged.merge(block);
      }
      for (Tally t : new Tally[] {one, merged}) {
        assertBits(0.0, t.variance(), "variance of " + c);
        assertBits(c, t.mean(), "mean of " + c);
        double[] ci = t.interval95(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertBits(c, ci[0], "interval of " + c);
        assertBits(c, ci[1], "interval of " + c);
      }
    }
  }

  @Test
  void tally_nonFiniteValue_isRefusedAndTheTallyIsUnchanged() {
    Tally t = new Tally();
    t.add(1);
    t.add(3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> t.add(Double.POSITIVE_INFINITY));
    assertEquals("value is not finite: Infinity", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.add(Double.NaN));
    assertEquals(2, t.count());
    assertBits(2.0, t.mean(), "mean");
    assertBits(2.0, t.variance(), "variance");
  }

  @Test
  void tally_squaredDeviationsBeyondTheDoubles_areAnErrorNotInfinity() {
    // (1e200 − (−1e200))² overflows Welford's M2: refused when read, never a silent ∞.
    Tally t = new Tally();
    t.add(1e200);
    t.add(-1e200);
    ArithmeticException e = assertThrows(ArithmeticException.class, t::variance);
    assertEquals(
        "a block's sum or squared deviations beyond the double range: values beyond about 1e150"
            + " in magnitude",
        e.getMessage());
  }

  /** Any sign, 1e-300 to 1e150 (Welford's M2 stays finite), subnormals included. */
  private static double wide(UniformRandomProvider rng) {
    double sign = rng.nextBoolean() ? 1 : -1;
    return rng.nextInt(5) == 0
        ? sign * Double.longBitsToDouble(rng.nextLong(1L << 52))
        : sign * Math.pow(10, rng.nextDouble() * 450 - 300);
  }

  private static BigDecimal meanOf(BigDecimal sum, long n) {
    return sum.divide(BigDecimal.valueOf(n), new MathContext(1500));
  }

  private static BigDecimal varianceOf(BigDecimal sum, BigDecimal squares, long n) {
    BigDecimal count = BigDecimal.valueOf(n);
    return count
        .multiply(squares)
        .subtract(sum.multiply(sum))
        .divide(count.multiply(BigDecimal.valueOf(n - 1)), new MathContext(1500));
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

  @Test
  void runStats_blocksMergedInAnyTree_giveTheSameBits() throws Exception {
    io.firedrill.plan.Plan plan =
        io.firedrill.plan.Plan.compile(
            io.firedrill.load.ModelLoader.parse(
                    "merge.yaml",
                    MODEL.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    List.of())
                .model());
    int ns = plan.services;
    int nc = plan.causes();
    long seed = 34L;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    int blockTrials = 300;
    List<RunStats> blocks = new ArrayList<>();
    for (int b = 0; b < 9; b++) {
      // As the runner fills a block: values per trial, quiet trials counted, outages recorded in
      // trial order, then the kernel's per-cause sums, a flush and the trial count.
      RunStats r = new RunStats(plan, 40);
      for (int t = 0; t < blockTrials; t++) {
        long trial = (long) b * blockTrials + t;
        for (int a = 0; a < ns; a++) {
          if (rng.nextInt(3) > 0) {
            r.addQuiet(a);
            continue;
          }
          double down = rng.nextDouble() * 50;
          r.metric(a, Metric.DOWNTIME_H).add(down);
          r.metric(a, Metric.OUTAGES).add(1);
          r.metric(a, Metric.LONGEST_H).add(down);
          r.metric(a, Metric.USER_HOURS).add(down * 1234.5);
          r.metric(a, Metric.RTO_BREACH).add(down > 40 ? 1 : 0);
          r.recordOutage(trial, a, 0, 10, 10 + down, down * 1234.5);
          int cell = a * nc + rng.nextInt(nc);
          r.causeOutages[cell]++;
          r.causeDowntime[cell] += down;
          r.causeUserHours[cell] += down * 1234.5;
        }
        for (Metric m : Metric.TOTALS) {
          r.total(m).add(rng.nextDouble() * 1e5);
        }
      }
      r.flush();
      r.countTrials(blockTrials);
      blocks.add(r);
    }
    List<RunStats> trees =
        mergeTrees(
            blocks,
            () -> new RunStats(plan, 40),
            (x, y) -> {
              x.merge(y);
              return x;
            });
    RunStats first = trees.get(0);
    for (RunStats t : trees) {
      assertEquals(9 * blockTrials, t.trials());
      assertArrayEquals(first.causeOutages, t.causeOutages);
      assertArrayEquals(first.causeDowntime, t.causeDowntime, 0.0, "downtime per cause");
      assertArrayEquals(first.causeUserHours, t.causeUserHours, 0.0, "user-hours per cause");
      for (int a = 0; a < ns; a++) {
        for (Metric m : Metric.RUN) {
          MetricStats x = first.metric(a, m);
          MetricStats y = t.metric(a, m);
          assertBits(x.mean(), y.mean(), m.csvName());
          assertBits(x.tally().variance(), y.tally().variance(), m.csvName());
          assertArrayEquals(x.interval95(), y.interval95(), 0.0, m.csvName());
          assertBits(x.quantile(0.99), y.quantile(0.99), m.csvName());
        }
      }
      for (Metric m : Metric.TOTALS) {
        assertBits(first.total(m).mean(), t.total(m).mean(), "total " + m.csvName());
        assertArrayEquals(first.total(m).interval95(), t.total(m).interval95(), 0.0);
      }
      assertEquals(40, t.outages.size());
      assertArrayEquals(first.outages.trial, t.outages.trial);
      assertArrayEquals(first.outages.end, t.outages.end, 0.0);
    }
    // The cause sums are the exact sums of the blocks' values, correctly rounded.
    for (int i = 0; i < ns * nc; i++) {
      BigDecimal exact = BigDecimal.ZERO;
      for (RunStats b : blocks) {
        exact = exact.add(new BigDecimal(b.causeDowntime[i]));
      }
      assertCorrectlyRounded(exact, first.causeDowntime[i]);
    }
    // The first 40 outages are those of the first trials, in trial order, whatever the tree.
    for (int i = 1; i < 40; i++) {
      assertEquals(true, first.outages.trial[i - 1] <= first.outages.trial[i]);
    }
    assertEquals(blocks.get(0).outages.trial[0], first.outages.trial[0]);
  }

  @Test
  void curves_blocksMergedInAnyTree_carriedOrNot_giveTheExactMean() {
    // Carrying every 5 trials (not every 2^32) exercises the high sums a long run would need.
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(35L);
    int points = 3;
    int series = 2;
    List<CurveStats> plain = new ArrayList<>();
    List<CurveStats> carried = new ArrayList<>();
    java.math.BigInteger[] exact = new java.math.BigInteger[points * series];
    Arrays.fill(exact, java.math.BigInteger.ZERO);
    int trials = 0;
    for (int b = 0; b < 8; b++) {
      CurveStats p = new CurveStats(points, series);
      CurveStats c = new CurveStats(points, series, 5);
      for (int t = 0; t < 50; t++, trials++) {
        double[] v = new double[points * series];
        for (int i = 0; i < v.length; i++) {
          v[i] = rng.nextInt(4) == 0 ? 1 : rng.nextDouble();
          exact[i] = exact[i].add(java.math.BigInteger.valueOf(Math.round(v[i] * 0x1p30)));
        }
        p.add(v, series, 0);
        c.add(v, series, 0);
        p.countTrial();
        c.countTrial();
      }
      plain.add(p);
      carried.add(c);
    }
    BinaryOperator<CurveStats> merge =
        (x, y) -> {
          x.merge(y);
          return x;
        };
    List<CurveStats> trees = new ArrayList<>(mergeTrees(plain, () -> new CurveStats(3, 2), merge));
    trees.addAll(mergeTrees(carried, () -> new CurveStats(3, 2, 5), merge));
    for (CurveStats t : trees) {
      assertEquals(trials, t.trials());
      for (int j = 0; j < points; j++) {
        for (int k = 0; k < series; k++) {
          double mean = exact[j * series + k].doubleValue() / 0x1p30 / trials;
          assertBits(mean, t.mean(j, k), "mean at " + j + ", " + k);
          assertBits(trees.get(0).quantile(j, k, 0.9), t.quantile(j, k, 0.9), "p90");
        }
      }
    }
  }

  static final String MODEL =
      """
      name: merge
      sites:
        a: {fault: {rate: 5/y, outage: "lognormal(median=1h, p90=6h)"}}
        b: {fault: {rate: 5/y, outage: "lognormal(median=1h, p90=6h)"}}
      services:
        api: {users: 10, demand: 2, deploy: {a: 1, b: 1}}
        web: {users: 5, demand: 1, deploy: {b: 1}, requires: [api]}
      """;

  static void assertBits(double expected, double actual, String what) {
    assertEquals(
        Double.doubleToRawLongBits(expected),
        Double.doubleToRawLongBits(actual),
        what + ": " + expected + " vs " + actual);
  }
}
