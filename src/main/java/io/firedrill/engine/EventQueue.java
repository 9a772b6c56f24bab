package io.firedrill.engine;

import java.util.Arrays;

/**
 * The events of a trial's sweep in time order: where a site becomes blocked or unblocked, and where
 * a ramp starts or ends.
 *
 * <p>Built from the sites' timelines ({@link #build}), then consumed instant by instant ({@link
 * #applyDue}). Events at the same time keep the order in which they were added, which is site by
 * site, blocked intervals before ramps, each in time order; so a tie is decided the same way in
 * every trial and on every machine. The blocking events applied at the current instant are kept:
 * they are the candidates for the cause of a drop ({@link OutageAccounting#dropCause}).
 *
 * <p>Events are columns of primitive arrays, ordered through an index array; the arrays grow only
 * when a trial has more events than any before. Each site's blocked intervals are disjoint and in
 * time order, and so are its ramps as a rule: {@link #build} merges these runs in time linear in
 * the events, and sorts only where a run is out of order or there are many runs.
 */
final class EventQueue {
  static final int BLOCK_START = 0;
  static final int BLOCK_END = 1;
  static final int RAMP_START = 2;
  static final int RAMP_END = 3;

  private double[] time = new double[32];
  private int[] site = new int[32];
  private int[] type = new int[32];
  private int[] cause = new int[32];

  /** For ramp events: the ramp's index in its site's buffer. */
  private int[] ramp = new int[32];

  /** Event indices in time order. */
  private int[] order = new int[32];

  private int count;

  /** Position of the next event to apply, in {@link #order}. */
  private int next;

  /** The blocking events applied at the current instant: drop-cause candidates. */
  private int[] drops = new int[8];

  private int dropCount;

  /**
   * The events of every site's blocked intervals and ramps that matter in [0, horizon): an interval
   * over by t = 0 (a stationary start's earlier outage) has none, an interval that ends at or after
   * the horizon has no end event. Sorts them and rewinds to the first.
   */
  void build(SiteTimelines timelines, double horizon) {
    clear();
    for (int s : timelines.order) {
      IntervalBuffer b = timelines.blocked[s];
      startRun();
      for (int i = 0; i < b.size && b.start[i] < horizon; i++) {
        if (b.end[i] <= 0) {
          continue; // over before t = 0 (a stationary start's earlier outage)
        }
        add(b.start[i], s, BLOCK_START, b.cause[i], i);
        if (b.end[i] < horizon) {
          add(b.end[i], s, BLOCK_END, b.cause[i], i);
        }
      }
      IntervalBuffer r = timelines.ramps[s];
      startRun();
      for (int i = 0; i < r.size && r.start[i] < horizon; i++) {
        if (r.end[i] <= 0) {
          continue;
        }
        add(r.start[i], s, RAMP_START, r.cause[i], i);
        if (r.end[i] < horizon) {
          add(r.end[i], s, RAMP_END, r.cause[i], i);
        }
      }
    }
    order();
  }

  /** What {@link #build} of timelines that are all empty gives: no events, rewound. */
  void empty() {
    clear();
    order();
  }

  /**
   * Makes this queue a copy of {@code o}'s events, rewound to the first: what {@link #build} of the
   * same timelines gives, without ordering them again (a kernel that sweeps the hazards another
   * kernel sampled, {@link Kernel#Kernel(io.firedrill.plan.Plan, long, Kernel)}).
   */
  void copyOf(EventQueue o) {
    int n = o.count;
    if (time.length < n) {
      grow(Math.max(n, 2 * time.length));
    }
    System.arraycopy(o.time, 0, time, 0, n);
    System.arraycopy(o.site, 0, site, 0, n);
    System.arraycopy(o.type, 0, type, 0, n);
    System.arraycopy(o.cause, 0, cause, 0, n);
    System.arraycopy(o.ramp, 0, ramp, 0, n);
    System.arraycopy(o.order, 0, order, 0, n);
    count = n;
    next = 0;
    dropCount = 0;
  }

