package io.firedrill.stats;

import java.util.Arrays;

/**
 * Everything a run accumulates: per service and metric, the total over services of the metrics that
 * have one ({@link Metric#TOTALS}, summed per trial, so its quantiles and interval are those of the
 * per-trial sum), per service and cause, and the first outages. One per block, merged into one for
 * the run.
 *
 * <p>Merging is exact and order-free: merging the same blocks in any order or grouping (block
 * order, a tree, groups merged on other machines) gives the same bits. Counts are longs; tallies
 * keep exact sums ({@link Tally}); sketches add bucket counts ({@link LogHistogram}); the per-cause
 * downtime and user-hours of a block, which the kernel sums in trial order within the block, are
 * added into exact sums ({@link ExactSum}) and read correctly rounded; the first outages are kept
 * by trial number.
 */
public final class RunStats {
  /** Number of metrics per service; {@code Metric.values()} would clone an array per call. */
  private static final Metric[] METRICS = Metric.values();

  private final int services;
  private final int causes;
  private final MetricStats[] metrics;

  /** Per metric (by ordinal), the total over services; null for a metric without one. */
  private final MetricStats[] totals;

  private final long[] quiet;
  private long trials;

  /** Per service and cause, index {@code service * causes + cause}. */
  public final long[] causeOutages;

  /**
   * Per service and cause, index {@code service * causes + cause}: hours of downtime in outages
   * begun by the cause, and user-hours lost after a drop begun by it. In a block: the kernel's sums
   * over the block's trials, in trial order ({@link #copyCauses}). Once this has merged another
   * block: the exact sum of every merged block's values (kept as {@link ExactSum}s), correctly
   * rounded.
   */
  public final double[] causeDowntime;

  /** See {@link #causeDowntime}. */
  public final double[] causeUserHours;

  /**
   * A weighted run's outages per service and cause, each weighted by its trial's likelihood ratio:
   * the estimate of {@link #causeOutages} (whose counts are those of the tilted trials);
   * accumulated and merged as {@link #causeDowntime}, which is then a weighted sum too. All 0
   * unweighted.
   */
  public final double[] causeOutageWeight;

  private ExactSum[] exactOutageWeight;

  /**
   * The exact sums behind {@link #causeDowntime} and {@link #causeUserHours}, per cell (null for a
   * cell still 0); null until this has merged another block, when its own block's values become
   * their first terms.
   */
  private ExactSum[] exactDowntime;

  private ExactSum[] exactUserHours;

  /** Failovers started per service and path: {@code [service * FailoverPath.COUNT + path]}. */
  public final long[] failovers;

  /** The first outages, in trial order, up to the limit. */
  public final OutageList outages;

  /** Scenario mode: served fraction per service, then capacity per site, over time; else null. */
  public CurveStats curves;

  /**
   * Whether each trial was in the run's rare event (1 or 0, weighted like the metrics), whose mean
   * is the event's probability; null without an event ({@link #trackEvent}).
   */
  private MetricStats event;

  /** Keeps, from now on, whether each trial is in a rare event ({@link #event()}). */
  public void trackEvent() {
    event = MetricStats.indicator(weights != null);
  }

  /** The statistics of the rare event's indicator; null without one. */
  public MetricStats event() {
    return event;
  }

  /** Importance sampling: the trials' likelihood ratios; null for an unweighted run. */
  private final ImportanceWeights weights;

  /** Per service, the durations of individual outages (for the duration CCDF). */
  private final LogHistogram[] durations;

  /**
   * Empty statistics for trials of {@code plan} (its services, causes and horizon, which bounds the
   * intervals of durations), keeping up to {@code outageLimit} outages.
   */
  public RunStats(io.firedrill.plan.Plan plan, int outageLimit) {
    this(plan, outageLimit, false);
  }

