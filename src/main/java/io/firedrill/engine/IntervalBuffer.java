package io.firedrill.engine;

import java.util.Arrays;

/**
 * A growable list of half-open intervals [start, end) with a cause each, in primitive arrays.
 *
 * <p>The kernel keeps one per hazard and per site and clears it every trial; it grows only when a
 * trial has more intervals than any before it, so in steady state it allocates nothing.
 */
final class IntervalBuffer {
  double[] start = new double[8];
  double[] end = new double[8];
  int[] cause = new int[8];

  /** For ramps: capacity at start and at end (linear in between). */
  double[] from = new double[8];

  double[] to = new double[8];
  int size;

  void clear() {
    size = 0;
  }

  void add(double s, double e, int c) {
    addRamp(s, e, c, 0, 1);
  }

  /** A ramp from capacity {@code v0} at s to {@code v1} at e. */
  void addRamp(double s, double e, int c, double v0, double v1) {
    if (size == start.length) {
      int n = size * 2;
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      cause = Arrays.copyOf(cause, n);
      from = Arrays.copyOf(from, n);
      to = Arrays.copyOf(to, n);
    }
    start[size] = s;
    end[size] = e;
    cause[size] = c;
    from[size] = v0;
    to[size] = v1;
    size++;
  }

  /**
   * The ramps of a curve ({@code x} time fractions, {@code y} capacities, from (0, y0) to (1, 1),
   * linear in between) stretched over [t, t + len), caused by {@code c}: one ramp per piece, the
   * last ending exactly at t + len. Pieces from {@code cut} on are left out, and the piece across
   * it ends there, at the capacity the curve has reached (a restart that a new loss aborts).
   */
  void addCurve(double t, double len, double[] x, double[] y, int c, double cut) {
    for (int k = 0; k + 1 < x.length; k++) {
      double a = t + x[k] * len;
      double b = k + 2 == x.length ? t + len : t + x[k + 1] * len;
      if (a >= cut) {
        return;
      }
      if (b > a) {
        if (b > cut) {
          addRamp(a, cut, c, y[k], y[k] + (y[k + 1] - y[k]) * ((cut - a) / (b - a)));
          return;
        }
        addRamp(a, b, c, y[k], y[k + 1]);
      }
    }
  }

  /** Adds every ramp of {@code other}, with its capacities at both ends. */
  void addAllRamps(IntervalBuffer other) {
    for (int i = 0; i < other.size; i++) {
      addRamp(other.start[i], other.end[i], other.cause[i], other.from[i], other.to[i]);
    }
  }

  void addAll(IntervalBuffer other) {
    for (int i = 0; i < other.size; i++) {
      add(other.start[i], other.end[i], other.cause[i]);
    }
  }

  /** True if t lies in one of the intervals; they must be sorted and disjoint. */
  boolean contains(double t) {
    int k = floor(t);
    return k >= 0 && t < end[k];
  }

  /**
   * The index of the last interval that starts at or before t, or −1: a binary search; the
   * intervals must be sorted by start.
   */
  int floor(double t) {
    int lo = 0;
    int hi = size - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (start[mid] <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * Sorts by start (heapsort: in place, O(n log n), deterministic). Moves start, end and cause
   * only: ramps, the one use of {@link #from} and {@link #to}, are added in time order and never
   * sorted.
   */
  void sortByStart() {
    if (size < 2 || isSorted()) {
      return;
    }
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(i, size);
    }
    for (int n = size - 1; n > 0; n--) {
      swap(0, n);
      siftDown(0, n);
    }
  }

  private boolean isSorted() {
    for (int i = 1; i < size; i++) {
      if (start[i] < start[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private void siftDown(int i, int n) {
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        return;
      }
      if (child + 1 < n && start[child + 1] > start[child]) {
        child++;
      }
      if (start[i] >= start[child]) {
        return;
      }
      swap(i, child);
      i = child;
    }
  }

  private void swap(int i, int j) {
    double s = start[i];
    start[i] = start[j];
    start[j] = s;
    double e = end[i];
    end[i] = end[j];
    end[j] = e;
    int c = cause[i];
    cause[i] = cause[j];
    cause[j] = c;
  }

  /**
   * Merges overlapping or touching intervals in place (they must be sorted by start); a merged
   * interval keeps the cause of its earliest part, the one that began it. Parts that begin at the
   * same instant are ranked by a rule that does not depend on their order: a scenario's forced
   * event first, then the longest (it explains the merged interval's length), then the lowest cause
   * id. Parts already in progress at t = 0 (a stationary start) count as beginning at 0, where the
   * simulation begins.
   */
  void mergeOverlaps() {
    if (size == 0) {
      return;
    }
    int w = 0;
    for (int i = 1; i < size; i++) {
      if (start[i] <= end[w]) {
        // Parts with the start of w (or, before 0, any start) come first in sorted order, so
        // end[w] is still the end of the part whose cause w holds when a tie is decided.
        if (Math.max(0, start[i]) == Math.max(0, start[w])
            && beginsBefore(cause[i], end[i], cause[w], end[w])) {
          cause[w] = cause[i];
        }
        if (end[i] > end[w]) {
          end[w] = end[i];
        }
      } else {
        w++;
        start[w] = start[i];
        end[w] = end[i];
        cause[w] = cause[i];
      }
    }
    size = w + 1;
  }

  /**
   * Whether part (c1, e1) outranks part (c2, e2) when both begin at the same instant: a scenario's
   * forced event first, then the longer (the later end), then the lower cause id. Also ranks the
   * feeds' outages that complete a site's loss of utility ({@link SiteTimelines#feedsOut}).
   */
  static boolean beginsBefore(int c1, double e1, int c2, double e2) {
    boolean f1 = (c1 & ScenarioForcing.FORCED) != 0;
    boolean f2 = (c2 & ScenarioForcing.FORCED) != 0;
    if (f1 != f2) {
      return f1;
    }
    if (e1 != e2) {
      return e1 > e2;
    }
    return c1 < c2;
  }

  /**
   * Writes into {@code out} the intersection of two sorted, disjoint lists. An overlap is caused by
   * whichever interval began later: the failure that completed it.
   */
  static void intersect(IntervalBuffer a, IntervalBuffer b, IntervalBuffer out) {
    out.clear();
    int i = 0;
    int j = 0;
    while (i < a.size && j < b.size) {
      double s = Math.max(a.start[i], b.start[j]);
      double e = Math.min(a.end[i], b.end[j]);
      if (s < e) {
        out.add(s, e, a.start[i] >= b.start[j] ? a.cause[i] : b.cause[j]);
      }
      if (a.end[i] < b.end[j]) {
        i++;
      } else {
        j++;
      }
    }
  }
}
