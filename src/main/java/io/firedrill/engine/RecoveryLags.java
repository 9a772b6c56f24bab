package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * Recovery lags of {@code requires} dependencies (docs/simulation.md, "Recovery lag"): when an
 * outage of service B ends (its served fraction back at or above its slo) and service A requires B
 * with a lag L, A is served at most the fraction it had just before that instant until L later (a
 * backlog draining), and so is every service that requires A.
 *
 * <h2>Design</h2>
 *
 * <p>A lag is a <i>hold</i>: a cap on a served fraction, constant from its start to its end. Each
 * service's cap is the lowest hold of its own or of any service in its requires closure, and its
 * served fraction is min(the product of own fractions, the cap) ({@link CapacityState}). Holds
 * start and end only at instants of the sweep, so a cap is constant within a window and the
 * integration stays exact: a hold starts where B's outage ends, at an instant (a step back) or at
 * the point within a ramp where B's served fraction reaches its slo, which {@link #next} finds by
 * bisection to the last bit and makes an instant; it ends at an instant {@link #next} adds too. At
 * each, the services whose cap changes are cut ({@link #mark}: A and every service that requires
 * it), so their windows end there. Within a window a capped service's served fraction has one more
 * kink, where the product rises to the cap ({@link Integration}). The level of a hold is A's served
 * fraction just before the instant (the value its window ended with), so a served fraction never
 * falls where no site became blocked, and a lag changes nothing for services that neither have one
 * nor require one that has.
 *
 * <p>Nothing is drawn and nothing allocates per trial.
 */
final class RecoveryLags {
  private final Plan p;

  /** Edges of service a: {@code [from[a], from[a + 1])}, each a lagged dependency. */
  private final int[] from;

  private final int[] edgeService;
  private final int[] dep;
  private final double[] lag;

  /** Per edge: the level of its hold, its start and its end (the hold applies before its end). */
  private final double[] holdLevel;

  private final double[] holdFrom;
  private final double[] holdUntil;

  /** Per service: the lowest hold of its own edges at the current instant (1 with none). */
  private final double[] own;

  /** Per service: the services of its requires closure that have lagged edges. */
  private final int[][] laggedClosure;

  /** The services whose cap can differ from 1, in dependency order. */
  private final int[] capped;

  /** The services some edge depends on. */
  private final int[] deps;

  /** Per service: whether it was served below its slo at the last instant. */
  private final boolean[] below;

  /**
   * Per service that an edge depends on: where its served fraction reaches its slo within the
   * segment after the last instant, an instant of the sweep; NaN if it does not.
   */
  private final double[] crossing;

  /** The first instant after the last at which a hold ends or a dependency reaches its slo. */
  private double firstMark;

  /** Per service: its served fraction just before the current instant (the integration's). */
  private final double[] leftLimit;

  /**
   * @param leftLimit by service, its served fraction at the end of the window that ends at the
   *     current instant (for a service cut there): {@link Integration#windowServed}
   */
  RecoveryLags(Plan plan, double[] leftLimit) {
    this.p = plan;
    this.leftLimit = leftLimit;
    int ns = plan.services;
    from = new int[ns + 1];
    for (int a = 0; a < ns; a++) {
      from[a + 1] = from[a] + plan.lagDep[a].length;
    }
    int edges = from[ns];
    edgeService = new int[edges];
    dep = new int[edges];
    lag = new double[edges];
    boolean[] isDep = new boolean[ns];
    for (int a = 0; a < ns; a++) {
      for (int j = 0; j < plan.lagDep[a].length; j++) {
        edgeService[from[a] + j] = a;
        dep[from[a] + j] = plan.lagDep[a][j];
        lag[from[a] + j] = plan.lagHours[a][j];
        isDep[plan.lagDep[a][j]] = true;
      }
    }
    holdLevel = new double[edges];
    holdFrom = new double[edges];
    holdUntil = new double[edges];
    own = new double[ns];
    laggedClosure = new int[ns][];
    int[] c = new int[ns];
    int n = 0;
    for (int a = 0; a < ns; a++) {
      laggedClosure[a] =
          Arrays.stream(plan.requiresClosure[a]).filter(x -> plan.lagDep[x].length > 0).toArray();
      if (plan.lagDep[a].length > 0 || laggedClosure[a].length > 0) {
        c[n++] = a;
      }
    }
    capped = Arrays.copyOf(c, n);
    deps = java.util.stream.IntStream.range(0, ns).filter(b -> isDep[b]).toArray();
    below = new boolean[ns];
    crossing = new double[ns];
  }

  /** A sweep begins: no hold, every service served in full before t = 0. */
  void startSweep(double[] cap) {
    Arrays.fill(holdFrom, Double.NaN);
    Arrays.fill(holdUntil, Double.NEGATIVE_INFINITY);
    Arrays.fill(own, 1);
    Arrays.fill(below, false);
    Arrays.fill(crossing, Double.NaN);
    Arrays.fill(cap, 1);
    firstMark = Double.POSITIVE_INFINITY;
  }

  /**
   * Instant t, after every served fraction's product of own fractions ({@code normal}) is known:
   * starts the hold of each edge whose dependency's outage ends at t, drops the holds that end at
   * t, and sets each service's cap and served fraction, in dependency order. May be called more
   * than once at an instant (after a standby joins at once); a hold starts once.
   */
  void apply(double t, double[] normal, double[] served, double[] cap) {
    for (int a : capped) {
      double h = 1;
      for (int e = from[a]; e < from[a + 1]; e++) {
        int b = dep[e];
        if (below[b] && CapacityState.meets(served[b], p.slo[b]) && holdFrom[e] != t) {
          // B's outage ends at t: A stays where it was just before, for the lag.
          holdFrom[e] = t;
          holdLevel[e] = leftLimit[a];
          holdUntil[e] = t + lag[e];
        }
        if (holdUntil[e] > t) {
          h = Math.min(h, holdLevel[e]);
        }
      }
      own[a] = h;
      double k = h;
      for (int x : laggedClosure[a]) {
        k = Math.min(k, own[x]);
      }
      cap[a] = k;
      served[a] = Math.min(normal[a], k);
    }
  }

  /** The end of instant t: which dependencies are in an outage in the segment that follows. */
  void endInstant(double[] served) {
    for (int b : deps) {
      below[b] = !CapacityState.meets(served[b], p.slo[b]);
    }
  }

  /**
   * The end of the segment from instant t: {@code tNext}, or the first hold end before it, or the
   * first point within it where a dependency in an outage reaches its slo (its served fraction
   * rises within a segment, so the first double where it is at or above the slo is found by
   * bisection).
   */
  double next(double t, double tNext, CapacityState state) {
    double mark = Double.POSITIVE_INFINITY;
    for (int e = 0; e < holdUntil.length; e++) {
      if (holdUntil[e] > t) {
        mark = Math.min(mark, holdUntil[e]);
      }
    }
    tNext = Math.min(tNext, mark);
    for (int b : deps) {
      crossing[b] = Double.NaN;
      if (!below[b] || !(tNext > t)) {
        continue;
      }
      double end = state.servedOf(b, tNext);
      if (CapacityState.meets(end, p.slo[b])) {
        double hi = state.firstReaching(b, CapacityState.SERVED, p.slo[b], true, 0, t, tNext, end);
        crossing[b] = hi;
        tNext = Math.min(tNext, hi);
        mark = Math.min(mark, hi);
      }
    }
    firstMark = mark;
    return tNext;
  }

  /**
   * Instant t, before its events: cuts, in {@code cuts}, the services whose cap may change at t
   * (each service with a hold ending at t or a dependency reaching its slo there, and every service
   * that requires it).
   */
  void mark(double t, Cuts cuts) {
    if (t != firstMark) {
      return; // no hold ends and no dependency reaches its slo at t
    }
    for (int e = 0; e < holdUntil.length; e++) {
      if (holdUntil[e] == t || crossing[dep[e]] == t) {
        cuts.addRequiredBy(edgeService[e]);
      }
    }
  }
}
