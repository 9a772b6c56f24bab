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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Several variants of a model on common random numbers: every point runs the same trials, on the
 * same substreams, block by block in lockstep. Each source of randomness (a hazard, a service's
 * failovers) has its own substream per trial, keyed by its name and not by its position in the
 * model ({@code engine.StreamKeys}), so a change to one hazard leaves the draws of every other
 * source, and every result that does not depend on that hazard, bit-identical from point to point.
 *
 * <p>Points whose plans sample the same hazards (they differ in capacities, placements or policies,
 * {@link Plan#sameHazards}) form a group and share one sampling: a block runs a group trial by
 * trial, every point of it in turn, the first of them sampling each trial's site timelines and the
 * others sweeping those timelines, which gives the same bits as sampling them again. Groups run one
 * after another, so that only one group's kernels and statistics are in play at a time.
 *
 * <p>Each trial's values of the first point are kept and every other point's values are subtracted
 * from them; the differences feed one tally per point, service and metric, so the confidence
 * interval of a difference comes from the paired differences themselves (not from subtracting two
 * intervals). Memory is one block of statistics and of point 0's values per block in flight,
 * whatever the trial count: a merged block's statistics and tallies are cleared and reused by the
 * next block. Blocks are merged in block order, so results do not depend on the thread count.
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
   * One block of every point: per point its statistics, the paired differences, point 0's values of
   * every trial of the block, one trial's values of the point being run, and per point and service
   * (then the totals) the zeros of its differences not yet added (every one is added by the end of
   * the block). Reused by later blocks once merged.
   */
  private record Block(
      RunStats[] stats, Tally[] differences, double[] base, double[] values, long[] pendingZeros) {
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
    int[][] groups = groups(plans);
    Queue<Block> free = new ConcurrentLinkedQueue<>();
    scheduler.<TrialWorker[], Block>run(
        TrialRunner.blocks(options.trials()),
        () -> workers(plans, groups, options.seed(), scenario),
        (workers, b) -> {
          Block into = free.poll();
          if (into == null) {
            into = newBlock(plans, options.trials());
          } else {
            into.clear();
          }
          return block(plans, groups, workers, b, options.trials(), into, cancellation);
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

  /**
   * The points in groups that sample the same hazards ({@link Plan#hazardsKey}; a point whose key
   * is null is a group of its own), each group in point order, the groups in the order of their
   * first points (point 0 leads the first).
   */
  private static int[][] groups(List<Plan> plans) {
    Map<Object, List<Integer>> byKey = new HashMap<>();
    List<List<Integer>> groups = new ArrayList<>();
    for (int p = 0; p < plans.size(); p++) {
      Object key = plans.get(p).hazardsKey();
      List<Integer> group = key == null ? null : byKey.get(key);
      if (group == null) {
        group = new ArrayList<>();
        groups.add(group);
        if (key != null) {
          byKey.put(key, group);
        }
      }
      group.add(p);
    }
    return groups.stream()
        .map(g -> g.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }

  /**
   * One worker per point; the first point of each group ({@link #groups}) samples the hazards, the
   * others sweep the timelines it sampled instead of sampling them again.
   */
  private static TrialWorker[] workers(
      List<Plan> plans, int[][] groups, long seed, TrialRunner.Scenario scenario) {
    TrialWorker[] w = new TrialWorker[plans.size()];
    for (int[] group : groups) {
      for (int p : group) {
        TrialWorker source = p == group[0] ? null : w[group[0]];
        w[p] = new TrialWorker(plans.get(p), seed, scenario, source);
      }
    }
    return w;
  }

  /**
   * Block {@code index} of every point, on common random numbers, into {@code block} (new or
   * cleared); stops before any trial once {@code cancellation} is cancelled (the scheduler then
   * reports the blocks merged before it). Group by group ({@link #groups}), trial by trial within a
   * group, every point of the group in turn: a point that borrows its hazards runs a trial right
   * after the point that samples them, and the points of one group only are in play at a time. Each
   * point's statistics and differences take its trials in trial order, whatever the groups.
   */
  private static Block block(
      List<Plan> plans,
      int[][] groups,
      TrialWorker[] workers,
      long index,
      long trials,
      Block block,
      Cancellation cancellation) {
    int np = plans.size();
    int ns = plans.get(0).services;
    int nm = METRICS.length;
    int width = (ns + 1) * nm;
    long firstTrial = index * TrialRunner.BLOCK_TRIALS;
    int count = (int) Math.min(TrialRunner.BLOCK_TRIALS, trials - firstTrial);
    RunStats[] stats = block.stats();
    Tally[] diffs = block.differences();
    // Per trial of the block, point 0's values: every service's, then the totals (at service
    // index ns), at [t * width]. Point 0 leads the first group, so they are there before any other
    // point needs them.
    double[] base = block.base();
    double[] v = block.values();
    long[] pending = block.pendingZeros();
    for (int p = 0; p < np; p++) {
      workers[p].startBlock(stats[p]);
    }
    for (int[] group : groups) {
      for (int t = 0; t < count; t++) {
        int b = t * width;
        for (int p : group) {
          // Before every point's trial: a trial may take seconds, and a group may have hundreds.
          cancellation.throwIfCancelled("within a block");
          TrialWorker w = workers[p];
          w.values(w.run(firstTrial + t), v);
          if (p == 0) {
            System.arraycopy(v, 0, base, b, width);
          }
          RunStats st = stats[p];
          for (int a = 0; a <= ns; a++) {
            int from = a * nm;
            if (zero(v, from, nm) && (p == 0 || zero(base, b + from, nm))) {
              // Every metric of service a (or every total) is 0 here and at point 0, as in most
              // trials: counted, and the differences' zeros deferred until a value follows.
              if (a < ns) {
                st.addQuiet(a);
              } else {
                for (Metric m : Metric.TOTALS) {
                  st.total(m).add(0);
                }
              }
              if (p > 0) {
                pending[p * (ns + 1) + a]++;
              }
              continue;
            }
            if (p > 0) {
              addPending(diffs, pending, p, a, ns);
            }
            for (Metric m : METRICS) {
              if (a == ns && !m.hasTotal()) {
                continue;
              }
              int i = from + m.ordinal();
              (a < ns ? st.metric(a, m) : st.total(m)).add(v[i]);
              if (p > 0) {
                diffs[index(p, a, m, ns)].add(v[i] - base[b + i]);
              }
            }
          }
        }
      }
    }
    for (int p = 0; p < np; p++) {
      for (int a = 0; p > 0 && a <= ns; a++) {
        addPending(diffs, pending, p, a, ns);
      }
      stats[p].flush();
      stats[p].countTrials(count);
      workers[p].endBlock(stats[p]);
    }
    return block;
  }

  /** Whether the {@code n} values from {@code from} are all zero. */
  private static boolean zero(double[] v, int from, int n) {
    for (int i = from; i < from + n; i++) {
      if (v[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds the zeros deferred for point p and service a (a = ns: the totals) to each of its
   * differences, in their place: before any later value, as adding each would ({@link
   * Tally#addZerosInOrder}).
   */
  private static void addPending(Tally[] diffs, long[] pending, int p, int a, int ns) {
    int k = p * (ns + 1) + a;
    if (pending[k] == 0) {
      return;
    }
    for (Metric m : METRICS) {
      if (a < ns || m.hasTotal()) {
        diffs[index(p, a, m, ns)].addZerosInOrder(pending[k]);
      }
    }
    pending[k] = 0;
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
        new double[(ns + 1) * nm],
        new long[np * (ns + 1)]);
  }
}
