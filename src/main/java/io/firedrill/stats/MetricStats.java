package io.firedrill.stats;

/**
 * Mean with its interval, and quantiles, of one metric of one service (or of the total over
 * services).
 *
 * <p>The interval of the mean follows one rule, by the metric's range (docs/outputs.md,
 * "Intervals"): Wilson's score interval for a 0-or-1 metric; otherwise the normal interval mean ±
 * 1.96 SE truncated to [0, {@code highest}], the values a mean of the metric can take; undefined
 * (NaN, an empty cell) with fewer than two trials.
 */
public final class MetricStats {
  private final boolean integer;
  private final boolean proportion;
  private final double highest;

  /**
   * Importance sampling: the tally holds each trial's value times its likelihood ratio, the sketch
   * keeps the weights by bucket, and every interval is the normal one of the weighted values.
   */
  private final boolean weighted;

  private final Tally tally = new Tally();

  /** Weighted: the largest single term w x added; 0 unweighted. */
  private double largestTerm;

  private final LogHistogram histogram = new LogHistogram();
  private long pendingZeros;

  /**
   * Statistics of {@code metric}, whose per-trial values lie in [0, {@code highest}] ({@code
   * highest} may be +∞; it bounds the interval of the mean).
   */
  public MetricStats(Metric metric, double highest) {
    this(metric, highest, false);
  }

  /**
   * As {@link #MetricStats(Metric, double)}; {@code weighted} for the trials of importance
   * sampling, added with their likelihood ratios ({@link #add(double, double)}): the mean is the
   * importance sampling estimator (1/n) Σ w x, its interval the normal one of the values w x (for a
   * proportion too: Wilson's counts no weights), truncated to the metric's range, and the quantiles
   * those of the weighted exceedance probabilities ({@link LogHistogram#weightedQuantile}).
   */
  public MetricStats(Metric metric, double highest, boolean weighted) {
    this(metric.isInteger(), metric.isProportion(), highest, weighted);
  }

  private MetricStats(boolean integer, boolean proportion, double highest, boolean weighted) {
    if (!(highest > 0)) {
      throw new IllegalArgumentException("highest is not positive: " + highest);
    }
    this.integer = integer;
    this.proportion = proportion;
    this.highest = highest;
    this.weighted = weighted;
  }

  /**
   * Statistics of a 0-or-1 value per trial that is no metric of its own: whether a trial is in a
   * rare event (docs/simulation.md, "Importance sampling"); its mean is the event's probability.
   */
  public static MetricStats indicator(boolean weighted) {
    return new MetricStats(true, true, 1, weighted);
  }

  /** Whether the trials are weighted (importance sampling). */
  public boolean weighted() {
    return weighted;
  }

  /**
   * The mean's 95 % interval {low, high}: Wilson's for a proportion, else normal truncated to [0,
   * highest]; {NaN, NaN} with fewer than two trials.
   */
  public double[] interval95() {
    long n = count();
    if (proportion && !weighted) {
      // Successes counted exactly: every value is 0 or 1, and the sketch counts zeros exactly.
      return Tally.wilson(n - histogram.countAtMost(0), n);
    }
    return tally.interval95(0, highest);
  }

  /** Adds one trial's value. Zeros are only counted until {@link #flush}. */
  public void add(double x) {
    if (x == 0) {
      pendingZeros++;
    } else {
      tally.add(x);
      histogram.add(x);
    }
  }

  /** Adds {@code k} zero trials. */
  /**
   * Adds one trial's value {@code x} with the trial's likelihood ratio {@code w} (a weighted
   * statistics' trials, importance sampling): the tally takes w x, the sketch x and its weight.
   *
   * @throws IllegalStateException if these statistics are not weighted
   * @throws IllegalArgumentException if x or w is negative, NaN or infinite
   */
  public void add(double x, double w) {
    if (!weighted) {
      throw new IllegalStateException("statistics of unweighted trials take no weight");
    }
    if (x == 0) {
      pendingZeros++;
    } else {
      double term = w * x;
      tally.add(term);
      histogram.add(x, w);
      largestTerm = Math.max(largestTerm, term);
    }
  }

  public void addZeros(long k) {
    pendingZeros += k;
  }

  /** Folds the counted zeros in; call at the end of a block, before merging. */
  public void flush() {
    tally.addZeros(pendingZeros);
    histogram.addZeros(pendingZeros);
    pendingZeros = 0;
  }

