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
 * and 36 per ramp, with a few ints per unit; about 100 bytes per trial on the shipped models
 * (SampledHazardsTest prints them).
 *
 * <p>Memory is bounded by a {@link Budget} in bytes, shared by records: a record takes an array's
 * bytes from it before it allocates the array, and a trial that would take the arrays past what is
 * left ends the keeping ({@link #overflowed}) and gives every byte back, so the records hold no
 * more than the budget together, whatever the model draws and however many threads keep. Filled by
 * one kernel on one thread, then read by any number of kernels one after another (each read is
 * positioned by {@link #rewind}); not safe for use by several threads at once.
 */
public final class SampledHazards {
  /** The flag of a trial in which no hazard failed before the horizon: every timeline empty. */
  private static final int QUIET = 0;

  private static final int KEPT = 1;

  /** Ends the list of a family's units in {@link #ints}. */
  private static final int END = -1;

  /**
   * Bytes that records may hold between them: each record takes its arrays' bytes from it before it
   * allocates them and gives them back when it frees them, so that the records in flight on several
   * threads and those kept hold no more than the budget together, even while an array is copied to
   * a larger one.
   */
  public interface Budget {
    /** Takes {@code bytes} (≥ 0) if they are left, and says whether it did. */
    boolean take(long bytes);

    /** Gives back {@code bytes} (≥ 0) taken before. */
    void giveBack(long bytes);
  }

  /**
   * A budget of {@code limitBytes} for one record or for several on one thread.
   *
   * @throws IllegalArgumentException if {@code limitBytes} is negative
   */
  public static Budget budget(long limitBytes) {
    if (limitBytes < 0) {
      throw new IllegalArgumentException("limit is negative: " + limitBytes);
    }
    return new Budget() {
      private long left = limitBytes;

      @Override
      public boolean take(long bytes) {
        if (bytes > left) {
          return false;
        }
        left -= bytes;
        return true;
      }

      @Override
      public void giveBack(long bytes) {
        left += bytes;
      }
    };
  }

  private static final int[] NO_INTS = new int[0];
  private static final double[] NO_DOUBLES = new double[0];

  private final long first;
  private final Budget budget;

  private int[] ints = NO_INTS;
  private double[] doubles = NO_DOUBLES;
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
    this(first, budget(limitBytes), 64, 64);
  }

  /**
   * An empty record whose first trial will be {@code first}, whose arrays take their bytes from
   * {@code budget} (when it has none left, the record is {@link #overflowed}, keeps nothing and
   * gives its bytes back), with room for {@code ints} ints and {@code doubles} doubles from the
   * start (what a block like the last one kept takes), so that the arrays need not grow by
   * doubling.
   *
   * @throws IllegalArgumentException if a room is below 1
   */
  public SampledHazards(long first, Budget budget, int ints, int doubles) {
    if (ints < 1 || doubles < 1) {
      throw new IllegalArgumentException("room " + ints + " ints and " + doubles + " doubles");
    }
    this.first = first;
    this.budget = budget;
    if (budget.take(4L * ints + 8L * doubles)) {
      this.ints = new int[ints];
      this.doubles = new double[doubles];
    } else {
      overflowed = true;
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
    return trials;
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
   * Frees the arrays' room beyond what they hold where it is more than an eighth of that, giving
   * the bytes back: {@link #bytes} is then within an eighth of what the trials take.
   */
  public void trim() {
    if (overflowed) {
      return;
    }
    if (ints.length - intCount > intCount >>> 3) {
      budget.giveBack(4L * (ints.length - intCount));
      ints = Arrays.copyOf(ints, intCount);
    }
    if (doubles.length - doubleCount > doubleCount >>> 3) {
      budget.giveBack(8L * (doubles.length - doubleCount));
      doubles = Arrays.copyOf(doubles, doubleCount);
    }
  }

  /** Frees the arrays and gives their bytes back: the record then holds nothing. */
  public void drop() {
    budget.giveBack(bytes());
    overflowed = true;
    ints = NO_INTS;
    doubles = NO_DOUBLES;
    intCount = 0;
    doubleCount = 0;
    trials = 0;
  }

  /** Positions the next read ({@link #restore}) at the first trial. */
  public void rewind() {
    readTrial = 0;
    readInt = 0;
    readDouble = 0;
  }

  /**
   * Keeps trial {@code trial}, the next after those kept, from {@code timelines}: {@code sampled}
   * is what {@link Hazards#sample} returned (false: every timeline empty).
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
   * Restores trial {@code trial} if it is the next to read ({@link #holdsNext}) into {@code events}
   * (rewound to its first event) and {@code timelines}' blocked intervals, ramps and destroyed
   * hardware: as {@link Hazards#sample} and {@link EventQueue#build} left them. The timelines'
   * other buffers are left as they are; the sweep reads none of them.
   *
   * @return false, restoring nothing, if {@code trial} is not the next held: the caller samples it
   */
  boolean restore(long trial, EventQueue events, SiteTimelines timelines, double horizon) {
    if (!holdsNext(trial)) {
      return false;
    }
    readTrial++;
    clearUnits(timelines.blocked);
    clearUnits(timelines.ramps);
    clearUnits(timelines.destroyed);
    if (ints[readInt++] == QUIET) {
      events.empty();
      return true;
    }
    getUnits(timelines.blocked);
    getUnits(timelines.ramps);
    getUnits(timelines.destroyed);
    events.build(timelines, horizon);
    return true;
  }

  /** How many trials have been read since the last {@link #rewind}. */
  int restored() {
    return readTrial;
  }

  /** Whether {@code trial} is the next one {@link #restore} can read. */
  boolean holdsNext(long trial) {
    return readTrial < trials && trial == first + readTrial; // trials is 0 once overflowed
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
      int n = grown(ints.length, Integer.BYTES);
      if (n < 0) {
        return;
      }
      ints = Arrays.copyOf(ints, n);
      budget.giveBack((long) Integer.BYTES * intCount); // the smaller array's, now garbage
    }
    ints[intCount++] = v;
  }

  private void putDouble(double v) {
    if (doubleCount == doubles.length) {
      int n = grown(doubles.length, Double.BYTES);
      if (n < 0) {
        return;
      }
      doubles = Arrays.copyOf(doubles, n);
      budget.giveBack((long) Double.BYTES * doubleCount);
    }
    doubles[doubleCount++] = v;
  }

  /**
   * The new length of a full array of {@code length} elements of {@code size} bytes: doubled (64 at
   * least), its bytes taken from the budget before the larger array is made (the caller gives the
   * smaller's back after the copy); or −1 once the record overflowed, the record then dropped if it
   * had not been.
   */
  private int grown(int length, int size) {
    if (overflowed) {
      return -1; // dropped within this trial: nothing more is taken or kept
    }
    int n = Math.max(64, 2 * length);
    if (length > Integer.MAX_VALUE / 2 || !budget.take((long) size * n)) {
      drop();
      return -1;
    }
    return n;
  }
}
