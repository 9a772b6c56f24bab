package io.firedrill.run;

import io.firedrill.engine.HazardBias;
import io.firedrill.engine.Kernel;
import io.firedrill.engine.SampledHazards;
import io.firedrill.engine.StreamKeys;
import io.firedrill.plan.Plan;
import io.firedrill.stats.CurveStats;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the trials of one plan in fixed blocks and merges the blocks' statistics in block order.
 *
 * <h2>Reproducibility</h2>
 *
 * <p>Trials are numbered from 0 over the whole run and cut into blocks of {@value #BLOCK_TRIALS}
 * (block b holds trials b × {@value #BLOCK_TRIALS} onwards). Every random number of trial t comes
 * from a substream keyed by (the run's seed, t, the stable id of the source that draws it, the draw
 * number within the trial) and computed directly by Philox4x64-10 ({@link StreamKeys}): no block
 * stream, nothing carried from one trial to the next, so block b costs O(1) to reach. A {@link
 * BlockScheduler} computes the blocks, by default on {@code options.threads()} worker threads
 * ({@link LocalScheduler}), and the calling thread merges them strictly in block order; so the same
 * model, seed and trial count give the same bits, and the same CSV files, at any thread count.
 *
 * <p>The local scheduler runs workers at most {@code 4 × threads} blocks ahead of the merge, which
 * bounds memory. A block's statistics and per-trial rows go back to a pool once merged, and the
 * next block clears and reuses them ({@link RunStats#clear}), so a run allocates statistics for the
 * blocks in flight, not for every block. A worker that fails stops the run, and its error is
 * reported once.
 */
public final class TrialRunner {
  /** Trials per block. Part of the definition of a run's random streams: do not change lightly. */
  public static final int BLOCK_TRIALS = 4096;

  /**
   * One forced event of a scenario: the hazard or generator {@code cause} fails {@code hours} after
   * t = 0.
   *
   * @param cause the name the model and the plan give it ({@link Plan#causeNames}): {@code
   *     KIND@TARGET} ({@code fire@pangyo}) or {@code generator@SITE}; a name the plan does not have
   *     is refused when the run starts
   * @param hours when it fails, hours from t = 0, in [0, horizon)
   */
  public record Event(String cause, double hours) {
    public Event {
      Objects.requireNonNull(cause, "cause");
      if (!(hours >= 0 && hours < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("hours is not finite and non-negative: " + hours);
      }
    }
  }

  /**
   * Scenario mode: each of {@code events} fails at its time, the other hazards behave as {@code
   * background} says; curves are recorded at {@code points} times.
   *
   * @param events at least one, no cause twice
   */
  public record Scenario(List<Event> events, Kernel.Background background, int points) {
    public Scenario {
      events = List.copyOf(events);
      Objects.requireNonNull(background, "background");
      if (events.isEmpty()) {
        throw new IllegalArgumentException("a scenario needs at least one event");
      }
    }

    /** One event at t = 0. */
    public Scenario(String cause, Kernel.Background background, int points) {
      this(List.of(new Event(cause, 0)), background, points);
    }

    /**
     * Forces the events on {@code kernel}, a kernel of {@code plan}.
     *
     * @throws IllegalArgumentException if the plan has no hazard or generator of an event's name,
     *     or an event's time is not before the plan's horizon
     */
    public void forceOn(Kernel kernel, Plan plan) {
      int[] causes = new int[events.size()];
      double[] hours = new double[events.size()];
      for (int i = 0; i < causes.length; i++) {
        Event e = events.get(i);
        causes[i] = plan.forcibleCause(e.cause());
        if (causes[i] == Plan.NONE) {
          throw new IllegalArgumentException("the plan has no hazard or generator " + e.cause());
        }
        hours[i] = e.hours();
      }
      kernel.force(causes, hours, background);
    }
  }

  /**
   * What to run; {@code scenario} is null for a time-horizon run. {@code threads} is the number of
   * worker threads of the local scheduler.
   */
  public record Options(
      long trials,
      long seed,
      int threads,
      int outageLimit,
      boolean perTrial,
      Scenario scenario,
      HazardBias bias,
      RareEvent event) {
    /** A time-horizon run. */
    public Options(long trials, long seed, int threads, int outageLimit, boolean perTrial) {
      this(trials, seed, threads, outageLimit, perTrial, null, null, null);
    }

    /** An importance-sampled run ({@code bias}) without a rare event. */
    public Options(
        long trials,
        long seed,
        int threads,
        int outageLimit,
        boolean perTrial,
        Scenario scenario,
        HazardBias bias) {
      this(trials, seed, threads, outageLimit, perTrial, scenario, bias, null);
    }

    /** A run without importance sampling ({@code bias} null). */
    public Options(
        long trials, long seed, int threads, int outageLimit, boolean perTrial, Scenario scenario) {
      this(trials, seed, threads, outageLimit, perTrial, scenario, null, null);
    }

    /**
     * @param bias importance sampling: per hazard id, the factors its times to failure and outages
     *     are tilted by ({@link Kernel#bias}); null for none. Only a time-horizon run (no scenario)
     *     without per-trial rows is tilted.
     * @param event a rare event whose probability is estimated ({@link RunStats#event}); only with
     *     {@code bias}, or null
     */
    public Options {
      if (event != null && bias == null) {
        throw new IllegalArgumentException("a rare event is estimated in a tilted run");
      }
      if (bias != null && (scenario != null || perTrial)) {
        throw new IllegalArgumentException("only a time-horizon run without rows is tilted");
      }
      if (trials < 1) {
        throw new IllegalArgumentException("trials is not positive: " + trials);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads is not positive: " + threads);
      }
      if (outageLimit < 0) {
        throw new IllegalArgumentException("outageLimit is negative: " + outageLimit);
      }
    }
  }

  /** Receives per-trial values in trial order (with {@code perTrial}). */
  public interface RowSink {
    /**
     * Rows of one block: {@code values[(t * services + a) * METRICS + m]} for trial {@code
     * firstTrial + t} (t below {@code count}), service a (dependency order) and metric m ({@link
     * Metric} order). The array may be longer than the block's rows (the last block of a run is
     * shorter), and is reused for another block once this returns: copy what must be kept.
     */
    void rows(long firstTrial, int count, double[] values) throws Exception;
  }

  /**
   * Receives the first outages as blocks are merged, in trial order, so that they need not be kept:
   * {@code count} outages of {@code list}, from its first.
   */
  public interface OutageSink {
    void outages(RunStats.OutageList list, int count) throws Exception;
  }

  /** Receives progress after each merged block. */
  public interface Progress {
    void done(long trials);
  }

  private static final Metric[] METRIC_LIST = Metric.values();

  /** {@link Metric#TOTALS} as an array: iterating it allocates nothing. */
  private static final Metric[] TOTAL_LIST = Metric.TOTALS.toArray(new Metric[0]);

  /** Number of per-trial metrics in a row. */
  public static final int METRICS = METRIC_LIST.length;

  private final Plan plan;
  private final Options options;
  private final RowSink rows;
  private final OutageSink outageSink;
  private final Progress progress;

  /**
   * Outages still to be written to {@link #outageSink}: workers keep at most this many per block.
   * It only decreases, and a block is merged after it was computed, so a block always keeps every
   * outage the merge will take from it.
   */
  private final AtomicLong outagesLeft = new AtomicLong();

  private final List<CurveStats> curves = new ArrayList<>();

  /** Merged blocks' statistics and rows, for the next blocks to clear and reuse. */
  private final Queue<RunStats> freeStats = new ConcurrentLinkedQueue<>();

  private final Queue<double[]> freeRows = new ConcurrentLinkedQueue<>();

  /** Sampled hazards kept by an earlier run or for a later one ({@link HazardCache}), or null. */
  private final HazardCache cache;

  /** What this run does with {@link #cache}. */
  private final HazardCache.Use cacheUse;

  private TrialRunner(
      Plan plan,
      Options options,
      RowSink rows,
      OutageSink outageSink,
      Progress progress,
      HazardCache cache) {
    if (cache != null && options.bias() != null) {
      throw new IllegalArgumentException("a tilted run shares no sampled hazards");
    }
    this.cache = cache;
    this.cacheUse = cache == null ? HazardCache.Use.NONE : cache.start(plan, options);
    this.plan = plan;
    this.options = options;
    this.rows = rows;
    this.outageSink = outageSink;
    this.progress = progress;
    outagesLeft.set(options.outageLimit());
  }

  /** Runs {@code options.trials()} trials of {@code plan}; nothing can stop it. */
  public static RunStats run(Plan plan, Options options, RowSink rows, Progress progress)
      throws Exception {
    return run(plan, options, rows, null, progress, new Cancellation());
  }

  /**
   * Runs {@code options.trials()} trials of {@code plan} on {@code options.threads()} threads,
   * handing the first {@code options.outageLimit()} outages to {@code outages} as blocks are merged
   * instead of keeping them in the result: memory is at most one block's outages per block in
   * flight. {@code rows}, {@code outages} and {@code progress} may be null.
   *
   * @throws Cancellation.Stopped after the block during which {@code cancellation} was cancelled,
   *     saying how many of the trials were done
   */
  public static RunStats run(
      Plan plan,
      Options options,
      RowSink rows,
      OutageSink outages,
      Progress progress,
      Cancellation cancellation)
      throws Exception {
    return run(
        plan,
        options,
        rows,
        outages,
        progress,
        cancellation,
        new LocalScheduler(options.threads()));
  }

  /**
   * As {@link #run(Plan, Options, RowSink, OutageSink, Progress, Cancellation)}, with the blocks
   * computed by {@code scheduler} (which ignores {@code options.threads()} unless it is the local
   * one).
   */
  public static RunStats run(
      Plan plan,
      Options options,
      RowSink rows,
      OutageSink outages,
      Progress progress,
      Cancellation cancellation,
      BlockScheduler scheduler)
      throws Exception {
    return new TrialRunner(plan, options, rows, outages, progress, null)
        .run(scheduler, cancellation);
  }

  /**
   * Runs {@code options.trials()} trials of {@code plan} on {@code options.threads()} threads
   * without rows, outages or progress, sharing sampled hazards through {@code cache}: the first run
   * given to it keeps the hazards it samples, and a later run of a plan with the same hazards,
   * seed, trials and scenario sweeps them instead of sampling them again ({@link HazardCache}). The
   * same statistics, to the bit, as a run without the cache.
   *
   * @throws Cancellation.Stopped as {@link #run(Plan, Options, RowSink, OutageSink, Progress,
   *     Cancellation)}
   */
  public static RunStats runSharingHazards(
      Plan plan, Options options, Cancellation cancellation, HazardCache cache) throws Exception {
    return new TrialRunner(plan, options, null, null, null, Objects.requireNonNull(cache, "cache"))
        .run(new LocalScheduler(options.threads()), cancellation);
  }

  /** Runs without per-trial rows or progress; nothing can stop it. */
  public static RunStats run(Plan plan, Options options) throws Exception {
    return run(plan, options, null, null);
  }

  /** Number of blocks of a run of {@code trials}: ⌈trials / {@value #BLOCK_TRIALS}⌉. */
  public static long blocks(long trials) {
    return (trials + BLOCK_TRIALS - 1) / BLOCK_TRIALS;
  }

  private record Block(RunStats stats, long firstTrial, int count, double[] rows) {}

  /** A worker's kernel and, in scenario mode, its curve accumulator. */
  private record Worker(Kernel kernel, CurveStats curve) {}

  private RunStats run(BlockScheduler scheduler, Cancellation cancellation) throws Exception {
    RunStats total = new RunStats(plan, outageSink == null ? options.outageLimit() : 0, weighted());
    if (options.event() != null) {
      total.trackEvent();
    }
    try {
      scheduler.<Worker, Block>run(
          blocks(options.trials()),
          this::newWorker,
          (worker, b) -> computeBlock(worker, b, cancellation),
          (b, block) -> {
            total.merge(block.stats());
            if (outageSink != null) {
              RunStats.OutageList o = block.stats().outages;
              int take = (int) Math.min(o.size(), outagesLeft.get());
              if (take > 0) {
                outageSink.outages(o, take);
                outagesLeft.addAndGet(-take);
              }
            }
            if (rows != null) {
              rows.rows(block.firstTrial(), block.count(), block.rows());
            }
            if (progress != null) {
              progress.done(Math.min(options.trials(), (b + 1) * BLOCK_TRIALS));
            }
            freeStats.offer(block.stats());
            if (block.rows() != null) {
              freeRows.offer(block.rows());
            }
          },
          cancellation);
    } catch (Cancellation.Stopped e) {
      // The scheduler counts blocks; the user counts trials.
      throw new Cancellation.Stopped(total.trials(), options.trials());
    }
    if (options.scenario() != null) {
      // Integer counts: the order of this merge does not change a bit.
      total.curves = new CurveStats(options.scenario().points(), plan.services + plan.sites);
      for (CurveStats c : curves) {
        total.curves.merge(c);
      }
    }
    return total;
  }

  /** Whether the trials are weighted: importance sampling ({@link Options#bias}). */
  private boolean weighted() {
    return options.bias() != null;
  }

  private Worker newWorker() {
    Kernel kernel = new Kernel(plan, options.seed());
    Scenario sc = options.scenario();
    if (sc == null) {
      kernel.bias(options.bias());
      return new Worker(kernel, null);
    }
    sc.forceOn(kernel, plan);
    kernel.recordCurves(sc.points());
    CurveStats curve = new CurveStats(sc.points(), plan.services + plan.sites);
    synchronized (curves) {
      curves.add(curve);
    }
    return new Worker(kernel, curve);
  }

  private Block computeBlock(Worker worker, long index, Cancellation cancellation) {
    Kernel kernel = worker.kernel();
    long first = index * BLOCK_TRIALS;
    int count = (int) Math.min(BLOCK_TRIALS, options.trials() - first);
    int outageLimit = (int) Math.min(options.outageLimit(), outagesLeft.get());
    RunStats stats = freeStats.poll();
    if (stats == null) {
      stats = new RunStats(plan, outageLimit, weighted());
      if (options.event() != null) {
        stats.trackEvent();
      }
    } else {
      stats.clear(outageLimit);
    }
    double[] values = options.perTrial() ? rows() : null;
    startBlock(kernel, stats);
    SampledHazards kept = null;
    if (cacheUse == HazardCache.Use.KEEP) {
      kept = cache.record(first);
      kernel.keepHazards(kept);
    } else if (cacheUse == HazardCache.Use.SWEEP) {
      kernel.sweepHazards(cache.block(index)); // null: not kept, sampled
    }
    try {
      if (worker.curve() == null && options.event() != null) {
        runWeightedTrials(kernel, plan, first, count, stats, options.event(), cancellation);
      } else if (worker.curve() == null) {
        runTrials(kernel, plan, first, count, stats, values, cancellation);
      } else {
        runScenarioTrials(kernel, plan, first, count, stats, values, worker.curve(), cancellation);
      }
    } catch (RuntimeException | Error e) {
      if (kept != null) {
        kept.drop(); // a block that did not finish keeps nothing, and gives its bytes back
      }
      throw e;
    }
    if (kept != null) {
      kernel.keepHazards(null);
      cache.keep(index, kept);
    }
    endBlock(kernel, stats);
    return new Block(stats, first, count, values);
  }

  /**
   * A rows array of zeros with room for a block of this run (its first block's size, which no later
   * block exceeds): a merged block's, cleared, or a new one.
   */
  private double[] rows() {
    double[] values = freeRows.poll();
    if (values == null) {
      return new double[(int) Math.min(BLOCK_TRIALS, options.trials()) * plan.services * METRICS];
    }
    // The trials loops write only the rows and metrics a trial has: the rest must read 0.
    Arrays.fill(values, 0);
    return values;
  }

  /**
   * Runs trials {@code first} to {@code first + count − 1} of {@code plan} on {@code kernel} as one
   * block of a time-horizon run into {@code stats} (new or cleared), as the runner does: the
   * kernel's per-cause totals from zero and its outages into {@code stats} ({@link #startBlock}),
   * the trials ({@link #runTrials}), then the totals into {@code stats} ({@link #endBlock}). {@code
   * values} as for {@link #runTrials}; nothing can stop it.
   */
  public static void runBlock(
      Kernel kernel, Plan plan, long first, int count, RunStats stats, double[] values) {
    startBlock(kernel, stats);
    runTrials(kernel, plan, first, count, stats, values);
    endBlock(kernel, stats);
  }

  /** Starts a block on {@code kernel}: per-cause totals from zero, outages into {@code stats}. */
  static void startBlock(Kernel kernel, RunStats stats) {
    kernel.clearCauses();
    if (stats.weighted()) {
      // The outage's trial is the kernel's current one: its weight is known once it is sampled.
      kernel.setOutageLog(
          (trial, service, cause, start, end, userHours) ->
              stats.recordOutage(trial, service, cause, start, end, userHours, kernel.weight()));
    } else {
      kernel.setOutageLog(stats::recordOutage);
    }
  }

  /** Ends a block: {@code kernel}'s per-cause totals and failover counts go to {@code stats}. */
  static void endBlock(Kernel kernel, RunStats stats) {
    if (stats.weighted()) {
      stats.copyCauses(
          kernel.causeOutages,
          kernel.causeDowntime,
          kernel.causeUserHours,
          kernel.failovers,
          kernel.causeOutageWeight);
    } else {
      stats.copyCauses(
          kernel.causeOutages, kernel.causeDowntime, kernel.causeUserHours, kernel.failovers);
    }
  }

  /**
   * One trial's values of every metric, {@code out[a * METRICS + m]} for service a (dependency
   * order) and metric m ({@link Metric} order): what the kernel computed, or zeros for a trial the
   * kernel did not need to sweep ({@code swept} false: nothing happened; in scenario mode the event
   * reached no service, which counts as recovered at 0). {@code ns} is the number of services.
   */
  static void trialValues(Kernel k, boolean swept, boolean scenario, int ns, double[] out) {
    for (int a = 0; a < ns; a++) {
      int i = a * METRICS;
      out[i + Metric.DOWNTIME_H.ordinal()] = swept ? k.downtime[a] : 0;
      out[i + Metric.OUTAGES.ordinal()] = swept ? k.outages[a] : 0;
      out[i + Metric.LONGEST_H.ordinal()] = swept ? k.longest[a] : 0;
      out[i + Metric.USER_HOURS.ordinal()] = swept ? k.userHours[a] : 0;
      out[i + Metric.DEGRADED_H.ordinal()] = swept ? k.degraded[a] : 0;
      out[i + Metric.RTO_BREACH.ordinal()] = swept && k.rtoBreach[a] ? 1 : 0;
      out[i + Metric.RECOVER_H.ordinal()] = scenario && swept ? k.recoverHours[a] : 0;
      out[i + Metric.RECOVERED.ordinal()] = !scenario ? 0 : !swept || k.recovered[a] ? 1 : 0;
      out[i + Metric.AFFECTED.ordinal()] = scenario && swept && k.affected[a] ? 1 : 0;
      out[i + Metric.DATA_LOST_H.ordinal()] = swept ? k.dataLost[a] : 0;
      out[i + Metric.DATA_LOSS.ordinal()] = swept && k.dataLoss[a] ? 1 : 0;
      out[i + Metric.DATA_LOST_ALL.ordinal()] = swept && k.dataLostAll[a] ? 1 : 0;
      out[i + Metric.RPO_BREACH.ordinal()] = swept && k.rpoBreach[a] ? 1 : 0;
    }
  }

  /**
   * Writes one trial's totals over services into {@code v} (laid out as by {@link #trialValues},
   * with room for one more service): {@code v[ns * METRICS + m]} is the sum over services, in
   * service order, of metric m, for every metric with a total.
   */
  static void sumTotals(double[] v, int ns) {
    for (Metric m : TOTAL_LIST) {
      double sum = 0;
      for (int a = 0; a < ns; a++) {
        sum += v[a * METRICS + m.ordinal()];
      }
      v[ns * METRICS + m.ordinal()] = sum;
    }
  }

  /**
   * Scenario trials: like {@link #runTrials}, plus time to recover and the recovery curves. A quiet
   * trial (the forced event touched nothing) recovered at once and is 1 everywhere.
   */
  public static void runScenarioTrials(
      Kernel kernel,
      Plan plan,
      long first,
      int count,
      RunStats stats,
      double[] values,
      CurveStats curve,
      Cancellation cancellation) {
    final int ns = plan.services;
    double[] v = new double[(ns + 1) * METRICS];
    for (int t = 0; t < count; t++) {
      stopIfCancelled(cancellation);
      boolean affected = kernel.run(first + t);
      if (affected) {
        curve.add(kernel.curveServed, ns, 0);
        curve.add(kernel.curveCapacity, plan.sites, ns);
      } else {
        curve.addOnes(ns + plan.sites, 0);
      }
      curve.countTrial();
      trialValues(kernel, affected, true, ns, v);
      for (int a = 0; a < ns; a++) {
        for (Metric m : METRIC_LIST) {
          stats.metric(a, m).add(v[a * METRICS + m.ordinal()]);
        }
      }
      sumTotals(v, ns);
      for (Metric m : TOTAL_LIST) {
        stats.total(m).add(v[ns * METRICS + m.ordinal()]);
      }
      if (values != null) {
        System.arraycopy(v, 0, values, t * ns * METRICS, ns * METRICS);
      }
    }
    stats.flush();
    stats.countTrials(count);
  }

  /**
   * The hot loop: trials {@code first} to {@code first + count − 1} into {@code stats}. Public for
   * the benchmarks, which call it directly; nothing can stop it.
   */
  public static void runTrials(
      Kernel kernel, Plan plan, long first, int count, RunStats stats, double[] values) {
    runTrials(kernel, plan, first, count, stats, values, null);
  }

  /**
   * Throws {@link Cancellation.Stopped} if {@code cancellation} (may be null) was cancelled:
   * checked before every trial, so that a run whose trials are long (seconds each) stops within a
   * trial, not a block. The scheduler reports the blocks merged before it.
   */
  private static void stopIfCancelled(Cancellation cancellation) {
    if (cancellation != null) {
      cancellation.throwIfCancelled("within a block");
    }
  }

  /**
   * As {@link #runTrials(Kernel, Plan, long, int, RunStats, double[])}, stopping before any trial
   * once {@code cancellation} (may be null) is cancelled.
   *
   * @throws Cancellation.Stopped if cancelled; {@code stats} then holds part of the block
   */
  public static void runTrials(
      Kernel kernel,
      Plan plan,
      long first,
      int count,
      RunStats stats,
      double[] values,
      Cancellation cancellation) {
    if (stats.weighted()) {
      runWeightedTrials(kernel, plan, first, count, stats, null, cancellation);
      return;
    }
    final int ns = plan.services;
    final MetricStats totalDowntime = stats.total(Metric.DOWNTIME_H);
    final MetricStats totalOutages = stats.total(Metric.OUTAGES);
    final MetricStats totalUserHours = stats.total(Metric.USER_HOURS);
    final MetricStats totalDegraded = stats.total(Metric.DEGRADED_H);
    long quiet = 0;
    for (int t = 0; t < count; t++) {
      stopIfCancelled(cancellation);
      if (!kernel.run(first + t)) {
        quiet++;
        continue;
      }
      // The totals are sums over services within this trial, in service order (so the same bits
      // at any thread count); a quiet service adds 0 to each.
      double downtime = 0;
      double outages = 0;
      double userHours = 0;
      double degraded = 0;
      for (int a = 0; a < ns; a++) {
        downtime += kernel.downtime[a];
        outages += kernel.outages[a];
        userHours += kernel.userHours[a];
        degraded += kernel.degraded[a];
        if (values == null
            && kernel.outages[a] == 0
            && kernel.userHours[a] == 0
            && kernel.degraded[a] == 0
            && !kernel.dataLoss[a]) {
          // No outage and no user impact: every metric is zero (cheaper counted than added).
          stats.addQuiet(a);
          continue;
        }
        stats.metric(a, Metric.DOWNTIME_H).add(kernel.downtime[a]);
        stats.metric(a, Metric.OUTAGES).add(kernel.outages[a]);
        stats.metric(a, Metric.LONGEST_H).add(kernel.longest[a]);
        stats.metric(a, Metric.USER_HOURS).add(kernel.userHours[a]);
        stats.metric(a, Metric.DEGRADED_H).add(kernel.degraded[a]);
        stats.metric(a, Metric.RTO_BREACH).add(kernel.rtoBreach[a] ? 1 : 0);
        stats.metric(a, Metric.DATA_LOST_H).add(kernel.dataLost[a]);
        stats.metric(a, Metric.DATA_LOSS).add(kernel.dataLoss[a] ? 1 : 0);
        stats.metric(a, Metric.DATA_LOST_ALL).add(kernel.dataLostAll[a] ? 1 : 0);
        stats.metric(a, Metric.RPO_BREACH).add(kernel.rpoBreach[a] ? 1 : 0);
        if (values != null) {
          int k = (t * ns + a) * METRICS;
          values[k + Metric.DOWNTIME_H.ordinal()] = kernel.downtime[a];
          values[k + Metric.OUTAGES.ordinal()] = kernel.outages[a];
          values[k + Metric.LONGEST_H.ordinal()] = kernel.longest[a];
          values[k + Metric.USER_HOURS.ordinal()] = kernel.userHours[a];
          values[k + Metric.DEGRADED_H.ordinal()] = kernel.degraded[a];
          values[k + Metric.RTO_BREACH.ordinal()] = kernel.rtoBreach[a] ? 1 : 0;
          values[k + Metric.DATA_LOST_H.ordinal()] = kernel.dataLost[a];
          values[k + Metric.DATA_LOSS.ordinal()] = kernel.dataLoss[a] ? 1 : 0;
          values[k + Metric.DATA_LOST_ALL.ordinal()] = kernel.dataLostAll[a] ? 1 : 0;
          values[k + Metric.RPO_BREACH.ordinal()] = kernel.rpoBreach[a] ? 1 : 0;
        }
      }
      totalDowntime.add(downtime);
      totalOutages.add(outages);
      totalUserHours.add(userHours);
      totalDegraded.add(degraded);
    }
    for (int a = 0; a < ns; a++) {
      for (Metric m : METRIC_LIST) {
        stats.metric(a, m).addZeros(quiet);
      }
    }
    for (Metric m : TOTAL_LIST) {
      stats.total(m).addZeros(quiet);
    }
    stats.flush();
    stats.countTrials(count);
  }

  /**
   * The trials of an importance-sampled run ({@link Options#bias}): as {@link #runTrials}, each
   * trial's values added with its likelihood ratio ({@link Kernel#weight}), which also goes to the
   * run's weight diagnostics ({@link RunStats#addWeight}). A trial that swept nothing has every
   * value 0, which adds nothing to a weighted sum whatever its weight.
   */
  private static void runWeightedTrials(
      Kernel kernel,
      Plan plan,
      long first,
      int count,
      RunStats stats,
      RareEvent event,
      Cancellation cancellation) {
    final int ns = plan.services;
    long quiet = 0;
    double[] row = event == null ? null : new double[(ns + 1) * METRICS];
    MetricStats inEvent = stats.event();
    for (int t = 0; t < count; t++) {
      stopIfCancelled(cancellation);
      boolean swept = kernel.run(first + t);
      double w = kernel.weight();
      stats.addWeight(w);
      if (event != null) {
        trialValues(kernel, swept, false, ns, row);
        inEvent.add(event.in(event.value(row, ns)) ? 1 : 0, w);
      }
      if (!swept) {
        quiet++;
        continue;
      }
      double downtime = 0;
      double outages = 0;
      double userHours = 0;
      double degraded = 0;
      for (int a = 0; a < ns; a++) {
        downtime += kernel.downtime[a];
        outages += kernel.outages[a];
        userHours += kernel.userHours[a];
        degraded += kernel.degraded[a];
        stats.metric(a, Metric.DOWNTIME_H).add(kernel.downtime[a], w);
        stats.metric(a, Metric.OUTAGES).add(kernel.outages[a], w);
        stats.metric(a, Metric.LONGEST_H).add(kernel.longest[a], w);
        stats.metric(a, Metric.USER_HOURS).add(kernel.userHours[a], w);
        stats.metric(a, Metric.DEGRADED_H).add(kernel.degraded[a], w);
        stats.metric(a, Metric.RTO_BREACH).add(kernel.rtoBreach[a] ? 1 : 0, w);
        stats.metric(a, Metric.DATA_LOST_H).add(kernel.dataLost[a], w);
        stats.metric(a, Metric.DATA_LOSS).add(kernel.dataLoss[a] ? 1 : 0, w);
        stats.metric(a, Metric.DATA_LOST_ALL).add(kernel.dataLostAll[a] ? 1 : 0, w);
        stats.metric(a, Metric.RPO_BREACH).add(kernel.rpoBreach[a] ? 1 : 0, w);
      }
      stats.total(Metric.DOWNTIME_H).add(downtime, w);
      stats.total(Metric.OUTAGES).add(outages, w);
      stats.total(Metric.USER_HOURS).add(userHours, w);
      stats.total(Metric.DEGRADED_H).add(degraded, w);
    }
    for (int a = 0; a < ns; a++) {
      for (Metric m : METRIC_LIST) {
        stats.metric(a, m).addZeros(quiet);
      }
    }
    for (Metric m : TOTAL_LIST) {
      stats.total(m).addZeros(quiet);
    }
    stats.flush();
    stats.countTrials(count);
  }
}
