package io.firedrill.engine;

import java.util.Arrays;

/**
 * The sampled hazards of a run of consecutive trials, kept so that a kernel of a plan with the same
 * hazards ({@link io.firedrill.plan.Plan#sameHazards}), the same seed and the same forcing can
 * sweep them again instead of sampling them ({@link Kernel#keepHazards}, {@link
 * Kernel#sweepHazards}): the points of a {@code size} search, run one after another over the same
 * trials, sample the hazards once. A trial's hazards depend only on the seed, the trial, the
 * hazards and the forcing, so a kernel that sweeps them gives the bits of one that samples them
 * (SampledHazardsTest).
 *
 * <p>What is kept is what the sweep reads: by unit, the trial's blocked intervals, its ramps and
 * its destroyed hardware, each interval with its cause, start and end (and, for a ramp, its
 * capacities at both ends); the event queue is built from them again ({@link EventQueue#build}), as
 * after sampling. A trial in which no hazard failed before the horizon is one int. Two arrays, ints
 * and doubles, in trial order: 4 bytes per quiet trial, 20 per blocked interval or destroyed unit
 * and 36 per ramp, with a few ints per unit; about 200 to 350 bytes per trial on the shipped models
 * (SampledHazardsTest prints them).
 *
 * <p>Memory is bounded by a limit in bytes given when keeping starts: a trial that would take the
 * arrays past it ends the keeping ({@link #overflowed}) and frees them, so a run never holds more
 * than the limit here, whatever its model draws. Filled by one kernel on one thread, then read by
 * any number of kernels one after another (each read is positioned by {@link #rewind}); not safe
 * for use by several threads at once.
 */
public final class SampledHazards {
  /** The flag of a trial in which no hazard failed before the horizon: every timeline empty. */
  private static final int QUIET = 0;

  private static final int KEPT = 1;

  /** Ends the list of a family's units in {@link #ints}. */
  private static final int END = -1;

  private final long first;
  private final long limitBytes;

  private int[] ints;
  private double[] doubles;
  private int intCount;
  private int doubleCount;

  /** Trials kept, from {@link #first}. */
  private int trials;

  private boolean overflowed;

  /**
   * What the kept timelines depend on besides the trial: the plan's hazards, the seed and the
   * forcing ({@link Kernel#keepHazards}); null until a kernel keeps into this record.
   */
  Object source;

  /** Read position: the next trial to restore, and where it starts in each array. */
  private int readTrial;

  private int readInt;
  private int readDouble;

  /**
   * An empty record whose first trial will be {@code first}, holding at most {@code limitBytes}
   * bytes of arrays (past that it is {@link #overflowed} and keeps nothing).
   *
   * @throws IllegalArgumentException if {@code limitBytes} is negative
   */
  public SampledHazards(long first, long limitBytes) {
    this(first, limitBytes, 64, 64);
  }

  /**
   * As {@link #SampledHazards(long, long)}, with room for {@code ints} ints and {@code doubles}
   * doubles from the start (what a block like the last one kept takes), so that the arrays need not
   * grow by doubling; within the limit.
   *
   * @throws IllegalArgumentException if the limit is negative, or a room is below 1
   */
  public SampledHazards(long first, long limitBytes, int ints, int doubles) {
    if (limitBytes < 0 || ints < 1 || doubles < 1) {
      throw new IllegalArgumentException(
          "limit " + limitBytes + " bytes, room " + ints + " ints and " + doubles + " doubles");
    }
    this.first = first;
    this.limitBytes = limitBytes;
    if (4L * ints + 8L * doubles > limitBytes) {
      drop();
    } else {
      this.ints = new int[ints];
      this.doubles = new double[doubles];
    }
  }

  /** How many ints the trials take. */
  public int intCount() {
    return intCount;
  }

  /** How many doubles the trials take. */
  public int doubleCount() {
    return doubleCount;
  }

  /** The first trial this record holds. */
  public long first() {
    return first;
  }

  /** How many trials it holds, from {@link #first}; 0 once {@link #overflowed}. */
  public int trials() {
    return overflowed ? 0 : trials;
  }

  /** Whether a trial went past the limit: the record then holds nothing. */
  public boolean overflowed() {
    return overflowed;
  }

  /** The bytes of its arrays (their capacity, not their use). */
  public long bytes() {
    return 4L * ints.length + 8L * doubles.length;
  }

  /**
   * Frees the arrays' room beyond what they hold where it is more than an eighth of that: {@link
   * #bytes} is then within an eighth of what the trials take.
   */
  public void trim() {
    if (overflowed) {
      return;
    }
    if (ints.length - intCount > intCount >>> 3) {
      ints = Arrays.copyOf(ints, intCount);
    }
    if (doubles.length - doubleCount > doubleCount >>> 3) {
      doubles = Arrays.copyOf(doubles, doubleCount);
    }
  }

  /** Positions the next read ({@link #restore}) at the first trial. */
  public void rewind() {
    readTrial = 0;
    readInt = 0;
    readDouble = 0;
  }

