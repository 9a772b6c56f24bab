package io.firedrill.report;

import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;

/**
 * Whether a metric has anything to estimate for a service: a breach needs its objective (rto, rpo),
 * data loss needs the service's data. Where it has not, the outputs show an empty cell, not a 0
 * that would read as a measured "never" (docs/outputs.md).
 */
final class Estimable {
  private Estimable() {}

  /** False when metric m is undefined for service a (dependency order) of the plan. */
  static boolean of(Plan plan, Metric m, int a) {
    switch (m) {
      case RTO_BREACH:
        return !Double.isNaN(plan.rtoHours[a]);
      case RPO_BREACH:
        return !Double.isNaN(plan.rpoHours[a]);
      case DATA_LOST_H:
      case DATA_LOSS:
        return plan.dataPrimary[a] != Plan.NONE;
      default:
        return true;
    }
  }
}