  /** Empties the statistics, keeping the sketch's memory ({@link LogHistogram#clear}). */
  public void clear() {
    largestTerm = 0;
    tally.clear();
    histogram.clear();
    pendingZeros = 0;
  }

  /** Adds the (flushed) values of another block. */
  public void merge(MetricStats o) {
    largestTerm = Math.max(largestTerm, o.largestTerm);
    tally.merge(o.tally);
    histogram.merge(o.histogram);
  }

  /**
   * Weighted: the largest single trial's term w x over the sum of all terms, in [0, 1]; a share
   * near 1 says one trial makes the estimate (degenerate weights). NaN where the sum is 0 or the
   * trials are not weighted.
   */
  public double largestShare() {
    double sum = tally.mean() * tally.count();
    return weighted && sum > 0 ? Math.min(1, largestTerm / sum) : Double.NaN;
  }

  /**
   * The standard error of the mean over the mean, the estimate's relative error (NaN where the mean
   * is 0 or there are fewer than two trials).
   */
  public double relativeError() {
    double mean = tally.mean();
    return mean != 0 && count() >= 2 ? tally.standardError() / Math.abs(mean) : Double.NaN;
  }

  public Tally tally() {
    return tally;
  }

  public long count() {
    return tally.count();
  }

  public double mean() {
    return tally.mean();
  }

  /** The q-quantile; rounded to a whole number for counts. */
  public double quantile(double q) {
    double v = weighted ? histogram.weightedQuantile(q, count()) : histogram.quantile(q);
    return integer ? Math.rint(v) : v;
  }

  /**
   * A distribution-free 95 % interval {low, high} for the q-quantile: the sample quantiles at ranks
   * q ± 1.96 sqrt(q (1 − q) / n) (the normal approximation to the binomial order statistics,
   * clipped to the smallest and largest value); {NaN, NaN} with fewer than two trials.
   */
  public double[] quantileInterval(double q) {
    long n = count();
    if (n < 2) {
      return Tally.undefined();
    }
    double half = Tally.Z95 * Math.sqrt(weighted ? exceedanceVariance(q, n) : q * (1 - q) / n);
    return new double[] {quantile(Math.max(0, q - half)), quantile(Math.min(1, q + half))};
  }

  /**
   * Importance sampling: the estimated variance of the weighted exceedance probability at the q
   * quantile v, p̂ = (1/n) Σ_{x > v} w: ((1/n) Σ_{x > v} w² − p̂²) / n, in place of the binomial
   * q(1 − q)/n of unweighted trials (the same when every w is 1).
   */
  private double exceedanceVariance(double q, long n) {
    double p = histogram.weightAtQuantile(q, n, false) / n;
    double s = histogram.weightAtQuantile(q, n, true) / n;
    return Math.max(0, (s - p * p) / n);
  }

  public double max() {
    return histogram.max();
  }

  /** The statistics a target or a chart can name: the mean, four percentiles and the maximum. */
  public static final java.util.List<String> STATISTICS =
      java.util.List.of("mean", "p50", "p90", "p99", "p999", "max");

  /**
   * The statistic called {@code name} (one of {@link #STATISTICS}): the mean, a percentile ({@code
   * p99} is the 0.99-quantile) or the maximum.
   *
   * @throws IllegalArgumentException for another name
   */
  public double statistic(String name) {
    switch (name) {
      case "mean":
        return mean();
      case "max":
        return max();
      default:
        return quantile(percentile(name));
    }
  }

  /**
   * The 95 % interval of {@link #statistic}: the mean's ({@link #interval95}), a percentile's
   * distribution-free one ({@link #quantileInterval}); undefined (NaN) for the maximum, which has
   * no interval from the sample alone.
   */
  public double[] statisticInterval(String name) {
    switch (name) {
      case "mean":
        return interval95();
      case "max":
        return Tally.undefined();
      default:
        return quantileInterval(percentile(name));
    }
  }

  /** 0.99 for {@code p99}, 0.999 for {@code p999}, and so on. */
  private static double percentile(String name) {
    if (!STATISTICS.contains(name)) {
      throw new IllegalArgumentException(
          "unknown statistic: " + name + " (statistics: " + String.join(", ", STATISTICS) + ")");
    }
    return Double.parseDouble("0." + name.substring(1));
  }

  public LogHistogram histogram() {
    return histogram;
  }
}
