package io.firedrill.stats;

import java.util.List;

/**
 * The per-trial metrics of docs/outputs.md, with their CSV names (units in the name) and the range
 * their values can take, which decides their confidence interval (docs/outputs.md, "Intervals").
 */
public enum Metric {
  /** Hours below the slo in the horizon: in [0, H]. */
  DOWNTIME_H("downtime_h", Kind.HOURS),
  /** Number of outages: a count in [0, ∞). */
  OUTAGES("outages", Kind.COUNT),
  /** The longest outage, hours: in [0, H]. */
  LONGEST_H("longest_h", Kind.HOURS),
  /** User-hours lost: in [0, ∞). */
  USER_HOURS("user_hours", Kind.AMOUNT),
  /** 1 if an outage lasted longer than the rto. */
  RTO_BREACH("rto_breach", Kind.PROPORTION),
  /**
   * Scenario mode: hours from the event until the end of the first outage it caused (0 if it caused
   * none, H if that outage is still open at H).
   */
  RECOVER_H("recover_h", Kind.HOURS),
  /** Scenario mode: 1 if the service recovered from the event by the horizon. */
  RECOVERED("recovered", Kind.PROPORTION),
  /** Scenario mode: 1 if the event caused an outage of the service. */
  AFFECTED("affected", Kind.PROPORTION);

  /** The metrics of {@code run}. */
  public static final List<Metric> RUN =
      List.of(DOWNTIME_H, OUTAGES, LONGEST_H, USER_HOURS, RTO_BREACH);

  /** The metrics of {@code scenario}: those of run, and time to recover. */
  public static final List<Metric> SCENARIO = List.of(values());

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

  Metric(String csvName, Kind kind) {
    this.csvName = csvName;
    this.kind = kind;
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
