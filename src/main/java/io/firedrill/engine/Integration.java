package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * User impact over one segment of the sweep, where no event happens: the user-hours lost, {@code
 * users × ∫ w(t) (1 − served(t)) dt} per service (w the activity profile's weight), and the outages
 * that close inside it.
 *
 * <p>Without a ramp every served fraction is constant over the segment, and the integral is closed
 * form through the profile's cumulative weight. With a ramp the segment is split at every kink of
 * an own fraction (where it reaches 1) and, with a weekly profile, at every hour boundary; in each
 * piece every served fraction is one non-decreasing polynomial of known degree, integrated by
 * Gauss–Legendre quadrature with enough nodes to be exact ({@link GaussLegendre}). Where a served
 * fraction rises through its slo inside a piece, the crossing is found by bisection to the last bit
 * of a double, and the outage closes there.
 */
final class Integration {
  private final Plan p;
  private final CapacityState state;
  private final OutageAccounting accounting;
  private final Curves curves;

  /** Split points of a ramp segment, offsets from its start. */
  private double[] pieces = new double[16];

  /** Polynomial degree of each served fraction in the current piece, and of each own fraction. */
  private final int[] degree;

  private final int[] ownDegree;

  /** Served fractions at the two ends of the current piece, and scratch. */
  private final double[] pieceStart;

  private final double[] pieceEnd;
  private final double[] evalServed;

  Integration(Plan plan, CapacityState state, OutageAccounting accounting, Curves curves) {
    this.p = plan;
    this.state = state;
    this.accounting = accounting;
    this.curves = curves;
    int ns = plan.services;
    degree = new int[ns];
    ownDegree = new int[ns];
    pieceStart = new double[ns];
    pieceEnd = new double[ns];
    evalServed = new double[ns];
  }

  /**
   * Integrates [t0, t1), where no event happens; served fractions at t0 are in {@code
   * state.served}. Afterwards {@code state.servedEnd} holds them at t1, and a failover whose active
   * capacity came back within a ramp has ended.
   */
  void segment(double t0, double t1) {
    final int ns = p.services;
    boolean ramping = state.ramping();
    if (curves.on()) {
      curves.record(t0, t1, ramping, state);
    }
    if (!ramping) {
      final double[] served = state.served;
      final double[] servedEnd = state.servedEnd;
      double weighted = p.weightedTime(t1) - p.weightedTime(t0);
      for (int a = 0; a < ns; a++) {
        if (served[a] < 1) {
          accounting.addUserHours(a, p.users[a] * (1 - served[a]) * weighted);
        }
        servedEnd[a] = served[a];
      }
      return;
    }
    rampSegment(t0, t1);
    state.endRecoveredFailovers(t1 - t0);
  }

  /**
   * A segment in which some site ramps: split at every kink of an own fraction and (with a weekly
   * profile) at every hour boundary, then integrate each piece exactly.
   */
  private void rampSegment(double t0, double t1) {
    final int ns = p.services;
    final double len = t1 - t0;
    int n = 0;
    pieces = ensure(pieces, 2 + ns + (p.flatProfile ? 0 : (int) Math.min(1 << 20, len + 2)));
    pieces[n++] = 0;
    pieces[n++] = len;
    for (int a = 0; a < ns; a++) {
      double v = state.ownCapacity(a, 0);
      double sl = state.ownSlope(a);
      if (sl > 0 && v < p.demand[a]) {
        double u = (p.demand[a] - v) / sl;
        if (u > 0 && u < len) {
          pieces[n++] = u;
        }
      }
    }
    if (!p.flatProfile) {
      double x = p.startWeekHour + t0;
      for (double b = Math.floor(x) + 1 - x; b < len; b += 1) {
        pieces[n++] = b;
      }
    }
    Arrays.sort(pieces, 0, n);
    for (int i = 0; i + 1 < n; i++) {
      double u0 = pieces[i];
      double u1 = pieces[i + 1];
      if (u1 > u0) {
        piece(t0, u0, u1);
      }
    }
    state.servedAt(len, state.servedEnd);
  }

  /**
   * One piece [u0, u1) of a ramp segment starting at t0, in which every own fraction is one
   * polynomial.
   */
  private void piece(double t0, double u0, double u1) {
    final int ns = p.services;
    double mid = 0.5 * (u0 + u1);
    // Degree of each served fraction in this piece: each own fraction that is linear below 1
    // counts 1, for the service and every service in its requires closure.
    for (int a = 0; a < ns; a++) {
      ownDegree[a] = state.ownSlope(a) > 0 && state.ownCapacity(a, mid) < p.demand[a] ? 1 : 0;
    }
    for (int a = 0; a < ns; a++) {
      int d = ownDegree[a];
      for (int b : p.requiresClosure[a]) {
        d += ownDegree[b];
      }
      degree[a] = d;
    }
    double weight = p.weightAt(t0 + mid);
    // Served at both ends of the piece; evalServed is scratch for the integrals below.
    state.servedAt(u0, pieceStart);
    state.servedAt(u1, pieceEnd);
    for (int a = 0; a < ns; a++) {
      if (pieceStart[a] >= 1) {
        continue;
      }
      double uh = p.users[a] * weight;
      if (accounting.inOutage(a)) {
        if (pieceEnd[a] >= p.slo[a]) {
          double uc = crossing(a, u0, u1);
          accounting.addUserHours(a, uh * integralOfLoss(a, u0, uc));
          accounting.closeOutage(a, t0 + uc);
          accounting.addUserHours(a, uh * integralOfLoss(a, uc, u1));
          continue;
        }
      }
      accounting.addUserHours(a, uh * integralOfLoss(a, u0, u1));
    }
  }

  /** ∫ (1 − served_a) over [u0, u1], by Gauss–Legendre exact for the piece's degree. */
  private double integralOfLoss(int a, double u0, double u1) {
    if (u1 <= u0) {
      return 0;
    }
    int nodes = Math.min(GaussLegendre.MAX_NODES, degree[a] / 2 + 1);
    double[] x = GaussLegendre.nodes(nodes);
    double[] w = GaussLegendre.weights(nodes);
    double half = 0.5 * (u1 - u0);
    double mid = 0.5 * (u1 + u0);
    double sum = 0;
    for (int i = 0; i < nodes; i++) {
      state.servedAt(mid + half * x[i], evalServed);
      sum += w[i] * (1 - evalServed[a]);
    }
    return half * sum;
  }

  /** The first u in [u0, u1] with served_a(u) ≥ slo_a; served is non-decreasing there. */
  private double crossing(int a, double u0, double u1) {
    double lo = u0;
    double hi = u1;
    while (true) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        return hi;
      }
      state.servedAt(mid, evalServed);
      if (evalServed[a] >= p.slo[a]) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
  }

  private static double[] ensure(double[] a, int n) {
    return a.length >= n ? a : new double[Math.max(n, a.length * 2)];
  }
}
