package io.firedrill.stats;

/** The per-trial metrics of SPEC §2, with their CSV names (units in the name). */
public enum Metric {
  DOWNTIME_H("downtime_h", false, false),
  OUTAGES("outages", true, false),
  LONGEST_H("longest_h", false, false),
  USER_HOURS("user_hours", false, false),
  RTO_BREACH("rto_breach", true, true),
  /**
   * Scenario mode: hours from the event until the end of the first outage it caused (0 if it caused
   * none, H if that outage is still open at H).
   */
  RECOVER_H("recover_h", false, false),
  /** Scenario mode: 1 if the service recovered from the event by the horizon. */
  RECOVERED("recovered", true, true),
  /** Scenario mode: 1 if the event caused an outage of the service. */
  AFFECTED("affected", true, true);

  /** The metrics of {@code run}. */
  public static final java.util.List<Metric> RUN =
      java.util.List.of(DOWNTIME_H, OUTAGES, LONGEST_H, USER_HOURS, RTO_BREACH);

  /** The metrics of {@code scenario}: those of run, and time to recover. */
  public static final java.util.List<Metric> SCENARIO = java.util.List.of(values());

  private final String csvName;
  private final boolean integer;
  private final boolean proportion;

  Metric(String csvName, boolean integer, boolean proportion) {
    this.csvName = csvName;
    this.integer = integer;
    this.proportion = proportion;
  }

  /** The name in CSV files and targets, e.g. {@code downtime_h}. */
  public String csvName() {
    return csvName;
  }

  /** True for 0-or-1 metrics, whose mean is a probability (its interval is Wilson's). */
  public boolean isProportion() {
    return proportion;
  }

  /** True for counts, whose quantiles are whole numbers. */
  public boolean isInteger() {
    return integer;
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