  /** Makes room for {@code room} events in every column, keeping the events there are. */
  private void grow(int room) {
    time = Arrays.copyOf(time, room);
    site = Arrays.copyOf(site, room);
    type = Arrays.copyOf(type, room);
    cause = Arrays.copyOf(cause, room);
    ramp = Arrays.copyOf(ramp, room);
    order = Arrays.copyOf(order, room);
  }

  /** Empties the queue, to be filled by runs ({@link #startRun}, {@link #add}, {@link #order}). */
  void clear() {
    count = 0;
    runs = 0;
    runStart = 0;
    inOrder = true;
  }

  /**
   * Closes the last run and puts the events in time order: by merging the runs if there are more
   * than {@link #SHORT} events, each run is in time order and there are at most {@link #MERGE_RUNS}
   * runs, else by sorting; the same order either way.
   */
  void order() {
    startRun();
    if (count > SHORT && inOrder && runs <= MERGE_RUNS) {
      merge();
    } else {
      sort();
    }
  }

  /**
   * Most runs {@link #merge} takes: it scans the heads of the runs for each event, so its cost is
   * events × runs; beyond this many a sort costs less.
   */
  static final int MERGE_RUNS = 8;

  /** Events up to which an insertion sort costs less than a merge (and {@link #sort} takes it). */
  static final int SHORT = 32;

  /**
   * Runs of events in time order, one per site's blocked intervals and one per its ramps that hold
   * events: run k is {@code [runFrom[k], runFrom[k + 1])}, {@link #runs} of them.
   */
  private int[] runFrom = new int[MERGE_RUNS + 2];

  private int runs;

  /** Where the current run began. */
  private int runStart;

  /** Whether every run so far is in time order (a site's blocked intervals are disjoint). */
  private boolean inOrder;

  /**
   * Closes the run begun at {@link #runStart}, keeping it if it holds events, and begins the next:
   * the events added until the next call are one run (expected in time order, checked).
   */
  void startRun() {
    if (count > runStart) {
      if (runs + 1 < runFrom.length) {
        runFrom[runs] = runStart;
        runFrom[runs + 1] = count;
      }
      runs++;
    }
    runStart = count;
  }

  /**
   * Orders the events by merging the runs, each already in time order (as added): at each step the
   * earliest head, ties to the earlier run, so the order is exactly {@link #sort}'s (by time, ties
   * in the order of addition), in time linear in the events (for at most {@link #MERGE_RUNS} runs)
   * rather than n log n. Rewinds to the first.
   */
  private void merge() {
    next = 0;
    int[] head = runHead;
    for (int k = 0; k < runs; k++) {
      head[k] = runFrom[k];
    }
    for (int n = 0; n < count; n++) {
      int best = -1;
      double bestTime = 0;
      for (int k = 0; k < runs; k++) {
        int e = head[k];
        if (e < runFrom[k + 1] && (best < 0 || time[e] < bestTime)) {
          best = k;
          bestTime = time[e];
        }
      }
      order[n] = head[best]++;
    }
  }

  /** Scratch for {@link #merge}: the next event of each run. */
  private final int[] runHead = new int[MERGE_RUNS];

  /** Adds an event; call {@link #sort} before applying any. */
  void add(double t, int site, int type, int cause, int index) {
    if (count == time.length) {
      grow(count * 2);
    }
    if (count > runStart && t < time[count - 1]) {
      inOrder = false;
    }
    time[count] = t;
    this.site[count] = site;
    this.type[count] = type;
    this.cause[count] = cause;
    ramp[count] = index;
    count++;
  }

