package io.firedrill.study;

import io.firedrill.plan.Plan;
import io.firedrill.run.BlockScheduler;
import io.firedrill.run.Cancellation;
import io.firedrill.run.LocalScheduler;
import io.firedrill.run.TrialRunner;
import io.firedrill.run.TrialWorker;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import io.firedrill.stats.Tally;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Several variants of a model on common random numbers: every point runs the same trials, on the
 * same substreams, block by block in lockstep. Each source of randomness (a hazard, a service's
 * failovers) has its own substream per trial, keyed by its name and not by its position in the
 * model ({@code engine.StreamKeys}), so a change to one hazard leaves the draws of every other
 * source, and every result that does not depend on that hazard, bit-identical from point to point.
 *
 * <p>Within a block, the first point's per-trial values are kept and every other point's values are
 * subtracted trial by trial; the differences feed one tally per point, service and metric, so the
 * confidence interval of a difference comes from the paired differences themselves (not from
 * subtracting two intervals). Memory is one block of values per block in flight, whatever the trial
 * count: a merged block's statistics, tallies and values are cleared and reused by the next block.
 * Blocks are merged in block order, so results do not depend on the thread count.
 */
public final class SweepRunner {
  private static final Metric[] METRICS = Metric.values();

  /**
   * Per point, its statistics; per point, service (and the total over services, at index {@code
   * services}) and metric, the paired difference to point 0.
   */
  public record Result(List<RunStats> points, Tally[] differences, int services) {
    /** The tally of (point p − point 0) for service a and metric m. */
    public Tally difference(int p, int a, Metric m) {
      if (a < 0 || a >= services) {
        throw new IndexOutOfBoundsException("service index out of range: " + a);
      }
      return differences[index(p, a, m, services)];
    }

    /**
     * The tally of (point p − point 0) for the total of {@code m} over services, per trial.
     *
     * @throws IllegalArgumentException if {@code m} has no total
     */
    public Tally totalDifference(int p, Metric m) {
      if (!m.hasTotal()) {
        throw new IllegalArgumentException("metric has no total over services: " + m.csvName());
      }
      return differences[index(p, services, m, services)];
    }
  }

  /** Where the difference of point p, service a (a = ns: the total) and metric m is kept. */
  private static int index(int p, int a, Metric m, int ns) {
    return (p * (ns + 1) + a) * METRICS.length + m.ordinal();
  }

  /**
   * One block of every point: per point its statistics, the paired differences, point 0's values
   * per trial and one trial's values. Reused by later blocks once merged.
   */
  private record Block(RunStats[] stats, Tally[] differences, double[] base, double[] values) {
    /**
     * Empties the statistics and differences of a merged block for the next. The values need no
     * clearing: every value read in a block is written first in it.
     */
    void clear() {
      for (RunStats s : stats) {
        s.clear(0);
      }
      for (Tally d : differences) {
        d.clear();
      }
    }
  }

  private SweepRunner() {}

  /**
   * Runs {@code options.trials()} trials of every plan (all compiled from one model, so they have
   * the same services in the same order); {@code scenario} may be null; nothing can stop it.
   */
  public static Result run(
      List<Plan> plans, TrialRunner.Options options, TrialRunner.Scenario scenario)
      throws Exception {
    return run(plans, options, scenario, null, new Cancellation());
  }

  /**
   * As {@link #run(List, TrialRunner.Options, TrialRunner.Scenario)}, on {@code options.threads()}
   * threads, reporting trials done to {@code progress} (may be null).
   *
   * @throws Cancellation.Stopped after the block during which {@code cancellation} was cancelled,
   *     saying how many of the trials were done
   */
  public static Result run(
      List<Plan> plans,
      TrialRunner.Options options,
      TrialRunner.Scenario scenario,
      TrialRunner.Progress progress,
      Cancellation cancellation)
      throws Exception {
    return run(
        plans, options, scenario, progress, cancellation, new LocalScheduler(options.threads()));
  }

  /**
   * As {@link #run(List, TrialRunner.Options, TrialRunner.Scenario, TrialRunner.Progress,
   * Cancellation)}, with the blocks computed by {@code scheduler}.
   */
  public static Result run(
      List<Plan> plans,
      TrialRunner.Options options,
      TrialRunner.Scenario scenario,
      TrialRunner.Progress progress,
      Cancellation cancellation,
      BlockScheduler scheduler)
      throws Exception {
    int np = plans.size();
    Plan first = plans.get(0);
    int ns = first.services;
    List<RunStats> total = new ArrayList<>();
    for (Plan p : plans) {
      total.add(new RunStats(p, 0));
    }
    Tally[] diffs = tallies(np * (ns + 1) * METRICS.length);
    try {
      runBlocks(plans, options, scenario, total, diffs, progress, cancellation, scheduler);
    } catch (Cancellation.Stopped e) {
      // The scheduler counts blocks; the user counts trials.
      throw new Cancellation.Stopped(
          Math.min(options.trials(), e.done() * TrialRunner.BLOCK_TRIALS), options.trials());
    }
    return new Result(total, diffs, ns);
  }

