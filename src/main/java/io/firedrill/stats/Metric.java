package io.firedrill.stats;

import java.util.List;

/**
 * The per-trial metrics of docs/outputs.md, with their CSV names (units in the name), the range
 * their values can take, which decides their confidence interval (docs/outputs.md, "Intervals"),
 * and whether a sum over services means something (the {@code total} row).
 */
public enum Metric {
  /** Hours below the slo in the horizon: in [0, H]. */
  DOWNTIME_H("downtime_h", Kind.HOURS, true),
  /** Number of outages: a count in [0, ∞). */
  OUTAGES("outages", Kind.COUNT, true),
  /** The longest outage, hours: in [0, H]. */
  LONGEST_H("longest_h", Kind.HOURS, false),
  /** User-hours lost: in [0, ∞). */
  USER_HOURS("user_hours", Kind.AMOUNT, true),
  /**
   * Hours degraded: served at or above the slo but below 1 (some requests fail, no outage), in [0,
   * H].
   */
  DEGRADED_H("degraded_h", Kind.HOURS, true),
  /** 1 if an outage lasted longer than the rto. */
  RTO_BREACH("rto_breach", Kind.PROPORTION, false),
  /**
   * Scenario mode: hours from t = 0 until the end of the last outage the forced events caused (0 if
   * they caused none, H if such an outage is still open at H).
   */
  RECOVER_H("recover_h", Kind.HOURS, false),
  /** Scenario mode: 1 if the service recovered from the event by the horizon. */
  RECOVERED("recovered", Kind.PROPORTION, false),
  /** Scenario mode: 1 if the event caused an outage of the service. */
  AFFECTED("affected", Kind.PROPORTION, false),
  /**
   * Hours of writes lost where a copy survived (docs/simulation.md, "Data loss"): in [0, ∞)
   * (several losses in a trial add up).
   */
  DATA_LOST_H("data_lost_h", Kind.AMOUNT, false),
  /** 1 if the trial lost any of the service's data. */
  DATA_LOSS("data_loss", Kind.PROPORTION, false),
  /** 1 if the trial lost every copy of the service's data. */
  DATA_LOST_ALL("data_lost_all", Kind.PROPORTION, false),
  /** 1 if a loss of data exceeded the rpo (a loss of every copy does). */
  RPO_BREACH("rpo_breach", Kind.PROPORTION, false);

  /** The metrics of {@code run}. */
  public static final List<Metric> RUN =
      List.of(DOWNTIME_H, OUTAGES, LONGEST_H, USER_HOURS, DEGRADED_H, RTO_BREACH);

  /** The metrics of {@code scenario}: those of run, and time to recover. */
  public static final List<Metric> SCENARIO =
      List.of(
          DOWNTIME_H,
          OUTAGES,
          LONGEST_H,
          USER_HOURS,
          DEGRADED_H,
          RTO_BREACH,
          RECOVER_H,
          RECOVERED,
          AFFECTED);

  /** The data-loss metrics, reported for a model with data ({@link #withData}). */
  public static final List<Metric> DATA =
      List.of(DATA_LOST_H, DATA_LOSS, DATA_LOST_ALL, RPO_BREACH);

  /**
   * {@code metrics} ({@link #RUN} or {@link #SCENARIO}) and, for a model where some service has
   * data, the {@link #DATA} metrics after the rto breach.
   */
  public static List<Metric> withData(List<Metric> metrics, boolean data) {
    if (!data) {
      return metrics;
    }
    List<Metric> out = new java.util.ArrayList<>();
    for (Metric m : metrics) {
      out.add(m);
      if (m == RTO_BREACH) {
        out.addAll(DATA);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The metrics with a {@code total} over services, summed per trial: downtime (service-hours of
   * outage), outages, user-hours and degraded time (service-hours degraded).
   */
  public static final List<Metric> TOTALS = List.of(DOWNTIME_H, OUTAGES, USER_HOURS, DEGRADED_H);

  /** What a metric's values are, which bounds its range. */
  private enum Kind {
    /** Hours within the horizon: [0, H]. */
    HOURS,
    /** A whole number ≥ 0. */
    COUNT,
    /** A non-negative amount without upper bound. */
    AMOUNT,
    /** 0 or 1: its mean is a probability. */
    PROPORTION
  }

  private final String csvName;
  private final Kind kind;
  private final boolean total;

  Metric(String csvName, Kind kind, boolean total) {
    this.csvName = csvName;
    this.kind = kind;
    this.total = total;
  }

  /** The name in CSV files and targets, e.g. {@code downtime_h}. */
  public String csvName() {
    return csvName;
  }

  /** True for 0-or-1 metrics, whose mean is a probability (its interval is Wilson's). */
  public boolean isProportion() {
    return kind == Kind.PROPORTION;
  }

  /** True for counts, whose quantiles are whole numbers. */
  public boolean isInteger() {
    return kind == Kind.COUNT || kind == Kind.PROPORTION;
  }

  /** True if a sum over services means something: the metric has a {@code total} row. */
  public boolean hasTotal() {
    return total;
  }

  /**
   * The largest value one trial can give over a horizon of {@code horizonHours}: the horizon for
   * durations, 1 for proportions, +∞ for counts and user-hours. The smallest is 0 for every metric.
   */
  public double highest(double horizonHours) {
    switch (kind) {
      case HOURS:
        return horizonHours;
      case PROPORTION:
        return 1;
      default:
        return Double.POSITIVE_INFINITY;
    }
  }

  /** The metric called {@code name} in CSV files, or null. */
  public static Metric byName(String name) {
    for (Metric m : values()) {
      if (m.csvName.equals(name)) {
        return m;
      }
    }
    return null;
  }
}