  /**
   * As {@link #RunStats(io.firedrill.plan.Plan, int)}; {@code weighted} for the trials of an
   * importance-sampled run, whose values come with their likelihood ratios ({@link
   * MetricStats#add(double, double)}, {@link #addWeight}, {@link #recordOutage(long, int, int,
   * double, double, double, double)}).
   */
  public RunStats(io.firedrill.plan.Plan plan, int outageLimit, boolean weighted) {
    this.weights = weighted ? new ImportanceWeights() : null;
    this.services = plan.services;
    this.causes = plan.causes();
    double h = plan.horizonHours;
    metrics = new MetricStats[services * METRICS.length];
    for (int a = 0; a < services; a++) {
      for (Metric m : METRICS) {
        metrics[a * METRICS.length + m.ordinal()] = new MetricStats(m, m.highest(h), weighted);
      }
    }
    totals = new MetricStats[METRICS.length];
    for (Metric m : Metric.TOTALS) {
      // A sum over services of values in [0, highest] lies in [0, services × highest].
      totals[m.ordinal()] = new MetricStats(m, Math.max(1, services) * m.highest(h), weighted);
    }
    quiet = new long[services];
    causeOutages = new long[services * causes];
    causeDowntime = new double[services * causes];
    causeUserHours = new double[services * causes];
    causeOutageWeight = new double[services * causes];
    failovers = new long[services * FailoverPath.COUNT];
    outages = new OutageList(outageLimit);
    durations = new LogHistogram[services];
    for (int a = 0; a < services; a++) {
      durations[a] = new LogHistogram();
    }
  }

  /**
   * Empties the statistics for another block, keeping up to {@code outageLimit} outages: they then
   * hold what new statistics of the same plan hold, and merge and read to the same bits, but keep
   * the memory their sketches and lists have grown to, so that statistics reused block after block
   * allocate nothing once warm.
   *
   * @throws IllegalArgumentException if {@code outageLimit} is negative
   */
  public void clear(int outageLimit) {
    for (MetricStats m : metrics) {
      m.clear();
    }
    for (Metric m : Metric.TOTALS) {
      totals[m.ordinal()].clear();
    }
    Arrays.fill(quiet, 0);
    trials = 0;
    Arrays.fill(causeOutages, 0);
    Arrays.fill(causeDowntime, 0);
    Arrays.fill(causeUserHours, 0);
    Arrays.fill(causeOutageWeight, 0);
    exactOutageWeight = null;
    exactDowntime = null;
    exactUserHours = null;
    Arrays.fill(failovers, 0);
    outages.clear(outageLimit);
    curves = null;
    for (LogHistogram d : durations) {
      d.clear();
    }
    if (weights != null) {
      weights.clear();
    }
    if (event != null) {
      event.clear();
    }
  }

  /** Whether the trials are weighted (importance sampling). */
  public boolean weighted() {
    return weights != null;
  }

  /** The likelihood ratios of the trials of a weighted run; null for an unweighted one. */
  public ImportanceWeights weights() {
    return weights;
  }

  /**
   * Counts one trial's likelihood ratio in the diagnostics of a weighted run ({@link #weights}).
   *
   * @throws IllegalArgumentException if w is negative, NaN or infinite
   */
  public void addWeight(double w) {
    weights.add(w);
  }

  /** The statistics of metric {@code m} of service {@code service} (dependency order). */
  public MetricStats metric(int service, Metric m) {
    return metrics[service * METRICS.length + m.ordinal()];
  }

  /**
   * The statistics of the total of {@code m} over all services, one sum per trial (the {@code
   * total} row of summary.csv and sweep.csv, and {@code total.METRIC} in targets).
   *
   * @throws IllegalArgumentException if {@code m} has no total ({@link Metric#hasTotal()})
   */
  public MetricStats total(Metric m) {
    MetricStats t = totals[m.ordinal()];
    if (t == null) {
      throw new IllegalArgumentException(
          "metric has no total over services: "
              + m.csvName()
              + " (totals: "
              + String.join(", ", Metric.TOTALS.stream().map(Metric::csvName).toList())
              + ")");
    }
    return t;
  }

  public int services() {
    return services;
  }

  public int causes() {
    return causes;
  }

  public long trials() {
    return trials;
  }

  /** Records that {@code n} more trials were run (their values added separately). */
  public void countTrials(long n) {
    trials += n;
  }

