package io.firedrill.cli;

import io.firedrill.plan.Plan;
import io.firedrill.report.Numbers;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.CurveStats;
import io.firedrill.stats.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The memory a command will hold, estimated up front from its sizes, and the check against the Java
 * heap: a command that would not fit is refused before any trial runs, with one line naming what to
 * lower, instead of failing with an out-of-memory error later.
 *
 * <p>Every size is a {@code long}, and products saturate at {@link Long#MAX_VALUE} instead of
 * wrapping, so no user-given size (points, services, threads, outages) can make an estimate
 * negative. The parts (docs/limits.md, "Memory"):
 *
 * <ul>
 *   <li>statistics of the blocks in flight: a runner keeps up to 4 × threads blocks ahead of the
 *       merge plus the one merged, each with a tally and a quantile sketch per service and metric
 *       (estimated at {@value #HISTOGRAM_BYTES} bytes a sketch: 2,048 buckets, more than the 1,330
 *       a sketch of the shipped models fills in a block on average, though one filled 3,640; a
 *       sketch of at most 256 positive values holds a list instead, 1 KiB at most), plus the merged
 *       statistics;
 *   <li>kernels: per worker, about {@value #BYTES_PER_EVENT} bytes per expected hazard event of a
 *       trial (event and interval buffers, with room to grow);
 *   <li>recovery curves ({@code scenario}): per worker and once merged, points × series × 202
 *       counters of 8 bytes (CurveStats), plus the worker's own points × series values;
 *   <li>per-trial rows ({@code --per-trial}): one block's values per block in flight;
 *   <li>outages ({@code --outages N}): per block in flight, at most N outages or one per trial and
 *       service, {@value #OUTAGE_BYTES} bytes each;
 *   <li>sweeps: all of the above per point, plus the paired differences.
 * </ul>
 *
 * <p>A command is refused when the estimate exceeds {@link #SHARE_PERCENT} % of the heap Java may
 * use ({@link Runtime#maxMemory()}): the rest is for the model, the plan, the charts and the JVM.
 * The estimate is deliberately simple; a run that still exhausts the heap ends with one line and
 * exit status 1 (see {@link Firedrill}).
 */
final class MemoryEstimate {
  /** Estimated bytes of one quantile sketch (LogHistogram) of one block. */
  static final long HISTOGRAM_BYTES = 16 * 1024;

  /** Estimated bytes per expected hazard event of a trial, per worker kernel. */
  static final long BYTES_PER_EVENT = 256;

  /** Bytes per outage kept for outages.csv (trial, service, cause, start, end, user-hours). */
  static final long OUTAGE_BYTES = 48;

  /** Share of the heap an estimate may take, in percent. */
  static final int SHARE_PERCENT = 75;

  /** The heap limit; replaceable by tests, which simulate a small -Xmx. */
  static volatile LongSupplier heap = () -> Runtime.getRuntime().maxMemory();

  /** One part of the estimate: what, its bytes, and the options that lower it. */
  record Part(String what, long bytes, String lower) {}

  private final List<Part> parts = new ArrayList<>();

  /** Adds a part. */
  MemoryEstimate add(String what, long bytes, String lower) {
    parts.add(new Part(what, bytes, lower));
    return this;
  }

  /** The sum of the parts, saturating. */
  long total() {
    long t = 0;
    for (Part p : parts) {
      t = plus(t, p.bytes());
    }
    return t;
  }

  /**
   * What is left of the share of the heap an estimate may take once this one is held: what {@code
   * size} may keep of the hazards its first point samples ({@link io.firedrill.run.HazardCache}),
   * at most 1/{@value io.firedrill.run.HazardCache#HEAP_SHARE} of the heap; 0 when nothing is left.
   */
  long spare() {
    long limit = heap.getAsLong();
    long left = limit / 100 * SHARE_PERCENT - total();
    return Math.max(0, Math.min(left, limit / io.firedrill.run.HazardCache.HEAP_SHARE));
  }

  /** Refuses, as usage, an estimate beyond the share of the heap. */
  void check() {
    long limit = heap.getAsLong();
    long total = total();
    long allowed = limit / 100 * SHARE_PERCENT;
    if (total <= allowed) {
      return;
    }
    Part big = parts.stream().max(Comparator.comparingLong(Part::bytes)).orElseThrow();
    long neededHeap = total / SHARE_PERCENT * 100;
    long gib = Math.max(1, (neededHeap >> 30) + 1);
    throw new UsageException(
        "not enough memory: "
            + big.what()
            + " need about "
            + bytes(big.bytes())
            + " and the whole run about "
            + bytes(total)
            + ", more than "
            + SHARE_PERCENT
            + " % of the "
            + bytes(limit)
            + " Java may use; lower "
            + big.lower()
            + ", or give Java more memory (java -Xmx"
            + gib
            + "g -jar firedrill.jar ...)");
  }

  /** The estimate of a run or scenario, or of one point of {@code size}. */
  static MemoryEstimate run(
      Plan plan, int threads, long trials, int curvePoints, boolean perTrial, int outages) {
    return run(plan, threads, trials, curvePoints, perTrial, outages, false);
  }

  /**
   * The estimate of a run or scenario; with {@code stationary}, a scenario whose background starts
   * in its long-run state, whose trials also hold the warm-up's events before t = 0.
   */
  static MemoryEstimate run(
      Plan plan,
      int threads,
      long trials,
      int curvePoints,
      boolean perTrial,
      int outages,
      boolean stationary) {
    long t = workers(threads, trials);
    long inFlight = blocksInFlight(t, trials);
    long ns = plan.services;
    MemoryEstimate e = new MemoryEstimate();
    e.add(
        "the statistics of the blocks in flight (" + inFlight + " blocks of " + ns + " services)",
        times(inFlight + 1, statsBytes(plan)),
        "--threads");
    e.add(
        "the trial kernels (" + t + " workers)",
        times(t, kernelBytes(plan, stationary)),
        "--threads");
    if (curvePoints > 0) {
      long series = ns + plan.sites;
      e.add(
          "the recovery curves ("
              + curvePoints
              + " points × "
              + series
              + " series on "
              + t
              + " workers)",
          times(t + 1, times(curvePoints, series, CurveStats.BINS + 2L, Long.BYTES)),
          "--points or --threads");
      e.add(
          "the workers' curve values",
          times(t, curvePoints, series, Double.BYTES),
          "--points or --threads");
    }
    if (perTrial) {
      e.add(
          "the per-trial rows of the blocks in flight",
          times(inFlight, TrialRunner.BLOCK_TRIALS, ns, TrialRunner.METRICS, Double.BYTES),
          "--threads");
    }
    if (outages > 0) {
      e.add(
          "the outages kept for outages.csv",
          times(inFlight, Math.min(outages, times(TrialRunner.BLOCK_TRIALS, ns)), OUTAGE_BYTES),
          "--outages or --threads");
    }
    return e;
  }

  /** The estimate of a sweep over {@code plans} (one per point). */
  static MemoryEstimate sweep(List<Plan> plans, int threads, long trials) {
    long t = workers(threads, trials);
    long inFlight = blocksInFlight(t, trials);
    long np = plans.size();
    Plan first = plans.get(0);
    long ns = first.services;
    long perBlock =
        plus(
            times(np, statsBytes(first)),
            plus(
                times(np, ns, TrialRunner.METRICS, 64),
                times(TrialRunner.BLOCK_TRIALS, ns, TrialRunner.METRICS, Double.BYTES)));
    MemoryEstimate e = new MemoryEstimate();
    e.add(
        "the statistics of " + np + " points for the blocks in flight (" + inFlight + " blocks)",
        plus(times(inFlight, perBlock), times(np, statsBytes(first))),
        "the points of --vary or --threads");
    e.add(
        "the trial kernels (" + np + " points on " + t + " workers)",
        times(t, np, kernelBytes(first, false)),
        "the points of --vary or --threads");
    return e;
  }

  /**
   * Bytes of the statistics of one block (RunStats): per service a sketch and tally for every
   * metric that can be other than 0 and one for its outage durations, the totals over services,
   * per-cause totals.
   */
  static long statsBytes(Plan plan) {
    long ns = plan.services;
    // A metric that stays 0 in every trial fills no sketch: the data-loss metrics of a model
    // without data.
    long sketched = TrialRunner.METRICS - (!plan.hasData() ? Metric.DATA.size() : 0);
    return plus(
        times(ns * (sketched + 1L) + Metric.TOTALS.size(), HISTOGRAM_BYTES + 64),
        times(ns, plan.causes(), 3 * Long.BYTES));
  }

  private static long kernelBytes(Plan plan, boolean stationary) {
    double events = Math.max(0, plan.expectedEventsPerTrial(stationary));
    long eventBytes = events >= 1e15 ? Long.MAX_VALUE : (long) Math.ceil(events) * BYTES_PER_EVENT;
    return plus(
        eventBytes,
        plus(
            times((long) plan.services + plan.sites, 512),
            times(plan.services, plan.causes(), 24)));
  }

  /** Workers the block executor starts: no more than there are blocks. */
  private static long workers(int threads, long trials) {
    long blocks = (trials + TrialRunner.BLOCK_TRIALS - 1) / TrialRunner.BLOCK_TRIALS;
    return Math.max(1, Math.min(threads, blocks));
  }

  /**
   * Blocks computed ahead of the merge (4 per worker) and the one being merged, but no more than
   * the run has.
   */
  private static long blocksInFlight(long workers, long trials) {
    long blocks = (trials + TrialRunner.BLOCK_TRIALS - 1) / TrialRunner.BLOCK_TRIALS;
    return Math.min(plus(times(4, workers), 1), blocks);
  }

  /** A product that saturates at Long.MAX_VALUE instead of wrapping (factors are ≥ 0). */
  static long times(long... factors) {
    long p = 1;
    for (long f : factors) {
      if (f == 0) {
        return 0;
      }
      if (p > Long.MAX_VALUE / f) {
        p = Long.MAX_VALUE;
      } else {
        p *= f;
      }
    }
    return p;
  }

  /** A sum that saturates at Long.MAX_VALUE. */
  static long plus(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }

  /** "1.5 GiB", "640 MiB". */
  static String bytes(long b) {
    if (b >= 1L << 30) {
      return Numbers.brief(b / (double) (1L << 30), 3) + " GiB";
    }
    return Numbers.brief(b / (double) (1L << 20), 3) + " MiB";
  }
}
