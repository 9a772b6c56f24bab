package io.firedrill.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Tally#add} only counts the zeros that open a running part (a block's paired differences
 * are mostly zero) and lets them into the part when another value follows: every readout must be
 * the one of adding each zero through the running part ({@link Tally#addEach}), bit for bit. The
 * sequences are random (runs of zeros at the start, in the middle and at the end, merges between
 * them), from a fixed seed, printed; the comparisons are exact, so no seed fails by chance.
 */
class TallyZerosTest {
  private static final long SEED = 20261202L;

  /** Count, mean, variance and interval of both tallies are the same doubles. */
  private static void assertSameBits(Tally each, Tally counted, String what) {
    assertEquals(each.count(), counted.count(), what + ": count");
    assertEquals(
        Double.doubleToRawLongBits(each.mean()),
        Double.doubleToRawLongBits(counted.mean()),
        what + ": mean " + each.mean() + " against " + counted.mean());
    assertEquals(
        Double.doubleToRawLongBits(each.variance()),
        Double.doubleToRawLongBits(counted.variance()),
        what + ": variance " + each.variance() + " against " + counted.variance());
    assertArrayEquals(each.interval95(-1e9, 1e9), counted.interval95(-1e9, 1e9), 0.0, what);
  }

  @Test
  void leadingZerosCounted_readAsEveryZeroAdded() {
    System.out.println("TallyZerosTest seed " + SEED);
    SplittableRandom r = new SplittableRandom(SEED);
    for (int c = 0; c < 2_000; c++) {
      Tally each = new Tally();
      Tally counted = new Tally();
      Tally eachTotal = new Tally();
      Tally countedTotal = new Tally();
      int parts = 1 + r.nextInt(4);
      for (int part = 0; part < parts; part++) {
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
          // Long runs of zeros, and values of every sign and scale between them.
          double x = r.nextInt(3) > 0 ? 0 : (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(9) - 4);
          each.addEach(x);
          counted.add(x);
        }
        // A merge ends the running part: the next zeros open a new one.
        eachTotal.merge(each);
        countedTotal.merge(counted);
        each.clear();
        counted.clear();
        assertSameBits(eachTotal, countedTotal, "case " + c + ", part " + part);
      }
    }
  }

  @Test
  void zerosAddedInOrder_readAsEachZeroAdded() {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    for (int c = 0; c < 1_000; c++) {
      Tally each = new Tally();
      Tally runs = new Tally();
      int n = r.nextInt(30);
      for (int i = 0; i < n; i++) {
        // A run of k zeros (k may be 0), then a value.
        int k = r.nextInt(4) == 0 ? 0 : r.nextInt(50);
        for (int z = 0; z < k; z++) {
          each.addEach(0);
        }
        runs.addZerosInOrder(k);
        double x = (r.nextDouble() - 0.4) * Math.pow(10, r.nextInt(7) - 3);
        each.addEach(x);
        runs.add(x);
      }
      int trailing = r.nextInt(20);
      for (int z = 0; z < trailing; z++) {
        each.addEach(0);
      }
      runs.addZerosInOrder(trailing);
      assertSameBits(each, runs, "case " + c);
    }
  }

  @Test
  void zerosOnly_andZerosThenOneValue_exactly() {
    Tally zeros = new Tally();
    for (int i = 0; i < 5; i++) {
      zeros.add(0);
    }
    assertEquals(5, zeros.count());
    assertEquals(0, zeros.mean(), 0.0);
    assertEquals(0, zeros.variance(), 0.0);
    // Four zeros then 5: mean exactly 1, sample variance (25 − 5·1²) / 4 = 5, exactly.
    zeros.clear();
    for (int i = 0; i < 4; i++) {
      zeros.add(0);
    }
    zeros.add(5);
    assertEquals(5, zeros.count());
    assertEquals(1, zeros.mean(), 0.0);
    assertEquals(5, zeros.variance(), 0.0);
  }
}
