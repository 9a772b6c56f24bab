package io.firedrill.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Curve accumulators compute their sizes as longs: a size beyond one array is refused, not wrapped.
 */
class CurveStatsSizeTest {
  @Test
  void curvesBeyondOneArray_areRefusedWithTheLongSize_notANegativeOne() {
    // 100001 points x 160 series x 201 bins = 3,216,032,160 > 2^31 - 1: as an int, -1,078,935,136.
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new CurveStats(100_001, 160));
    assertEquals(
        "curves of 100001 points × 160 series need 3216032160 counters, more than one array"
            + " holds",
        e.getMessage());
  }

  @Test
  void curvesWithinOneArray_areBuilt() {
    CurveStats c = new CurveStats(501, 11);
    assertEquals(501, c.points());
    assertEquals(11, c.series());
  }
}
