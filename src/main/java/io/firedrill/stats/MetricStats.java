package io.firedrill.stats;

/** Mean with its interval and quantiles of one metric of one service. */
public final class MetricStats {
  private final boolean integer;
  private final boolean proportion;
  private final Tally tally = new Tally();
  private final LogHistogram histogram = new LogHistogram();
  private long pendingZeros;

  public MetricStats(Metric metric) {
    this.integer = metric.isInteger();
    this.proportion = metric.isProportion();
  }

  /** The mean's 95 % interval: Wilson's for a proportion, normal otherwise. */
  public double[] interval95() {
    return proportion
        ? Tally.wilson(Math.round(tally.mean() * tally.count()), tally.count())
        : new double[] {tally.ci95Low(), tally.ci95High()};
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
  public void addZeros(long k) {
    pendingZeros += k;
  }

  /** Folds the counted zeros in; call at the end of a block, before merging. */
  public void flush() {
    tally.addZeros(pendingZeros);
    histogram.addZeros(pendingZeros);
    pendingZeros = 0;
  }

  /** Adds the (flushed) values of another block. */
  public void merge(MetricStats o) {
    tally.merge(o.tally);
    histogram.merge(o.histogram);
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
    double v = histogram.quantile(q);
    return integer ? Math.rint(v) : v;
  }

  /**
   * A distribution-free 95 % interval for the q-quantile: the sample quantiles at ranks q ± 1.96
   * sqrt(q (1 − q) / n) (the normal approximation to the binomial order statistics).
   */
  public double[] quantileInterval(double q) {
    long n = Math.max(1, count());
    double half = Tally.Z95 * Math.sqrt(q * (1 - q) / n);
    return new double[] {quantile(Math.max(0, q - half)), quantile(Math.min(1, q + half))};
  }

  public double max() {
    return histogram.max();
  }

  public LogHistogram histogram() {
    return histogram;
  }
}