  /**
   * Sorts the events by time, ties by the order they were added (insertion sort when short,
   * heapsort otherwise), and rewinds to the first.
   */
  void sort() {
    next = 0;
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    if (count <= SHORT) {
      // Stable: ties keep the order of addition.
      for (int i = 1; i < count; i++) {
        int x = order[i];
        double tx = time[x];
        int j = i - 1;
        while (j >= 0 && time[order[j]] > tx) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = x;
      }
      return;
    }
    for (int i = count / 2 - 1; i >= 0; i--) {
      sift(i, count);
    }
    for (int n = count - 1; n > 0; n--) {
      int t = order[0];
      order[0] = order[n];
      order[n] = t;
      sift(0, n);
    }
  }

  private void sift(int i, int n) {
    while (true) {
      int c = 2 * i + 1;
      if (c >= n) {
        return;
      }
      if (c + 1 < n && later(order[c + 1], order[c])) {
        c++;
      }
      if (!later(order[c], order[i])) {
        return;
      }
      int t = order[i];
      order[i] = order[c];
      order[c] = t;
      i = c;
    }
  }

  /**
   * Event order: by time, then by index (so ties keep the order of addition, deterministically).
   */
  private boolean later(int x, int y) {
    return time[x] > time[y] || (time[x] == time[y] && x > y);
  }

  /** Number of events. */
  int size() {
    return count;
  }

  /** The index of the event at position {@code k} of the time order. */
  int inOrder(int k) {
    return order[k];
  }

  /** The time of the first event; the queue must not be empty. */
  double firstTime() {
    return time[order[0]];
  }

  /**
   * The time of the next event not yet applied, cut at {@code horizon} (horizon if none is left).
   */
  double nextTime(double horizon) {
    return next < count ? Math.min(time[order[next]], horizon) : horizon;
  }

  /**
   * Applies to {@code state} every event not yet applied at or before t, in order, and keeps the
   * blocking ones among them as the drop-cause candidates of instant t.
   */
  void applyDue(double t, CapacityState state) {
    dropCount = 0;
    while (next < count && time[order[next]] <= t) {
      int e = order[next++];
      int s = site[e];
      switch (type[e]) {
        case BLOCK_START:
          state.block(s);
          if (dropCount == drops.length) {
            drops = Arrays.copyOf(drops, 2 * dropCount);
          }
          drops[dropCount++] = e;
          break;
        case BLOCK_END:
          state.unblock(s);
          break;
        case RAMP_START:
          state.startRamp(s, ramp[e]);
          if (time[e] <= 0) {
            // A restore or repair under way at t = 0 (a stationary start): it explains a
            // shortfall then, as a blocked interval in progress does.
            if (dropCount == drops.length) {
              drops = Arrays.copyOf(drops, 2 * dropCount);
            }
            drops[dropCount++] = e;
          }
          break;
        default:
          state.endRamp(s);
          break;
      }
    }
  }

  /**
   * The site of the i-th event not yet applied (from 0), if it is due by t (at or before it); −1 if
   * it is not, or there is none: the due events are those of i = 0, 1, ... up to the first −1.
   */
  int dueSite(int i, double t) {
    int k = next + i;
    return k < count && time[order[k]] <= t ? site[order[k]] : -1;
  }

  /** Number of blocking events applied at the current instant. */
  int dropCount() {
    return dropCount;
  }

  /** The site of blocking event {@code i} (0 ≤ i < {@link #dropCount}) of the current instant. */
  int dropSite(int i) {
    return site[drops[i]];
  }

  /** The cause, with its {@link ScenarioForcing#FORCED} mark, of blocking event {@code i}. */
  int dropCause(int i) {
    return cause[drops[i]];
  }

  /** The time of event {@code e}. */
  double time(int e) {
    return time[e];
  }

  /** The site of event {@code e}. */
  int site(int e) {
    return site[e];
  }

  /** The type of event {@code e}: {@link #BLOCK_START} to {@link #RAMP_END}. */
  int type(int e) {
    return type[e];
  }

  /** The cause of event {@code e}, with its {@link ScenarioForcing#FORCED} mark. */
  int cause(int e) {
    return cause[e];
  }
}
