package io.firedrill.run;

import io.firedrill.engine.SampledHazards;
import io.firedrill.plan.Plan;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hazards one run sampled, kept block by block within a memory budget, for the runs after it
 * that sample the same hazards over the same trials: a plan with the same hazards ({@link
 * Plan#sameHazards}: it differs in capacities, deployments or policies), the same seed and the same
 * scenario. Those runs sweep the kept blocks instead of sampling them again, with the same bits
 * (the timelines of a trial depend only on the seed, the trial, the hazards and the forcing), and
 * sample the blocks that were not kept. This is how the points of a {@code size} search, which run
 * one after another, share one sampling of the hazards (issue 15, item 4).
 *
 * <p>The first run given to a cache keeps what it samples, if its plan's timelines do not depend on
 * its services ({@link Plan#hazardsKey}); a later run of the same hazards, seed and scenario sweeps
 * it; any other run neither keeps nor sweeps. Blocks are kept while their arrays fit in the budget
 * ({@link SampledHazards}: about 4 bytes per quiet trial, about 100 per trial on the shipped
 * models); a block that does not fit, and every block after the budget is spent, is sampled by
 * every run. Safe for the run's worker threads; one run at a time.
 */
public final class HazardCache {
  /**
   * The most of the heap a cache is given by {@code size}: 1/8 of {@link Runtime#maxMemory}, within
   * what its memory estimate leaves of the heap's usable share.
   */
  public static final int HEAP_SHARE = 8;

  /** What a run does with the cache. */
  enum Use {
    /** Keeps the blocks it samples (the first run). */
    KEEP,
    /** Sweeps the kept blocks (a later run of the same hazards, seed and scenario). */
    SWEEP,
    /** Neither (other hazards, or timelines that depend on the services). */
    NONE
  }

  private final long budgetBytes;
  private final AtomicLong used = new AtomicLong();
  private final ConcurrentHashMap<Long, SampledHazards> blocks = new ConcurrentHashMap<>();

  /** The most ints and doubles a kept block took: the room a new record starts with. */
  private final AtomicInteger largestInts = new AtomicInteger();

  private final AtomicInteger largestDoubles = new AtomicInteger();

  /** The hazards, seed, scenario and trials of the run that kept the blocks; null before one. */
  private Object key;

  /** Runs that swept the kept blocks (for reports and tests). */
  private int sweeps;

  /** The share of a sweeping run's blocks that were kept (the rest it samples); 0 before one. */
  private double keptShare;

  /**
   * A cache that keeps at most {@code budgetBytes} bytes of sampled hazards.
   *
   * @throws IllegalArgumentException if the budget is negative
   */
  public HazardCache(long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budget is negative: " + budgetBytes);
    }
    this.budgetBytes = budgetBytes;
  }

  /**
   * The bytes of sampled hazards held: those kept, and while a run keeps, its records in flight.
   */
  public long bytes() {
    return used.get();
  }

  /** The number of blocks kept. */
  public int blocks() {
    return blocks.size();
  }

  /**
   * How many runs swept kept blocks rather than sampling them (a run of the same hazards, seed,
   * trials and scenario after the one that kept them, if it kept any).
   */
  public synchronized int sweeps() {
    return sweeps;
  }

  /**
   * The share of those runs' blocks that were kept, in [0, 1]: 1 when the budget held every block
   * of the first run, less when it held only the first ones (the others each run samples); 0 before
   * a run swept.
   */
  public synchronized double keptShare() {
    return keptShare;
  }

  /**
   * What the run of {@code plan} with {@code options} does with this cache; called as it starts.
   */
  synchronized Use start(Plan plan, TrialRunner.Options options) {
    Object hazards = plan.hazardsKey();
    if (hazards == null) {
      return Use.NONE;
    }
    Object scenario = options.scenario() == null ? "run" : options.scenario();
    Object k = List.of(hazards, options.seed(), options.trials(), scenario);
    if (key == null) {
      key = k;
      return Use.KEEP;
    }
    if (key.equals(k) && !blocks.isEmpty()) {
      sweeps++;
      keptShare = (double) blocks.size() / TrialRunner.blocks(options.trials());
      return Use.SWEEP;
    }
    return Use.NONE;
  }

  /**
   * A record to keep the block whose first trial is {@code first} into, its bytes taken from the
   * budget as its arrays grow: the records in flight and those kept hold no more than the budget
   * together.
   */
  SampledHazards record(long first) {
    // Room for a block like the largest kept, and an eighth more, so that arrays rarely grow.
    return new SampledHazards(
        first, budget, roomFor(largestInts.get()), roomFor(largestDoubles.get()));
  }

  private static int roomFor(int count) {
    return (int) Math.min(Integer.MAX_VALUE / 2, Math.max(64, count + (count >>> 3)));
  }

  /** Keeps block {@code index}'s record if it is whole (its bytes were taken as it grew). */
  void keep(long index, SampledHazards record) {
    if (record.overflowed()) {
      return;
    }
    largestInts.accumulateAndGet(record.intCount(), Math::max);
    largestDoubles.accumulateAndGet(record.doubleCount(), Math::max);
    record.trim();
    blocks.put(index, record);
  }

  /** The budget records take their bytes from: {@link #used} against {@link #budgetBytes}. */
  private final SampledHazards.Budget budget =
      new SampledHazards.Budget() {
        @Override
        public boolean take(long bytes) {
          long before;
          do {
            before = used.get();
            if (bytes > budgetBytes - before) {
              return false;
            }
          } while (!used.compareAndSet(before, before + bytes));
          return true;
        }

        @Override
        public void giveBack(long bytes) {
          used.addAndGet(-bytes);
        }
      };

  /** Block {@code index}'s kept record, or null. */
  SampledHazards block(long index) {
    return blocks.get(index);
  }
}