  private static void runBlocks(
      List<Plan> plans,
      TrialRunner.Options options,
      TrialRunner.Scenario scenario,
      List<RunStats> total,
      Tally[] diffs,
      TrialRunner.Progress progress,
      Cancellation cancellation,
      BlockScheduler scheduler)
      throws Exception {
    int np = plans.size();
    Queue<Block> free = new ConcurrentLinkedQueue<>();
    scheduler.<TrialWorker[], Block>run(
        TrialRunner.blocks(options.trials()),
        () -> workers(plans, options.seed(), scenario),
        (workers, b) -> {
          Block into = free.poll();
          if (into == null) {
            into = newBlock(plans, options.trials());
          } else {
            into.clear();
          }
          return block(plans, workers, b, options.trials(), into, cancellation);
        },
        (b, block) -> {
          if (progress != null) {
            progress.done(Math.min(options.trials(), (b + 1) * TrialRunner.BLOCK_TRIALS));
          }
          for (int p = 0; p < np; p++) {
            total.get(p).merge(block.stats()[p]);
          }
          for (int i = 0; i < diffs.length; i++) {
            diffs[i].merge(block.differences()[i]);
          }
          free.offer(block);
        },
        cancellation);
  }

  private static Tally[] tallies(int n) {
    Tally[] t = new Tally[n];
    for (int i = 0; i < n; i++) {
      t[i] = new Tally();
    }
    return t;
  }

  private static TrialWorker[] workers(List<Plan> plans, long seed, TrialRunner.Scenario scenario) {
    TrialWorker[] w = new TrialWorker[plans.size()];
    for (int p = 0; p < w.length; p++) {
      w[p] = new TrialWorker(plans.get(p), seed, scenario);
    }
    return w;
  }

  /**
   * Block {@code index} of every point, on common random numbers, into {@code block} (new or
   * cleared); stops before any trial once {@code cancellation} is cancelled (the scheduler then
   * reports the blocks merged before it).
   */
  private static Block block(
      List<Plan> plans,
      TrialWorker[] workers,
      long index,
      long trials,
      Block block,
      Cancellation cancellation) {
    int np = plans.size();
    int ns = plans.get(0).services;
    int nm = METRICS.length;
    long firstTrial = index * TrialRunner.BLOCK_TRIALS;
    int count = (int) Math.min(TrialRunner.BLOCK_TRIALS, trials - firstTrial);
    RunStats[] stats = block.stats();
    Tally[] diffs = block.differences();
    // Per trial, point 0's values: every service's, then the totals (at service index ns).
    double[] base = block.base();
    double[] v = block.values();
    for (int p = 0; p < np; p++) {
      TrialWorker w = workers[p];
      w.startBlock(stats[p]);
      for (int t = 0; t < count; t++) {
        cancellation.throwIfCancelled("within a block");
        boolean affected = w.run(firstTrial + t);
        w.values(affected, v);
        for (int a = 0; a <= ns; a++) {
          for (Metric m : METRICS) {
            if (a == ns && !m.hasTotal()) {
              continue;
            }
            int i = a * nm + m.ordinal();
            (a < ns ? stats[p].metric(a, m) : stats[p].total(m)).add(v[i]);
            if (p == 0) {
              base[t * (ns + 1) * nm + i] = v[i];
            } else {
              diffs[index(p, a, m, ns)].add(v[i] - base[t * (ns + 1) * nm + i]);
            }
          }
        }
      }
      stats[p].flush();
      stats[p].countTrials(count);
      w.endBlock(stats[p]);
    }
    return block;
  }

  /**
   * An empty block of every point of {@code plans}, with room for a block of a run of {@code
   * trials} (its first block, which no later one exceeds).
   */
  private static Block newBlock(List<Plan> plans, long trials) {
    int np = plans.size();
    int ns = plans.get(0).services;
    int nm = METRICS.length;
    RunStats[] stats = new RunStats[np];
    for (int p = 0; p < np; p++) {
      stats[p] = new RunStats(plans.get(p), 0);
    }
    return new Block(
        stats,
        tallies(np * (ns + 1) * nm),
        new double[(int) Math.min(TrialRunner.BLOCK_TRIALS, trials) * (ns + 1) * nm],
        new double[(ns + 1) * nm]);
  }
}
