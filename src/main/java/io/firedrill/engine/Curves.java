package io.firedrill.engine;

import io.firedrill.plan.Plan;

/**
 * Recovery curves: every service's served fraction and every site's capacity factor, exactly, at
 * {@code points} evenly spaced times over [0, H] (point j at {@code H * j / (points - 1)}). Off
 * until {@link #enable} is called; the sweep records the points that fall between each two of its
 * instants.
 */
final class Curves {
  private final Plan p;
  private final double horizon;
  private int points;
  private int next;

  /** Scratch: served fractions inside a ramp segment. */
  private final double[] at;

  /** Served fraction at point j, service a: {@code [j * services + a]}. */
  double[] served = new double[0];

  /** Capacity factor at point j, site s: {@code [j * sites + s]}. */
  double[] capacity = new double[0];

  Curves(Plan plan) {
    this.p = plan;
    this.horizon = plan.horizonHours;
    this.at = new double[plan.services];
  }

  /**
   * Records at {@code points} times from now on.
   *
   * @throws IllegalArgumentException if points is below 2
   */
  void enable(int points) {
    if (points < 2) {
      throw new IllegalArgumentException("points is below 2: " + points);
    }
    this.points = points;
    served = new double[points * p.services];
    capacity = new double[points * p.sites];
  }

  /** Whether curves are recorded. */
  boolean on() {
    return points > 0;
  }

  /** The time of point j, hours. */
  double time(int j) {
    return horizon * j / (points - 1);
  }

  /** A new sweep records from point 0. */
  void startSweep() {
    next = 0;
  }

  /**
   * Records the points in the segment [t0, t1) between two instants of the sweep (and at H itself
   * when t1 is the horizon), from the state after the events of t0: served fractions are {@code
   * state.served} unless a site ramps, when they are evaluated at each point's absolute time.
   */
  void record(double t0, double t1, boolean ramping, CapacityState state) {
    final int ns = p.services;
    final int nsites = p.sites;
    while (next < points) {
      double tau = time(next);
      if (tau > t1 || (tau == t1 && t1 < horizon)) {
        return;
      }
      double at = Math.max(t0, tau);
      if (ramping) {
        state.servedAtTime(at, this.at);
      }
      double[] fractions = ramping ? this.at : state.served;
      for (int a = 0; a < ns; a++) {
        served[next * ns + a] = fractions[a];
      }
      for (int s = 0; s < nsites; s++) {
        capacity[next * nsites + s] = state.siteCapacityAt(s, at);
      }
      next++;
    }
  }
}
