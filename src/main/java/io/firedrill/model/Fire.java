package io.firedrill.model;

import io.firedrill.dist.Distribution;
import java.util.List;
import java.util.Objects;

/**
 * Fires at a site. An ignition is put out with no impact with probability {@code contained};
 * otherwise the site is dark for {@code dark}, then returns to full capacity over {@code restore}:
 * linearly, or along {@code restoreCurve}.
 *
 * @param restoreCurve empty for a linear ramp; else points (fraction of the restore time, capacity)
 *     from (0, c0) to (1, 1), capacity rising or falling, linear in between, at most {@link
 *     CurvePoint#MAX_POINTS}
 * @param onset the delay from each ignition to the dark time (a fire that smoulders, or the time
 *     until the site is cut off for the fire brigade), or null for none
 * @param also the effects each uncontained fire sets off (cascades: spread, water, a fibre cut, a
 *     campus powered off), in the model's order; empty for none
 * @param damage the hardware each uncontained fire damages at its site or zone, or null for none
 * @param repairNeeds the services that must be up for the dark time to last its {@code dark}, and
 *     the manual path when one is down, or null for none
 */
public record Fire(
    Distribution timeToIgnition,
    double contained,
    Distribution dark,
    Distribution restore,
    List<CurvePoint> restoreCurve,
    Distribution onset,
    List<Effect> also,
    Damage damage,
    RepairNeeds repairNeeds) {

  /** A point of a restore curve. */
  public record CurvePoint(double at, double capacity) {
    /**
     * Most points any curve of a model may have (a fire's restore curve, a restart curve, a
     * service's restore curve): each adds a ramp per piece, or a kink in every ramp it follows.
     */
    public static final int MAX_POINTS = 100;

    public CurvePoint {
      if (!(at >= 0 && at <= 1) || !(capacity >= 0 && capacity <= 1)) {
        throw new IllegalArgumentException("curve point outside [0, 1]: " + at + ", " + capacity);
      }
    }
  }

  public Fire {
    Objects.requireNonNull(timeToIgnition, "timeToIgnition");
    Objects.requireNonNull(dark, "dark");
    Objects.requireNonNull(restore, "restore");
    restoreCurve = List.copyOf(restoreCurve);
    if (restoreCurve.size() > CurvePoint.MAX_POINTS) {
      throw new IllegalArgumentException("a restore curve of " + restoreCurve.size() + " points");
    }
    also = List.copyOf(also);
    if (!(contained >= 0 && contained <= 1)) {
      throw new IllegalArgumentException("contained is not in [0, 1]: " + contained);
    }
  }
}
