package io.firedrill.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The two forms of {@link LogHistogram}, a list of at most {@link LogHistogram#SPARSE_LIMIT}
 * positive values and a bucket array, answer every query with the same bits: each case builds the
 * same sketch twice, turns one dense, and compares every readout exactly. The values are random
 * (log-uniform over 12 decades, a third zeros, runs of equal values), drawn from a fixed seed,
 * printed; the comparisons are exact, so no seed can fail by chance.
 */
class LogHistogramFormsTest {
  private static final long SEED = 20261201L;

  /** Quantile levels read: a grid, the ends, and levels beyond [0, 1]. */
  private static double[] levels() {
    double[] q = new double[205];
    for (int i = 0; i <= 200; i++) {
      q[i] = i / 200.0;
    }
    q[201] = 0.999;
    q[202] = 1e-9;
    q[203] = 1.5;
    q[204] = -0.5;
    return q;
  }

  private static double[] values(SplittableRandom r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      v[i] = u < 1 / 3.0 ? 0 : Math.pow(10, -6 + 12 * r.nextDouble());
      if (i > 0 && r.nextInt(5) == 0) {
        v[i] = v[i - 1]; // equal values: several in one bucket
      }
    }
    return v;
  }

  private static LogHistogram of(double[] v) {
    LogHistogram h = new LogHistogram();
    for (double x : v) {
      h.add(x);
    }
    return h;
  }

  /** Every readout of {@code dense} equals that of {@code sparse}, bit for bit. */
  private static void assertSame(LogHistogram sparse, LogHistogram dense, String what) {
    assertEquals(sparse.count(), dense.count(), what + ": count");
    assertEquals(sparse.min(), dense.min(), 0.0, what + ": min");
    assertEquals(sparse.max(), dense.max(), 0.0, what + ": max");
    assertEquals(sparse.minPositive(), dense.minPositive(), 0.0, what + ": min positive");
    for (double q : levels()) {
      assertEquals(sparse.quantile(q), dense.quantile(q), 0.0, what + ": quantile " + q);
    }
    for (double x = 1e-7; x < 1e7; x *= 1.37) {
      assertEquals(sparse.countAtMost(x), dense.countAtMost(x), what + ": count at most " + x);
    }
    assertEquals(sparse.countAtMost(0), dense.countAtMost(0), what + ": zeros");
    assertEquals(sparse.countAtMost(-1), dense.countAtMost(-1), what + ": below zero");
  }

  /** Builds a sketch with {@code build} twice, turns the second dense, compares. */
  private static void compare(String what, Consumer<LogHistogram> build, boolean sparse) {
    LogHistogram listed = new LogHistogram();
    build.accept(listed);
    assertEquals(sparse, listed.isSparse(), what + ": form");
    LogHistogram dense = new LogHistogram();
    dense.add(1); // dense from its first value on: a bucket array exists
    dense.densify();
    assertFalse(dense.isSparse());
    dense.clear();
    build.accept(dense);
    assertFalse(dense.isSparse(), what + ": stays dense");
    assertSame(listed, dense, what);
  }

  @Test
  void listedAndDense_readTheSameBits() {
    System.out.println("LogHistogramFormsTest seed " + SEED);
    SplittableRandom r = new SplittableRandom(SEED);
    for (int n : new int[] {0, 1, 2, 3, 10, 100, 300, 383, 384}) {
      // 384 values: about 256 positive; above and below the limit, by n.
      double[] v = values(r, n);
      long positive = java.util.Arrays.stream(v).filter(x -> x > 0).count();
      compare(
          n + " values added",
          h -> {
            for (double x : v) {
              h.add(x);
            }
          },
          positive <= LogHistogram.SPARSE_LIMIT);
    }
  }

  @Test
  void readsBetweenAdds_readTheSameBits() {
    // The list is kept in the order added and sorted when a quantile is read: values added after
    // a read, smaller than those before, must be read in their place.
    SplittableRandom r = new SplittableRandom(SEED + 3);
    double[] first = values(r, 60);
    double[] then = values(r, 60);
    compare(
        "added, read, added again",
        h -> {
          for (double x : first) {
            h.add(x);
          }
          h.quantile(0.5);
          h.countAtMost(1);
          h.add(1e-9); // below every value listed before the read
          for (double x : then) {
            h.add(x);
          }
          h.merge(of(first));
          h.quantile(0.25);
        },
        true);
  }

  @Test
  void mergesOfEveryForm_readTheSameBits() {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    double[] small = values(r, 90); // listed
    double[] other = values(r, 120); // listed; the two together are listed, four of it not
    double[] large = values(r, 900); // dense
    compare("listed + listed", h -> mergeAll(h, small, other), true);
    compare("listed + dense", h -> mergeAll(h, small, large), false);
    compare("dense + listed", h -> mergeAll(h, large, small), false);
    compare("listed + listed over the limit", h -> mergeAll(h, other, other, other, other), false);
    // A sketch merged with itself: twice each value, the same in both forms.
    compare(
        "listed, merged with itself",
        h -> {
          mergeAll(h, small);
          h.merge(h);
        },
        true);
    compare(
        "dense, merged with itself",
        h -> {
          mergeAll(h, large);
          h.merge(h);
        },
        false);
    // Merging a sketch into itself doubles every count: the same as merging a copy.
    LogHistogram self = of(small);
    self.merge(self);
    LogHistogram copy = of(small);
    copy.merge(of(small));
    assertSame(self, copy, "self merge against a copy");
  }

  private static void mergeAll(LogHistogram h, double[]... parts) {
    for (double[] p : parts) {
      h.merge(of(p));
    }
  }

  @Test
  void limit_listsUpTo256PositiveValues_thenTurnsDense() {
    LogHistogram h = new LogHistogram();
    for (int i = 1; i <= LogHistogram.SPARSE_LIMIT; i++) {
      h.add(i);
      h.add(0); // zeros are counted, never listed
    }
    assertTrue(h.isSparse());
    assertEquals(0, h.bucketCapacity());
    h.add(LogHistogram.SPARSE_LIMIT + 1);
    assertFalse(h.isSparse());
    assertTrue(h.bucketCapacity() > 0);
  }

  @Test
  void quantile_beyondOne_isTheMaximum_inBothForms() {
    LogHistogram listed = of(new double[] {0, 1, 2, 3});
    assertTrue(listed.isSparse());
    assertEquals(3, listed.quantile(1.5), 0.0);
    assertEquals(3, listed.quantile(Double.MAX_VALUE), 0.0);
    listed.densify();
    assertEquals(3, listed.quantile(1.5), 0.0);
  }

  @Test
  void clearedSketch_readsAsANewOne_inBothForms() {
    SplittableRandom r = new SplittableRandom(SEED + 2);
    double[] before = values(r, 1000);
    double[] after = values(r, 50);
    for (boolean denseFirst : new boolean[] {false, true}) {
      LogHistogram reused = of(denseFirst ? before : after);
      reused.clear();
      assertEquals(0, reused.count());
      assertEquals(0, reused.max(), 0.0);
      assertEquals(0, reused.quantile(0.5), 0.0);
      for (double x : after) {
        reused.add(x);
      }
      assertEquals(!denseFirst, reused.isSparse(), "a cleared sketch keeps its form");
      assertSame(of(after), reused, "cleared after " + (denseFirst ? "dense" : "listed"));
    }
  }
}