  /**
   * Keeps trial {@code trial}, the next after those kept: {@code sampled} is what {@link
   * Hazards#sample} returned (false: every timeline empty), {@code events} its queue as built.
   *
   * @throws IllegalStateException if {@code trial} is not the next one
   */
  void keep(long trial, boolean sampled, SiteTimelines timelines) {
    if (overflowed) {
      return;
    }
    if (trial != first + trials) {
      throw new IllegalStateException(
          "trial " + trial + " kept after " + (first + trials - 1) + ": trials must follow");
    }
    if (!sampled) {
      putInt(QUIET);
    } else {
      putInt(KEPT);
      putUnits(timelines.blocked);
      putUnits(timelines.ramps);
      putUnits(timelines.destroyed);
    }
    if (overflowed) {
      return;
    }
    trials++;
  }

  /**
   * Restores trial {@code trial}, the next to read, into {@code events} (rewound to its first
   * event) and {@code timelines}' blocked intervals, ramps and destroyed hardware: as {@link
   * Hazards#sample} and {@link EventQueue#build} left them. The timelines' other buffers are left
   * as they are; the sweep reads none of them.
   *
   * @throws IllegalStateException if {@code trial} is not the next to read, or is not held
   */
  void restore(long trial, EventQueue events, SiteTimelines timelines, double horizon) {
    if (overflowed || readTrial >= trials || trial != first + readTrial) {
      throw new IllegalStateException(
          "trial "
              + trial
              + " is not the next held: "
              + (overflowed || readTrial >= trials ? "none left" : "" + (first + readTrial)));
    }
    readTrial++;
    clearUnits(timelines.blocked);
    clearUnits(timelines.ramps);
    clearUnits(timelines.destroyed);
    if (ints[readInt++] == QUIET) {
      events.empty();
      return;
    }
    getUnits(timelines.blocked);
    getUnits(timelines.ramps);
    getUnits(timelines.destroyed);
    events.build(timelines, horizon);
  }

  /** How many trials have been read since the last {@link #rewind}. */
  int restored() {
    return readTrial;
  }

  /** Whether {@code trial} is the next one {@link #restore} can read. */
  boolean holdsNext(long trial) {
    return !overflowed && readTrial < trials && trial == first + readTrial;
  }

  private static void clearUnits(IntervalBuffer[] buffers) {
    for (IntervalBuffer b : buffers) {
      b.clear();
    }
  }

  /**
   * Each non-empty buffer: its index, its size (times 2, plus 1 if every interval is plain, from 0
   * to 1, as every blocked interval is) and its columns, {@code from} and {@code to} only if not
   * plain; then {@link #END}.
   */
  private void putUnits(IntervalBuffer[] buffers) {
    for (int u = 0; u < buffers.length; u++) {
      IntervalBuffer b = buffers[u];
      int n = b.size;
      if (n == 0) {
        continue;
      }
      boolean plain = true;
      for (int i = 0; i < n; i++) {
        plain &= b.from[i] == 0 && b.to[i] == 1;
      }
      putInt(u);
      putInt(2 * n + (plain ? 1 : 0));
      for (int i = 0; i < n; i++) {
        putInt(b.cause[i]);
        putDouble(b.start[i]);
        putDouble(b.end[i]);
        if (!plain) {
          putDouble(b.from[i]);
          putDouble(b.to[i]);
        }
      }
    }
    putInt(END);
  }

  private void getUnits(IntervalBuffer[] buffers) {
    for (int u = ints[readInt++]; u != END; u = ints[readInt++]) {
      IntervalBuffer b = buffers[u];
      int header = ints[readInt++];
      int n = header >>> 1;
      if ((header & 1) != 0) {
        for (int i = 0; i < n; i++) {
          b.add(doubles[readDouble], doubles[readDouble + 1], ints[readInt++]);
          readDouble += 2;
        }
      } else {
        for (int i = 0; i < n; i++) {
          b.addRamp(
              doubles[readDouble],
              doubles[readDouble + 1],
              ints[readInt++],
              doubles[readDouble + 2],
              doubles[readDouble + 3]);
          readDouble += 4;
        }
      }
    }
  }

  private void putInt(int v) {
    if (intCount == ints.length) {
      ints = grow(ints, doubles.length);
      if (overflowed) {
        return;
      }
    }
    ints[intCount++] = v;
  }

  private void putDouble(double v) {
    if (doubleCount == doubles.length) {
      doubles = grow(doubles, ints.length);
      if (overflowed) {
        return;
      }
    }
    doubles[doubleCount++] = v;
  }

  /** ints doubled (64 at least), or dropped (every array freed) if that would pass the limit. */
  private int[] grow(int[] a, int otherDoubles) {
    int n = Math.max(64, 2 * a.length);
    if (4L * n + 8L * otherDoubles > limitBytes || a.length > Integer.MAX_VALUE / 2) {
      drop();
      return ints;
    }
    return Arrays.copyOf(a, n);
  }

  /** doubles doubled (64 at least), or dropped if that would pass the limit. */
  private double[] grow(double[] a, int otherInts) {
    int n = Math.max(64, 2 * a.length);
    if (8L * n + 4L * otherInts > limitBytes || a.length > Integer.MAX_VALUE / 2) {
      drop();
      return doubles;
    }
    return Arrays.copyOf(a, n);
  }

  private void drop() {
    overflowed = true;
    ints = new int[0];
    doubles = new double[0];
    intCount = 0;
    doubleCount = 0;
    trials = 0;
  }
}
