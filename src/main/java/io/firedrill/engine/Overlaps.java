package io.firedrill.engine;

/**
 * The times at least m of a set of intervals are in progress: the outages of a site's utility while
 * enough of its feeds are out ({@link SiteTimelines#feedsOut}), and the stops of a plant of several
 * generators while too few run ({@link PowerLoss}). O(E log E) for E intervals: their starts in
 * order, and a min-heap of the ends of those in progress. The heap is this object's and grows only
 * when a trial needs more room than any before, so nothing is allocated per trial.
 */
final class Overlaps {
  /** A min-heap of the ends of the intervals in progress. */
  private double[] ends = new double[16];

  /**
   * Writes into {@code out} (cleared first) the maximal intervals in which at least {@code m} ≥ 1
   * of {@code all} (sorted by start) are in progress. Each is caused by the interval that brought
   * the count to m; of intervals that begin at that same instant, the one ranked first as in merged
   * intervals ({@link IntervalBuffer#beginsBefore}: a scenario's forced event, then the longest,
   * then the lowest cause id); and a forced interval beginning at t = 0 takes a run already in
   * progress then. An interval that ends where another begins leaves no gap.
   */
  void atLeast(IntervalBuffer all, int m, IntervalBuffer out) {
    if (ends.length < all.size) {
      ends = new double[Math.max(all.size, 2 * ends.length)];
    }
    out.clear();
    int down = 0; // the heap's size: intervals in progress
    double openedAt = 0;
    int openedBy = 0;
    int i = 0;
    while (i < all.size || down > 0) {
      double t = i < all.size ? all.start[i] : Double.POSITIVE_INFINITY;
      if (down > 0 && ends[0] < t) {
        t = ends[0];
      }
      // Returns first: an outage that ends where another begins leaves no gap to fill.
      boolean wasOut = down >= m;
      while (down > 0 && ends[0] == t) {
        down = popEnd(down);
      }
      int best = -1;
      double bestEnd = 0;
      for (; i < all.size && all.start[i] == t; i++) {
        down = pushEnd(down, all.end[i]);
        if (best < 0 || IntervalBuffer.beginsBefore(all.cause[i], all.end[i], best, bestEnd)) {
          best = all.cause[i];
          bestEnd = all.end[i];
        }
      }
      boolean isOut = down >= m;
      if (wasOut && !isOut) {
        if (t > openedAt) {
          out.add(openedAt, t, openedBy);
        }
      } else if (!wasOut && isOut) {
        openedAt = t;
        openedBy = best;
      } else if (isOut && t == 0 && best >= 0 && (best & ScenarioForcing.FORCED) != 0) {
        openedBy = best;
      }
    }
  }

  /** Adds {@code end} to the min-heap {@code ends[0 .. n)}; returns its new size. */
  private int pushEnd(int n, double end) {
    int k = n;
    while (k > 0 && ends[(k - 1) / 2] > end) {
      ends[k] = ends[(k - 1) / 2];
      k = (k - 1) / 2;
    }
    ends[k] = end;
    return n + 1;
  }

  /** Removes the least end from the min-heap {@code ends[0 .. n)}; returns its new size. */
  private int popEnd(int n) {
    double last = ends[--n];
    int k = 0;
    while (true) {
      int c = 2 * k + 1;
      if (c >= n) {
        break;
      }
      if (c + 1 < n && ends[c + 1] < ends[c]) {
        c++;
      }
      if (ends[c] >= last) {
        break;
      }
      ends[k] = ends[c];
      k = c;
    }
    if (n > 0) {
      ends[k] = last;
    }
    return n;
  }
}
