package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;

/**
 * Whether a metric has anything to estimate for a service: a breach needs its objective (rto, rpo),
 * data loss needs the service's data. Where it has not, the outputs show an empty cell, not a 0
 * that would read as a measured "never" (docs/outputs.md), and a target or chart on it is refused.
 */
public final class Estimable {
  private Estimable() {}

  /** False when metric m is undefined for service a (dependency order) of the plan. */
  static boolean of(Plan plan, Metric m, int a) {
    return whyNot(plan, m, a) == null;
  }

  /** {@link #whyNot(Metric, String, boolean, boolean, boolean)} for service a of the plan. */
  static String whyNot(Plan plan, Metric m, int a) {
    return whyNot(
        m,
        plan.serviceNames[a],
        !Double.isNaN(plan.rtoHours[a]),
        !Double.isNaN(plan.rpoHours[a]),
        plan.dataPrimary[a] != Plan.NONE);
  }

  /**
   * Why metric m means nothing for the service named {@code service} (which has an rto, an rpo,
   * data as the flags say), for a message: "web has no rpo: give it one (services.web.rpo)"; null
   * when it means something.
   */
  public static String whyNot(Metric m, String service, boolean rto, boolean rpo, boolean data) {
    switch (m) {
      case RTO_BREACH:
        return rto ? null : service + " has no rto: give it one (services." + service + ".rto)";
      case RPO_BREACH:
        return rpo ? null : service + " has no rpo: give it one (services." + service + ".rpo)";
      case DATA_LOST_H:
      case DATA_LOSS:
      case DATA_LOST_ALL:
        return data
            ? null
            : service
                + " has no data to lose: give it a data section (services."
                + service
                + ".data)";
      default:
        return null;
    }
  }
}