  /**
   * Adds another block's (or merged blocks') statistics. Blocks may be merged in any order and
   * grouping, with the same result; each block is merged once, after its {@link #copyCauses} and
   * {@link #flush}.
   */
  public void merge(RunStats o) {
    for (int i = 0; i < metrics.length; i++) {
      metrics[i].merge(o.metrics[i]);
    }
    for (Metric m : Metric.TOTALS) {
      totals[m.ordinal()].merge(o.totals[m.ordinal()]);
    }
    if (exactDowntime == null) {
      exactDowntime = new ExactSum[causeDowntime.length];
      exactUserHours = new ExactSum[causeUserHours.length];
      for (int i = 0; i < causeOutages.length; i++) {
        addTerm(exactDowntime, i, null, causeDowntime);
        addTerm(exactUserHours, i, null, causeUserHours);
      }
    }
    for (int i = 0; i < causeOutages.length; i++) {
      causeOutages[i] += o.causeOutages[i];
      // Rounded again only where o added something: the cost follows o's non-zero cells.
      if (addTerm(exactDowntime, i, o.exactDowntime, o.causeDowntime)) {
        causeDowntime[i] = exactDowntime[i].doubleValue();
      }
      if (addTerm(exactUserHours, i, o.exactUserHours, o.causeUserHours)) {
        causeUserHours[i] = exactUserHours[i].doubleValue();
      }
    }
    if (weights != null) {
      if (exactOutageWeight == null) {
        exactOutageWeight = new ExactSum[causeOutageWeight.length];
        for (int i = 0; i < causeOutageWeight.length; i++) {
          addTerm(exactOutageWeight, i, null, causeOutageWeight);
        }
      }
      for (int i = 0; i < causeOutageWeight.length; i++) {
        if (addTerm(exactOutageWeight, i, o.exactOutageWeight, o.causeOutageWeight)) {
          causeOutageWeight[i] = exactOutageWeight[i].doubleValue();
        }
      }
    }
    for (int i = 0; i < failovers.length; i++) {
      failovers[i] += o.failovers[i];
    }
    outages.addAll(o.outages);
    for (int a = 0; a < services; a++) {
      durations[a].merge(o.durations[a]);
    }
    if (weights != null) {
      weights.merge(o.weights);
    }
    if (event != null) {
      event.merge(o.event);
    }
    trials += o.trials;
  }

  /**
   * Adds cell i of another statistics' cause sums into {@code sums[i]}: its exact sum if it has
   * them ({@code from}), else its block's value ({@code values[i]}). Returns whether it added
   * anything.
   *
   * @throws IllegalArgumentException if the block's value is NaN or infinite
   */
  private static boolean addTerm(ExactSum[] sums, int i, ExactSum[] from, double[] values) {
    if (from != null ? from[i] == null : values[i] == 0) {
      return false;
    }
    if (sums[i] == null) {
      sums[i] = new ExactSum();
    }
    if (from != null) {
      sums[i].merge(from[i]);
    } else {
      sums[i].add(values[i]);
    }
    return true;
  }

  /** Records one closed outage: its duration, and the outage itself while the list has room. */
  public void recordOutage(
      long trial, int service, int cause, double start, double end, double userHours) {
    durations[service].add(end - start);
    outages.add(trial, service, cause, start, end, userHours);
  }

  /**
   * As {@link #recordOutage(long, int, int, double, double, double)}, for a weighted run: the
   * duration counts with its trial's likelihood ratio {@code weight}.
   */
  public void recordOutage(
      long trial,
      int service,
      int cause,
      double start,
      double end,
      double userHours,
      double weight) {
    durations[service].add(end - start, weight);
    outages.add(trial, service, cause, start, end, userHours);
  }

  /** Durations of the individual outages of {@code service}. */
  public LogHistogram outageDurations(int service) {
    return durations[service];
  }

  /**
   * Takes the per-cause totals and failover counts a kernel accumulated over this block, each array
   * indexed like the field it is copied into ({@link #causeOutages}, {@link #causeDowntime}, {@link
   * #causeUserHours}, {@link #failovers}) and at least as long.
   */
  public void copyCauses(
      long[] outages, double[] downtime, double[] userHours, long[] failoversByPath) {
    System.arraycopy(outages, 0, causeOutages, 0, causeOutages.length);
    System.arraycopy(downtime, 0, causeDowntime, 0, causeDowntime.length);
    System.arraycopy(userHours, 0, causeUserHours, 0, causeUserHours.length);
    System.arraycopy(failoversByPath, 0, failovers, 0, failovers.length);
  }

  /**
   * As {@link #copyCauses(long[], double[], double[], long[])}, for a weighted run: also the
   * outages per cause weighted by their trials' likelihood ratios ({@link #causeOutageWeight}).
   */
  public void copyCauses(
      long[] outages,
      double[] downtime,
      double[] userHours,
      long[] failoversByPath,
      double[] outageWeight) {
    copyCauses(outages, downtime, userHours, failoversByPath);
    System.arraycopy(outageWeight, 0, causeOutageWeight, 0, causeOutageWeight.length);
  }

  /** Counts a trial in which {@code service} had no impact: every metric zero. */
  public void addQuiet(int service) {
    quiet[service]++;
  }

