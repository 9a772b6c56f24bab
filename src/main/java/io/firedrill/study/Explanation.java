package io.firedrill.study;

import io.firedrill.dist.Units;
import io.firedrill.plan.Plan;
import io.firedrill.stats.FailoverPath;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Why a metric stays where it is: the causes of a service's losses, how its failovers went, and
 * whether the horizon cut recovery off, read from one run's statistics. {@code size} prints it when
 * a target cannot be reached, so that the user sees what to change (for example: every failover
 * took the manual path because the tooling it needs was down).
 */
public final class Explanation {
  private Explanation() {}

  /**
   * Lines explaining {@code target}'s metric in {@code stats} (one run of {@code plan}); empty when
   * nothing stands out. Each line is a sentence, most telling first.
   *
   * @param horizonHours the run's horizon, to say when a scenario's recovery was cut off
   */
  public static List<String> of(Plan plan, RunStats stats, Target target, double horizonHours) {
    List<String> lines = new ArrayList<>();
    List<Integer> services = new ArrayList<>();
    if (target.isTotal()) {
      for (int a = 0; a < plan.services; a++) {
        services.add(a);
      }
    } else {
      services.add(List.of(plan.serviceNames).indexOf(target.service()));
    }
    String who = target.isTotal() ? "all services'" : target.service() + "'s";
    boolean byUsers = target.metric() == Metric.USER_HOURS;
    String cause = topCause(plan, stats, services, byUsers);
    if (cause != null) {
      lines.add(cause.replace("{who}", who) + (byUsers ? " user-hours" : " downtime"));
    }
    for (int a : services) {
      String f = failovers(plan, stats, a);
      if (f != null) {
        lines.add(f);
      }
    }
    if (stats.curves != null) { // a scenario: recovery can be cut off by the horizon
      for (int a : services) {
        double recovered = stats.metric(a, Metric.RECOVERED).mean();
        if (stats.metric(a, Metric.RECOVERED).count() > 0 && recovered < 1) {
          lines.add(
              plan.serviceNames[a]
                  + " had not recovered by the horizon ("
                  + Units.formatDuration(horizonHours)
                  + ") in "
                  + percent(1 - recovered)
                  + " of trials: its recover_h is the horizon there");
        }
      }
    }
    return lines;
  }

  /** "{share} of {who} ... comes from {cause}" for the largest cause, or null. */
  private static String topCause(
      Plan plan, RunStats stats, List<Integer> services, boolean byUsers) {
    int nc = plan.causes();
    double[] sum = new double[nc];
    double total = 0;
    for (int a : services) {
      for (int c = 0; c < nc; c++) {
        double v = byUsers ? stats.causeUserHours[a * nc + c] : stats.causeDowntime[a * nc + c];
        sum[c] += v;
        total += v;
      }
    }
    if (!(total > 0)) {
      return null;
    }
    int best = 0;
    for (int c = 1; c < nc; c++) {
      best = sum[c] > sum[best] ? c : best;
    }
    return "the largest cause is "
        + plan.causeNames[best]
        + ": "
        + percent(sum[best] / total)
        + " of {who}";
  }

  /** How the failovers of service a went, or null when it started none. */
  private static String failovers(Plan plan, RunStats stats, int a) {
    if (!plan.hasFailover[a]) {
      return null;
    }
    long[] n = new long[FailoverPath.COUNT];
    long started = 0;
    for (int k = 0; k < FailoverPath.COUNT; k++) {
      n[k] = stats.failovers[a * FailoverPath.COUNT + k];
      started += n[k];
    }
    if (started == 0) {
      return null;
    }
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
    order.sort(Comparator.comparingLong((Integer k) -> -n[k]).thenComparingInt(k -> k));
    List<String> parts = new ArrayList<>();
    for (int k : order) {
      if (n[k] > 0) {
        parts.add(percent((double) n[k] / started) + " " + path(plan, a, k));
      }
    }
    return "failovers of " + plan.serviceNames[a] + ": " + String.join("; ", parts);
  }

  private static String path(Plan plan, int a, int k) {
    switch (k) {
      case FailoverPath.AUTOMATIC:
        return "automatic";
      case FailoverPath.MANUAL_NEEDS_DOWN:
        List<String> needs = new ArrayList<>();
        for (int b : plan.failoverNeeds[a]) {
          needs.add(plan.serviceNames[b]);
        }
        return "manual, because a service its automatic path needs ("
            + String.join(", ", needs)
            + ") was down";
      case FailoverPath.MANUAL_AUTOMATIC_FAILED:
        return "manual, because the automatic path failed (success "
            + Units.exact(plan.failoverSuccess[a])
            + ")";
      default:
        return "never joined: the automatic path was not possible and there is no manual one";
    }
  }

  private static String percent(double share) {
    double p = 100 * share;
    if (p > 0 && p < 0.05) {
      return "< 0.1 %";
    }
    return String.format(Locale.ROOT, p >= 9.95 || p == 0 ? "%.0f %%" : "%.1f %%", p);
  }
}
