package io.firedrill.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A service: how much capacity it needs, where that capacity runs, and what it depends on.
 *
 * @param users people affected when it is fully down (for user-hours)
 * @param demand capacity units for full service
 * @param deploy active capacity per site
 * @param standby capacity per site that joins only through failover
 * @param failover how the standby joins, or null
 * @param requires hard dependencies: served fraction is multiplied by theirs
 * @param requiresLag recovery lags, hours above 0, by required service (each in {@code requires};
 *     the others have none): after an outage of that service ends, this one stays at most at the
 *     served fraction it had then for the lag (docs/simulation.md, "Recovery lag")
 * @param slo served fraction below which the service counts as down
 * @param rtoHours recovery-time objective, if any
 * @param data where its data lives and how it is copied, or null (no data that a loss can destroy:
 *     a stateless service)
 * @param rpoHours recovery-point objective, hours of writes, if any (only with data)
 * @param restorePriority where capacity comes back after a loss at a site or zone it shares, its
 *     class in the order of restoration: 1 first, then 2...; {@link #LAST} (none given) after every
 *     service with one (docs/simulation.md, "Restoration order")
 * @param restoreCurve its own restoration, or empty for none: {@code [site fraction, service
 *     fraction]} points from (0, 0) to (1, 1), site fractions increasing, service fractions in [0,
 *     1] (they may fall as well as rise): at a site or zone whose capacity factor is c, a placement
 *     of the service has the factor given by the curve at c, linear between points
 *     (docs/simulation.md, "A service's own restoration"); not with a restore priority
 */
public record Service(
    String name,
    double users,
    double demand,
    List<Placement> deploy,
    List<Placement> standby,
    Failover failover,
    List<String> requires,
    Map<String, Double> requiresLag,
    double slo,
    OptionalDouble rtoHours,
    Data data,
    OptionalDouble rpoHours,
    int restorePriority,
    List<Fire.CurvePoint> restoreCurve) {
  /** The restore priority of a service that gives none: restored after every one that does. */
  public static final int LAST = Integer.MAX_VALUE;

  public Service {
    Objects.requireNonNull(name, "name");
    deploy = List.copyOf(deploy);
    standby = List.copyOf(standby);
    requires = List.copyOf(requires);
    requiresLag = Collections.unmodifiableMap(new LinkedHashMap<>(requiresLag));
    for (Map.Entry<String, Double> e : requiresLag.entrySet()) {
      if (!requires.contains(e.getKey())) {
        throw new IllegalArgumentException("a lag for a service not required: " + e.getKey());
      }
      if (!(e.getValue() > 0) || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException("lag is not strictly positive: " + e.getValue());
      }
    }
    Objects.requireNonNull(rtoHours, "rtoHours");
    Objects.requireNonNull(rpoHours, "rpoHours");
    if (restorePriority < 1) {
      throw new IllegalArgumentException("restore priority is below 1: " + restorePriority);
    }
    restoreCurve = List.copyOf(restoreCurve);
    if (!restoreCurve.isEmpty()) {
      checkShareCurve(restoreCurve);
      if (restorePriority != LAST) {
        throw new IllegalArgumentException("a restore curve and a restore priority");
      }
    }
    if (rpoHours.isPresent() && data == null) {
      throw new IllegalArgumentException("an rpo without data");
    }
    if (!(demand > 0) || !Double.isFinite(demand)) {
      throw new IllegalArgumentException("demand is not strictly positive: " + demand);
    }
    if (!(users >= 0) || !Double.isFinite(users)) {
      throw new IllegalArgumentException("users is negative or not finite: " + users);
    }
    if (!(slo > 0 && slo <= 1)) {
      throw new IllegalArgumentException("slo is not in (0, 1]: " + slo);
    }
  }

  /**
   * Checks a service's restore curve: from (0, 0) to (1, 1), site fractions increasing, service
   * fractions between 0 and 1.
   *
   * @throws IllegalArgumentException if it is not such a curve
   */
  private static void checkShareCurve(List<Fire.CurvePoint> curve) {
    Fire.CurvePoint first = curve.get(0);
    Fire.CurvePoint last = curve.get(curve.size() - 1);
    if (curve.size() > Fire.CurvePoint.MAX_POINTS) {
      throw new IllegalArgumentException("a restore curve of " + curve.size() + " points");
    }
    if (curve.size() < 2 || first.at() != 0 || first.capacity() != 0) {
      throw new IllegalArgumentException("a restore curve must start at (0, 0)");
    }
    if (last.at() != 1 || last.capacity() != 1) {
      throw new IllegalArgumentException("a restore curve must end at (1, 1)");
    }
    for (int i = 1; i < curve.size(); i++) {
      if (!(curve.get(i).at() > curve.get(i - 1).at())) {
        throw new IllegalArgumentException("site fractions must increase: " + curve);
      }
    }
  }
}