  /** Flushes counted zeros of every metric (end of a block). */
  public void flush() {
    for (int a = 0; a < services; a++) {
      for (Metric m : METRICS) {
        metric(a, m).addZeros(quiet[a]);
      }
      quiet[a] = 0;
    }
    for (MetricStats m : metrics) {
      m.flush();
    }
    if (event != null) {
      event.flush();
    }
    for (Metric m : Metric.TOTALS) {
      totals[m.ordinal()].flush();
    }
  }

  /**
   * The first outages of a run (those of the smallest trial numbers, up to the limit), in trial
   * order, in primitive arrays.
   */
  public static final class OutageList {
    private int limit;
    public long[] trial;
    public int[] service;
    public int[] cause;
    public double[] start;
    public double[] end;
    public double[] userHours;
    private int size;

    OutageList(int limit) {
      this.limit = limit;
      trial = new long[Math.min(limit, 64)];
      service = new int[trial.length];
      cause = new int[trial.length];
      start = new double[trial.length];
      end = new double[trial.length];
      userHours = new double[trial.length];
    }

    public int size() {
      return size;
    }

    /** Empties the list, which then keeps up to {@code newLimit} outages; keeps its arrays. */
    void clear(int newLimit) {
      if (newLimit < 0) {
        throw new IllegalArgumentException("outage limit is negative: " + newLimit);
      }
      limit = newLimit;
      size = 0;
    }

    public boolean full() {
      return size >= limit;
    }

    /**
     * Adds one outage of trial {@code t}, keeping each trial's outages in the order they end, those
     * that end at the same time in service (dependency) order: the kernel reports an outage that
     * ends inside a ramp when its service's window closes, after outages of other services that
     * ended later. Trials must come in non-decreasing order. When the list is full, an outage that
     * goes before the last of the same trial takes that one's place.
     */
    public void add(long t, int s, int c, double st, double en, double uh) {
      if (size >= limit && (size == 0 || !before(t, en, s, size - 1))) {
        return; // full, and not before the last one kept
      }
      int pos = size;
      while (pos > 0 && before(t, en, s, pos - 1)) {
        pos--;
      }
      if (size >= limit) {
        if (pos == size) {
          return;
        }
        size--;
      }
      if (size == trial.length) {
        // At least 64: a list cleared with a larger limit may have arrays of length 0.
        int n = Math.min(limit, Math.max(64, size * 2));
        trial = Arrays.copyOf(trial, n);
        service = Arrays.copyOf(service, n);
        cause = Arrays.copyOf(cause, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        userHours = Arrays.copyOf(userHours, n);
      }
      int move = size - pos;
      System.arraycopy(trial, pos, trial, pos + 1, move);
      System.arraycopy(service, pos, service, pos + 1, move);
      System.arraycopy(cause, pos, cause, pos + 1, move);
      System.arraycopy(start, pos, start, pos + 1, move);
      System.arraycopy(end, pos, end, pos + 1, move);
      System.arraycopy(userHours, pos, userHours, pos + 1, move);
      trial[pos] = t;
      service[pos] = s;
      cause[pos] = c;
      start[pos] = st;
      end[pos] = en;
      userHours[pos] = uh;
      size++;
    }

    /** Whether an outage of trial t ending at en of service s goes before row i. */
    private boolean before(long t, double en, int s, int i) {
      return trial[i] == t && (end[i] > en || (end[i] == en && service[i] > s));
    }

    /**
     * Adds the outages of {@code o}, keeping the first {@code limit} by trial number: the same list
     * whatever the order in which blocks are merged. Within a trial, the order the outages were
     * recorded in is kept (a trial belongs to one block).
     */
    void addAll(OutageList o) {
      if (size == 0 || o.size == 0 || trial[size - 1] < o.trial[0]) {
        // o follows: the usual case of blocks merged in block order.
        for (int i = 0; i < o.size && size < limit; i++) {
          add(o.trial[i], o.service[i], o.cause[i], o.start[i], o.end[i], o.userHours[i]);
        }
        return;
      }
      OutageList a = copy();
      size = 0;
      int i = 0;
      int j = 0;
      while (size < limit && (i < a.size || j < o.size)) {
        OutageList from = j == o.size || (i < a.size && a.trial[i] <= o.trial[j]) ? a : o;
        int k = from == a ? i++ : j++;
        add(
            from.trial[k],
            from.service[k],
            from.cause[k],
            from.start[k],
            from.end[k],
            from.userHours[k]);
      }
    }

    private OutageList copy() {
      OutageList c = new OutageList(limit);
      for (int i = 0; i < size; i++) {
        c.add(trial[i], service[i], cause[i], start[i], end[i], userHours[i]);
      }
      return c;
    }
  }
}
