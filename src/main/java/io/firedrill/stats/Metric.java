package io.firedrill.stats;

/** The per-trial metrics of SPEC §2, with their CSV names (units in the name). */
public enum Metric {
  DOWNTIME_H("downtime_h", false),
  OUTAGES("outages", true),
  LONGEST_H("longest_h", false),
  USER_HOURS("user_hours", false),
  RTO_BREACH("rto_breach", true);

  private final String csvName;
  private final boolean integer;

  Metric(String csvName, boolean integer) {
    this.csvName = csvName;
    this.integer = integer;
  }

  /** The name in CSV files and targets, e.g. {@code downtime_h}. */
  public String csvName() {
    return csvName;
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
