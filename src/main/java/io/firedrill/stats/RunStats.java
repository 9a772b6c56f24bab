package io.firedrill.stats;

import java.util.Arrays;

/**
 * Everything a run accumulates: per service and metric, the total over services of the metrics that
 * have one ({@link Metric#TOTALS}, summed per trial, so its quantiles and interval are those of the
 * per-trial sum), per service and cause, and the first outages. One per block, merged in block
 * order into one for the run.
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

  public final double[] causeDowntime;
  public final double[] causeUserHours;

  /** Failovers started per service and path: {@code [service * FailoverPath.COUNT + path]}. */
  public final long[] failovers;

  /** The first outages, in trial order, up to the limit. */
  public final OutageList outages;

  /** Scenario mode: served fraction per service, then capacity per site, over time; else null. */
  public CurveStats curves;

  /** Per service, the durations of individual outages (for the duration CCDF). */
  private final LogHistogram[] durations;

  /**
   * Empty statistics for trials of {@code plan} (its services, causes and horizon, which bounds the
   * intervals of durations), keeping up to {@code outageLimit} outages.
   */
  public RunStats(io.firedrill.plan.Plan plan, int outageLimit) {
    this.services = plan.services;
    this.causes = plan.causes();
    double h = plan.horizonHours;
    metrics = new MetricStats[services * METRICS.length];
    for (int a = 0; a < services; a++) {
      for (Metric m : METRICS) {
        metrics[a * METRICS.length + m.ordinal()] = new MetricStats(m, m.highest(h));
      }
    }
    totals = new MetricStats[METRICS.length];
    for (Metric m : Metric.TOTALS) {
      // A sum over services of values in [0, highest] lies in [0, services × highest].
      totals[m.ordinal()] = new MetricStats(m, Math.max(1, services) * m.highest(h));
    }
    quiet = new long[services];
    causeOutages = new long[services * causes];
    causeDowntime = new double[services * causes];
    causeUserHours = new double[services * causes];
    failovers = new long[services * FailoverPath.COUNT];
    outages = new OutageList(outageLimit);
    durations = new LogHistogram[services];
    for (int a = 0; a < services; a++) {
      durations[a] = new LogHistogram();
    }
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
              + " (totals: downtime_h, outages,"
              + " user_hours)");
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

  /** Adds a later block; blocks must be merged in block order. */
  public void merge(RunStats o) {
    for (int i = 0; i < metrics.length; i++) {
      metrics[i].merge(o.metrics[i]);
    }
    for (Metric m : Metric.TOTALS) {
      totals[m.ordinal()].merge(o.totals[m.ordinal()]);
    }
    for (int i = 0; i < causeOutages.length; i++) {
      causeOutages[i] += o.causeOutages[i];
      causeDowntime[i] += o.causeDowntime[i];
      causeUserHours[i] += o.causeUserHours[i];
    }
    for (int i = 0; i < failovers.length; i++) {
      failovers[i] += o.failovers[i];
    }
    outages.addAll(o.outages);
    for (int a = 0; a < services; a++) {
      durations[a].merge(o.durations[a]);
    }
    trials += o.trials;
  }

  /** Records one closed outage: its duration, and the outage itself while the list has room. */
  public void recordOutage(
      long trial, int service, int cause, double start, double end, double userHours) {
    durations[service].add(end - start);
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
    for (Metric m : Metric.TOTALS) {
      totals[m.ordinal()].flush();
    }
  }

  /** The first outages of a run, in primitive arrays. */
  public static final class OutageList {
    private final int limit;
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

    public boolean full() {
      return size >= limit;
    }

    /** Adds one outage if there is room. */
    public void add(long t, int s, int c, double st, double en, double uh) {
      if (size >= limit) {
        return;
      }
      if (size == trial.length) {
        int n = Math.min(limit, size * 2);
        trial = Arrays.copyOf(trial, n);
        service = Arrays.copyOf(service, n);
        cause = Arrays.copyOf(cause, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        userHours = Arrays.copyOf(userHours, n);
      }
      trial[size] = t;
      service[size] = s;
      cause[size] = c;
      start[size] = st;
      end[size] = en;
      userHours[size] = uh;
      size++;
    }

    void addAll(OutageList o) {
      for (int i = 0; i < o.size && size < limit; i++) {
        add(o.trial[i], o.service[i], o.cause[i], o.start[i], o.end[i], o.userHours[i]);
      }
    }
  }
}
