package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The interval lists of the site timelines: sorting, the merge of overlapping intervals and which
 * cause a merged interval keeps, intersections and membership. Every expected value is exact.
 */
class IntervalBufferTest {
  private static final int FORCED = ScenarioForcing.FORCED;

  private static IntervalBuffer of(double... startEndCause) {
    IntervalBuffer b = new IntervalBuffer();
    for (int i = 0; i < startEndCause.length; i += 3) {
      b.add(startEndCause[i], startEndCause[i + 1], (int) startEndCause[i + 2]);
    }
    return b;
  }

  private static double[] starts(IntervalBuffer b) {
    return Arrays.copyOf(b.start, b.size);
  }

  private static double[] ends(IntervalBuffer b) {
    return Arrays.copyOf(b.end, b.size);
  }

  private static int[] causes(IntervalBuffer b) {
    return Arrays.copyOf(b.cause, b.size);
  }

  @Test
  void sortThenMerge_overlappingAndTouching_becomeOneIntervalWithTheCauseThatBeganIt() {
    IntervalBuffer b = of(5, 8, 2, 1, 3, 7, 3, 5, 4, 10, 12, 1);
    b.sortByStart();
    b.mergeOverlaps();
    // [1, 3) and [3, 5) touch, [5, 8) touches that: one interval [1, 8) begun by cause 7.
    assertArrayEquals(new double[] {1, 10}, starts(b));
    assertArrayEquals(new double[] {8, 12}, ends(b));
    assertArrayEquals(new int[] {7, 1}, causes(b));
  }

  @Test
  void merge_partsBeginTogether_theLongerOneIsTheCause() {
    IntervalBuffer b = of(2, 4, 1, 2, 9, 5);
    b.mergeOverlaps();
    assertArrayEquals(new double[] {9}, ends(b));
    assertArrayEquals(new int[] {5}, causes(b));
  }

  @Test
  void merge_partsBeginTogether_forcedOutranksALongerOne() {
    IntervalBuffer b = of(2, 9, 5, 2, 4, 1 | FORCED);
    b.mergeOverlaps();
    assertArrayEquals(new double[] {9}, ends(b));
    assertArrayEquals(new int[] {1 | FORCED}, causes(b));
  }

  @Test
  void merge_partsBeginAndEndTogether_theLowerCauseIdIsTheCause() {
    IntervalBuffer b = of(2, 4, 6, 2, 4, 3);
    b.mergeOverlaps();
    assertArrayEquals(new int[] {3}, causes(b));
  }

  @Test
  void merge_partsInProgressAtZero_countAsBeginningAtZero() {
    // A stationary start's outage from -3 and a forced event at 0: both begin the simulation's
    // interval at 0, and the forced one ranks first.
    IntervalBuffer b = of(-3, 5, 4, 0, 2, 8 | FORCED);
    b.mergeOverlaps();
    assertArrayEquals(new double[] {-3}, starts(b));
    assertArrayEquals(new double[] {5}, ends(b));
    assertArrayEquals(new int[] {8 | FORCED}, causes(b));
  }

  @Test
  void merge_laterPart_neverTakesTheCause() {
    IntervalBuffer b = of(1, 4, 2, 3, 20, 1 | FORCED);
    b.mergeOverlaps();
    assertArrayEquals(new double[] {20}, ends(b));
    assertArrayEquals(new int[] {2}, causes(b));
  }

  @Test
  void intersect_overlapIsCausedByTheIntervalThatBeganLater() {
    IntervalBuffer a = of(0, 10, 1, 20, 30, 1);
    IntervalBuffer b = of(5, 25, 2);
    IntervalBuffer out = new IntervalBuffer();
    IntervalBuffer.intersect(a, b, out);
    assertArrayEquals(new double[] {5, 20}, starts(out));
    assertArrayEquals(new double[] {10, 25}, ends(out));
    assertArrayEquals(new int[] {2, 1}, causes(out));
  }

  @Test
  void contains_halfOpen() {
    IntervalBuffer b = of(1, 2, 0, 4, 6, 0);
    assertTrue(b.contains(1));
    assertFalse(b.contains(2));
    assertTrue(b.contains(5.5));
    assertFalse(b.contains(3));
    assertFalse(b.contains(6));
  }

  @Test
  void add_pastTheInitialCapacity_growsAndKeepsEverything() {
    IntervalBuffer b = new IntervalBuffer();
    for (int i = 0; i < 100; i++) {
      b.addRamp(99 - i, 100 - i, i, 0.25, 1);
    }
    b.sortByStart();
    assertEquals(100, b.size);
    assertEquals(0, b.start[0]);
    assertEquals(99, b.cause[0]);
    assertEquals(99, b.start[99]);
    assertEquals(0.25, b.from[99]);
  }
}
