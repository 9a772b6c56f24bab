package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * User impact, service by service, over windows in which the service's served fraction is one
 * function of time: the user-hours lost, {@code users × ∫ w(t) (1 − served(t)) dt} (w the activity
 * profile's weight), and the outages that close inside a window.
 *
 * <p>A service's window runs from one instant at which it is cut ({@link Cuts}: an event at a site
 * of its footprint, a join of its standby or of one in its requires closure) to the next; the
 * instants of other sites do not split it. So its integrals, and the slo crossings inside them, are
 * computed from its own events alone and do not move in the last bits when another site's events
 * move (common random numbers, docs/simulation.md).
 *
 * <p>Without a ramp in its footprint the served fraction is constant over the window, and the
 * integral is closed form through the profile's cumulative weight. With a ramp the window is split
 * at every kink of an own fraction of the service or of its requires closure (where it reaches 1)
 * and, with a weekly profile, at every hour boundary; in each piece the served fraction is one
 * polynomial of known degree, integrated by Gauss–Legendre quadrature with enough nodes to be exact
 * ({@link GaussLegendre}). Where the served fraction rises through its slo inside a piece, the
 * crossing is found by bisection to the last bit of a double, and the outage closes there. Where a
 * curve falls the served fraction may fall too, but never through its slo inside a window: {@link
 * Falls} makes every such crossing an instant. Every value is computed at absolute times ({@link
 * CapacityState#servedOf}).
 */
final class Integration {
  private final Plan p;
  private final CapacityState state;
  private final OutageAccounting accounting;

  /** By service: where its window began, hours. */
  private final double[] windowStart;

  /** By service: its served fraction at the window's start. */
  private final double[] windowServed;

  /** By service: whether a site of its footprint ramps in the window. */
  private final boolean[] windowRamps;

  /** How many services have a window that ramps. */
  private int rampWindows;

  /** Split points of a ramp window, offsets from its start. */
  private double[] pieces = new double[16];

  /** Scratch of {@link #serviceKinks}: one service's split points, sorted. */
  private double[] own = new double[16];

  Integration(Plan plan, CapacityState state, OutageAccounting accounting) {
    this.p = plan;
    this.state = state;
    this.accounting = accounting;
    int ns = plan.services;
    windowStart = new double[ns];
    windowServed = new double[ns];
    windowRamps = new boolean[ns];
  }

  /**
   * By service: its served fraction at the start of its window, and after {@link #closeRamps} at an
   * instant where it is cut, its served fraction just before that instant (the window's end).
   */
  double[] windowServed() {
    return windowServed;
  }

  /** Every service fully served in a window that begins at 0. */
  void startSweep() {
    for (int a = 0; a < p.services; a++) {
      windowStart[a] = 0;
      windowServed[a] = 1;
      windowRamps[a] = false;
    }
    rampWindows = 0;
  }

  /**
   * Instant t, before its events: each service in {@code cut[0 .. n)} whose window ramps ends it at
   * t, integrated with the state it had (the only windows that need it), and a failover whose
   * active capacity came back within such a window ends. Constant windows end in {@link #instant}.
   */
  void closeRamps(double t, int[] cut, int n) {
    if (rampWindows == 0) {
      return;
    }
    rampWindows(t, cut, n);
    // After every window: a window of a service uses the failover states of its requires closure.
    for (int i = 0; i < n; i++) {
      int a = cut[i];
      if (windowRamps[a]) {
        if (t > windowStart[a]) {
          state.endRecoveredFailover(a, t);
        }
        // Ended: what instant() sees is a window of no length with the served fraction at t.
        windowRamps[a] = false;
        rampWindows--;
        windowStart[a] = t;
        windowServed[a] = state.servedEnd[a];
      }
    }
  }

  /**
   * Instant t, after its events, failovers and served fractions ({@code state.served}): for each
   * service in {@code cut[0 .. n)}, its constant window (if not ended by {@link #closeRamps}) ends
   * at t, the outage accounting sees the service's new served fraction ({@link
   * OutageAccounting#atInstant}), and a new window begins at t.
   */
  void instant(double t, int[] cut, int n, EventQueue events) {
    boolean anyRamp = state.ramping();
    final double[] served = state.served;
    for (int i = 0; i < n; i++) {
      int a = cut[i];
      constantWindow(a, windowStart[a], t);
      accounting.atInstant(a, t, served[a], state.servedEnd[a], events);
      begin(a, t, anyRamp);
    }
  }

  /** Each service in {@code cut[0 .. n)} begins a window at t (after the events of t). */
  void begin(double t, int[] cut, int n) {
    boolean anyRamp = state.ramping();
    for (int i = 0; i < n; i++) {
      begin(cut[i], t, anyRamp);
    }
  }

  private void begin(int a, double t, boolean anyRamp) {
    windowStart[a] = t;
    windowServed[a] = state.served[a];
    if (anyRamp && ramps(a)) {
      windowRamps[a] = true;
      rampWindows++;
    }
  }

  /**
   * Each service in {@code cut[0 .. n)} ends its window at t (before the events of t): at the
   * horizon, every service.
   */
  void end(double t, int[] cut, int n) {
    closeRamps(t, cut, n);
    for (int i = 0; i < n; i++) {
      int a = cut[i];
      constantWindow(a, windowStart[a], t);
    }
  }

  /**
   * Whether service a's served fraction changes within a window: an own fraction has a slope (where
   * a curve falls, slopes of opposite sign may cancel in a sum: a unit of its footprint ramps).
   */
  private boolean ramps(int a) {
    if (p.anyFall) {
      return state.footprintRamps(a);
    }
    boolean r = state.ownSlope(a) > 0;
    for (int b : p.requiresClosure[a]) {
      r |= state.ownSlope(b) > 0;
    }
    return r;
  }

  /** Service a's window [t0, t1) with its served fraction constant. */
  private void constantWindow(int a, double t0, double t1) {
    double served = windowServed[a];
    if (!CapacityState.meets(served, 1) && t1 > t0) {
      double weighted = p.weightedTime(t1) - p.weightedTime(t0);
      accounting.addUserHours(a, p.users[a] * (1 - served) * weighted);
      if (CapacityState.meets(served, p.slo[a])) {
        accounting.addDegraded(a, t1 - t0);
      }
    }
    state.servedEnd[a] = served;
  }

  /**
   * The split points of service a over [t0, t1) into {@link #pieces}, sorted: 0, t1 − t0, and every
   * offset between where an own fraction of a or of its requires closure has a kink (a class's or a
   * curve point's edge, its demand), so that each own fraction is linear between two of them.
   * Returns their count.
   */
  int splitPoints(int a, double t0, double t1) {
    final double len = t1 - t0;
    int n = 0;
    pieces = ensure(pieces, 3 + p.requiresClosure[a].length);
    pieces[n++] = 0;
    pieces[n++] = len;
    if (state.orderedFootprint[a]) {
      n = serviceKinks(a, t0, t1, n);
      for (int b : p.requiresClosure[a]) {
        n = serviceKinks(b, t0, t1, n);
      }
    } else {
      n = kink(a, t0, len, n);
      for (int b : p.requiresClosure[a]) {
        n = kink(b, t0, len, n);
      }
    }
    Arrays.sort(pieces, 0, n);
    return n;
  }

  /** The split points of the last {@link #splitPoints}. */
  double[] pieces() {
    return pieces;
  }

  /**
   * Integrates, for each service in {@code cut[0 .. n)} whose window ramps, its window [t0, t) (t0
   * its start): split at the kinks of its own fractions and those of its requires closure ({@link
   * #splitPoints}), where a recovery lag's hold caps it, and at every hour boundary of a weekly
   * profile, each piece integrated by {@link #piece}; and records its served fraction at the
   * window's end.
   *
   * <p>One method, loop and window together, of more than 325 bytecodes (HotSpot's {@code
   * FreqInlineSize}), on purpose: C2 then compiles it once, on its own, instead of inlining its
   * large and rarely used tree (the split points, bisections, sorts) into {@link #closeRamps}, into
   * {@link #end} and into the sweep, each compiled on its own as well: seconds of C2 time in a run
   * of millions of trials, competing with the workers for the machine's cores (measured in
   * results/benchmarks/issue15-jit.md). IntegrationSizeTest keeps it above the limit.
   */
  private void rampWindows(double t, int[] cut, int n) {
    for (int i = 0; i < n; i++) {
      final int a = cut[i];
      final double t0 = windowStart[a];
      if (!windowRamps[a] || !(t > t0)) {
        continue;
      }
      final double len = t - t0;
      int k = splitPoints(a, t0, t);
      final double c = state.cap[a];
      if (c < 1) {
        // A recovery lag's hold caps the served fraction: one more kink, where the product of own
        // fractions (non-decreasing in the window) first reaches the cap, found by bisection to
        // the last bit, if it does.
        double end = state.productOf(a, t0 + len);
        if (CapacityState.meets(end, c) && !CapacityState.meets(state.productOf(a, t0), c)) {
          double hi = state.firstReaching(a, CapacityState.PRODUCT, c, true, t0, 0, len, end);
          if (hi > 0 && hi < len) {
            pieces = ensure(pieces, k + 1);
            pieces[k++] = hi;
            Arrays.sort(pieces, 0, k);
          }
        }
      }
      // Between the kinks, a weekly profile splits at every hour boundary, generated as the pieces
      // are integrated (a window may span years of hours): the same points, in the same order, as
      // if they had been sorted in with the kinks.
      double hour =
          p.flatProfile
              ? Double.POSITIVE_INFINITY
              : Math.floor(p.startWeekHour + t0) + 1 - (p.startWeekHour + t0);
      for (int j = 0; j + 1 < k; j++) {
        double from = pieces[j];
        double u1 = pieces[j + 1];
        while (hour < u1) {
          if (hour > from) {
            piece(a, t0, from, hour, false);
            from = hour;
          }
          hour += 1;
        }
        if (u1 > from) {
          piece(a, t0, from, u1, j + 2 == k);
        }
      }
      state.servedEnd[a] = state.servedOf(a, t);
    }
  }

  /**
   * The split points of service b in a ramp window [t0, t1) of a service whose footprint is in a
   * restoration order (docs/simulation.md, "Restoration order"), into {@link #pieces} from n: where
   * a placement of b reaches the start or end of its class ({@link CapacityState#orderKinks}), and
   * where b's capacity, linear between those, reaches its demand (its own fraction reaches 1; it
   * rises, so at most once, unless a curve falls: then at most once between two of those). Returns
   * the new count.
   */
  private int serviceKinks(int b, double t0, double t1, int n) {
    pieces = ensure(pieces, n + 2 * state.orderKinkRoom(b) + 2);
    int from = n;
    n = state.orderKinks(b, t0, t1, pieces, n);
    int k = n - from;
    own = ensure(own, k + 2);
    System.arraycopy(pieces, from, own, 0, k);
    own[k] = 0;
    own[k + 1] = t1 - t0;
    Arrays.sort(own, 0, k + 2);
    for (int i = 0; i + 1 < k + 2; i++) {
      int m = demandKink(b, t0, own[i], own[i + 1], n);
      if (m > n && !p.anyFall) {
        return m;
      }
      n = m;
    }
    return n;
  }

  /**
   * Adds the offset in (u0, u1) where service b's capacity, linear between them, reaches its demand
   * (its own fraction reaches 1, or leaves it where a curve falls), if it does.
   */
  private int demandKink(int b, double t0, double u0, double u1, int n) {
    double v0 = state.ownCapacityAt(b, t0 + u0);
    double v1 = state.ownCapacityAt(b, t0 + u1);
    double d = p.demand[b];
    if ((v0 < d && d < v1) || (v0 > d && d > v1)) {
      double u = u0 + (d - v0) / (v1 - v0) * (u1 - u0);
      if (u > u0 && u < u1) {
        pieces[n++] = u;
      }
    }
    return n;
  }

  /** Adds to the split points the offset where service b's own fraction reaches 1, if inside. */
  private int kink(int b, double t0, double len, int n) {
    double v = state.ownCapacityAt(b, t0);
    double sl = state.ownSlope(b);
    if (sl > 0 && v < p.demand[b]) {
      double u = (p.demand[b] - v) / sl;
      if (u > 0 && u < len) {
        pieces[n++] = u;
      }
    }
    return n;
  }

  /**
   * One piece [u0, u1) of service a's ramp window starting at t0, in which every own fraction it
   * depends on is one polynomial; {@code last} if it ends the window.
   */
  private void piece(int a, double t0, double u0, double u1, boolean last) {
    double mid = 0.5 * (u0 + u1);
    if (CapacityState.meets(state.servedOf(a, t0 + mid), 1)) {
      // Whole throughout: the piece is split where an own fraction reaches 1, so each is 1 all
      // over it or below 1 all over it, and the midpoint tells which (its start may round just
      // below 1). Nothing lost, nothing degraded; an outage still open (a slo of 1, reached at
      // the start up to rounding) ends where the served fraction reaches it.
      if (accounting.inOutage(a)) {
        accounting.closeOutage(a, t0 + crossing(a, t0, u0, u1, state.servedOf(a, t0 + u1)));
      }
      return;
    }
    // Degree of the served fraction in this piece: each own fraction that is linear below 1
    // counts 1, for the service and every service in its requires closure.
    int degree;
    if (state.orderedFootprint[a]) {
      // In an order most own fractions are flat in a piece (their classes not yet reached, or
      // whole): count only those that change in it.
      degree = changes(a, t0 + u0, t0 + u1);
      for (int b : p.requiresClosure[a]) {
        degree += changes(b, t0 + u0, t0 + u1);
      }
    } else {
      degree = ownDegree(a, t0 + mid);
      for (int b : p.requiresClosure[a]) {
        degree += ownDegree(b, t0 + mid);
      }
    }
    double uh = p.users[a] * p.weightAt(t0 + mid);
    double end = accounting.inOutage(a) ? state.servedOf(a, t0 + u1) : 1;
    if (accounting.inOutage(a) && CapacityState.meets(end, p.slo[a])) {
      // Where a curve falls, a rise through the slo is an instant (Falls): the window's end.
      double uc = p.anyFall && last ? u1 : crossing(a, t0, u0, u1, end);
      accounting.addUserHours(a, uh * integralOfLoss(a, degree, t0, u0, uc));
      accounting.closeOutage(a, t0 + uc);
      accounting.addUserHours(a, uh * integralOfLoss(a, degree, t0, uc, u1));
      // Served below 1 throughout the piece (it is split where an own fraction reaches 1), and at
      // or above the slo from the crossing: degraded (none with a slo of 1: the crossing is then
      // where it is whole, up to the rounding of a kink found by division).
      accounting.addDegraded(a, u1 - uc);
      return;
    }
    accounting.addUserHours(a, uh * integralOfLoss(a, degree, t0, u0, u1));
    if (!accounting.inOutage(a)) {
      accounting.addDegraded(a, u1 - u0);
    }
  }

  /** 1 if service b's own fraction is linear below 1 at time t, else 0. */
  private int ownDegree(int b, double t) {
    return state.ownSlope(b) > 0 && state.ownCapacityAt(b, t) < p.demand[b] ? 1 : 0;
  }

  /**
   * 1 if service b's own fraction changes over a piece [ta, tb] (its capacity, linear there, moves
   * below its demand), else 0.
   */
  private int changes(int b, double ta, double tb) {
    double v0 = state.ownCapacityAt(b, ta);
    double v1 = state.ownCapacityAt(b, tb);
    return (v0 < p.demand[b] || v1 < p.demand[b]) && v1 != v0 ? 1 : 0;
  }

  /**
   * ∫ (1 − served_a) over [t0 + u0, t0 + u1], by Gauss–Legendre exact for a polynomial of {@code
   * degree}.
   */
  private double integralOfLoss(int a, int degree, double t0, double u0, double u1) {
    if (u1 <= u0) {
      return 0;
    }
    int nodes = Math.min(GaussLegendre.MAX_NODES, degree / 2 + 1);
    double[] x = GaussLegendre.nodes(nodes);
    double[] w = GaussLegendre.weights(nodes);
    double half = 0.5 * (u1 - u0);
    double mid = 0.5 * (u1 + u0);
    double sum = 0;
    for (int i = 0; i < nodes; i++) {
      sum += w[i] * (1 - state.servedOf(a, t0 + mid + half * x[i]));
    }
    return half * sum;
  }

  /**
   * The first u in [u0, u1] where served_a(t0 + u) meets slo_a, {@code end} its value at u1; served
   * is non-decreasing there.
   */
  private double crossing(int a, double t0, double u0, double u1, double end) {
    return state.firstReaching(a, CapacityState.SERVED, p.slo[a], true, t0, u0, u1, end);
  }

  /** {@code a}, or a copy of it with room for n values. */
  private static double[] ensure(double[] a, int n) {
    return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
  }
}
