package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * Crossings within a segment where a curve falls (docs/simulation.md, "Curves that fall"): a
 * restore or restart curve, or a service's own restore curve, with a point below the one before it.
 * A served fraction may then fall within a segment of the sweep, and what the sweep decides at
 * instants (an outage opens, a failover starts) must happen where it falls. So each of these is
 * made an instant of the sweep, found to the last bit of a double:
 *
 * <ul>
 *   <li>a service's served fraction crosses its slo (either way: an outage opens or closes);
 *   <li>a service with a standby: its active capacity crosses its demand (a failover starts, or one
 *       under way ends);
 *   <li>a service under a recovery lag's hold: its product of own fractions crosses the cap.
 * </ul>
 *
 * Between two instants each of these relations then holds one way throughout, as the rest of the
 * kernel assumes where served fractions only rise.
 *
 * <h2>How a crossing is found</h2>
 *
 * <p>A service's window is split where an own fraction of it or of its requires closure has a kink
 * ({@link Integration#splitPoints}); between two split points every own fraction is linear and
 * positive or 0, so the product is log-concave (a sum of logarithms of linear functions is
 * concave), and so is its minimum with a constant cap: each level set {f ≥ level} within a piece is
 * an interval. A piece that starts at or above the level therefore crosses it at most once, where
 * it ends below (found by bisection: below from the crossing on); one that starts below it crosses
 * where it rises through the level, which it does either towards a piece end at or above it, or up
 * a bump whose top ({@link #peak}, by golden-section search) is at or above it. Active capacity is
 * linear between split points: one crossing at most, by bisection. A split point is found by
 * division and may round to a double next to its kink, and a steep stretch of curve may lie between
 * two doubles: each piece's first and last doubles are compared with the level on their own ({@link
 * #level}), and all of the above holds for the doubles between.
 *
 * <p>An outage that opens at such an instant has no blocking event to blame: it goes to the cause
 * of the ramp under way in the service's footprint (the loss it is the restoration of, {@link
 * CapacityState#rampCause}). Nothing is drawn and nothing allocates per trial.
 */
final class Falls {
  /**
   * Steps of the golden-section search for the top of a bump: the bracket shrinks by 0.618 a step,
   * to 10^-21 of the piece after 100, below the spacing of doubles around any offset.
   */
  private static final int PEAK_STEPS = 100;

  private static final double GOLDEN = 0.5 * (Math.sqrt(5) - 1);

  /**
   * Most pieces a trial's searches may go over ({@link Kernel.TooManyEvents#crossings}): a bound on
   * a trial's work where crossings are many, tens of seconds at most.
   */
  static final long MAX_WORK = 5_000_000;

  /** Pieces searched so far in the trial. */
  private long work;

  private final Plan p;
  private final CapacityState state;
  private final Integration integration;

  /**
   * Per service: where it crosses, at or before {@link #searched}; +∞ if it does not by then, NaN
   * if nothing is known (it was cut since, or its footprint does not ramp).
   */
  private final double[] crossing;

  /** Per service: how far the search for its next crossing went (the segment end it knew). */
  private final double[] searched;

  /** The first crossing after the last instant (+∞ if none). */
  private double firstMark = Double.POSITIVE_INFINITY;

  Falls(Plan plan, CapacityState state, Integration integration) {
    this.p = plan;
    this.state = state;
    this.integration = integration;
    crossing = new double[plan.services];
    searched = new double[plan.services];
  }

  /** A sweep begins: no crossing found. */
  void startSweep() {
    work = 0;
    Arrays.fill(crossing, Double.NaN);
    firstMark = Double.POSITIVE_INFINITY;
  }

  /**
   * The end of the segment from instant t (after everything at t): {@code tNext}, or the first
   * crossing before it of a service whose footprint ramps. A service not cut at t ({@code cut}) has
   * the same served fraction, as a function of time, as at the instant before: what was found for
   * it then holds, and only the stretch past where it searched is searched. Each search ends at the
   * earliest crossing found so far (only the first matters for the next instant), so where
   * crossings are many each search covers a short stretch.
   */
  double next(double t, double tNext, boolean[] cut) {
    double first = Double.POSITIVE_INFINITY;
    for (int a = 0; a < p.services; a++) {
      boolean ramps = tNext > t && state.footprintRamps(a);
      if (cut[a] || !ramps) {
        crossing[a] = Double.NaN;
      }
      if (!ramps) {
        continue;
      }
      double c = crossing[a];
      double bound = Math.min(tNext, first);
      if (Double.isNaN(c) || (c == Double.POSITIVE_INFINITY && searched[a] < bound)) {
        double from = Double.isNaN(c) ? t : searched[a];
        c = firstCrossing(a, t, from, bound);
        crossing[a] = c;
        searched[a] = bound;
      }
      first = Math.min(first, c);
    }
    firstMark = first;
    return Math.min(tNext, first);
  }

  /**
   * Instant t, before its events: cuts, in {@code cuts}, each service that crosses at t and every
   * service that requires it.
   */
  void mark(double t, Cuts cuts) {
    if (t != firstMark) {
      return;
    }
    for (int a = 0; a < p.services; a++) {
      if (crossing[a] == t) {
        cuts.addRequiredBy(a);
      }
    }
  }

  /**
   * The cause of a drop of service a at instant t that no blocking event explains: the cause of the
   * ramp under way in its footprint if a crosses at t; else, for a drop more than rounding ({@code
   * real}: below the slo, or below what the service had by more than the tolerance), the cause of
   * the ramp its footprint is on, flat or not: a curve that falls between two doubles of time puts
   * the drop where one piece of a site's ramps ends and the next begins, an instant; else -1.
   */
  int causeAt(int a, double t, boolean real) {
    return crossing[a] == t || real ? state.rampCause(a, real) : -1;
  }

  /**
   * The first time in (from, to] at which service a crosses its slo, its demand (with a standby) or
   * its cap (under a hold), from its state at instant t (t ≤ from: none crosses between); +∞ if it
   * does not.
   */
  private double firstCrossing(int a, double t, double from, double to) {
    int n = integration.splitPoints(a, from, to);
    work += n;
    if (work > MAX_WORK) {
      throw Kernel.TooManyEvents.crossings(MAX_WORK);
    }
    double[] u = integration.pieces();
    double slo = p.slo[a];
    boolean above = CapacityState.meets(state.served[a], slo);
    double cap = state.cap[a];
    boolean capped = cap < 1;
    boolean overCap = capped && CapacityState.meets(state.productOf(a, t), cap);
    // Only a failover that can start (none under way, demand covered) or end (one under way, demand
    // not covered): any other state was settled at an instant.
    boolean covered = p.hasFailover[a] && CapacityState.meets(state.activeAt(a, t), p.demand[a]);
    boolean watch = p.hasFailover[a] && (state.foState[a] == CapacityState.NORMAL) == covered;
    for (int i = 0; i + 1 < n; i++) {
      double t0 = i == 0 ? from : from + u[i];
      double t1 = i + 2 == n ? to : from + u[i + 1];
      if (!(t1 > t0)) {
        continue;
      }
      double c = level(a, CapacityState.SERVED, slo, above, t0, t1);
      if (capped) {
        c = Math.min(c, level(a, CapacityState.PRODUCT, cap, overCap, t0, t1));
      }
      if (watch) {
        c = Math.min(c, level(a, CapacityState.ACTIVE, p.demand[a], covered, t0, t1));
      }
      if (c < Double.POSITIVE_INFINITY) {
        return c;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * The first time in (t0, t1] at which service a's value of {@code kind} ({@link
   * CapacityState#valueOf}) crosses {@code level}, given that it was {@code above} it (at or above)
   * from the last instant to t0; +∞ if it does not. Within the piece a served fraction or a product
   * of own fractions is log-concave, an active capacity linear.
   */
  private double level(int a, int kind, double level, boolean above, double t0, double t1) {
    // A split point found by division may round to a double next to where the curve turns, and
    // a steep stretch of curve (points closer than time resolves there) may cross the level
    // between two doubles: the piece's first and last doubles are looked at on their own, and
    // the search works on the doubles between, where the value has no kink.
    double s = Math.nextUp(t0);
    if (meets(a, kind, level, s) != above) {
      return s;
    }
    if (!(s < t1)) {
      return Double.POSITIVE_INFINITY;
    }
    double r = Math.nextDown(t1);
    double c = r > s ? inner(a, kind, level, above, s, r) : Double.POSITIVE_INFINITY;
    if (c < Double.POSITIVE_INFINITY) {
      return c;
    }
    return meets(a, kind, level, t1) != above ? t1 : Double.POSITIVE_INFINITY;
  }

  /**
   * The first time in (t0, t1] at which the value crosses, on doubles of a piece with no kink
   * between them: see {@link #level}.
   */
  private double inner(int a, int kind, double level, boolean above, double t0, double t1) {
    double end = state.valueOf(a, kind, t1);
    boolean endAbove = CapacityState.meets(end, level);
    if (above) {
      // The set at or above the level is an interval holding t0: it ends before t1 or not at all.
      return endAbove ? Double.POSITIVE_INFINITY : first(a, kind, level, false, t0, t1, end);
    }
    if (endAbove) {
      return first(a, kind, level, true, t0, t1, end);
    }
    // Below at both ends: a crossing only up a bump whose top reaches the level, and a bump only
    // where one own fraction rises as another falls (else the product is monotone in the piece;
    // a linear active capacity has none) and the product of each one's larger end value reaches
    // the level (a bound on the top).
    if (kind == CapacityState.ACTIVE || !mayReach(a, level, t0, t1)) {
      return Double.POSITIVE_INFINITY;
    }
    double top = peak(a, t0, t1);
    double atTop = state.valueOf(a, kind, top);
    return CapacityState.meets(atTop, level)
        ? first(a, kind, level, true, t0, top, atTop)
        : Double.POSITIVE_INFINITY;
  }

  /**
   * Whether service a's value of {@code kind} at t meets {@code level} ({@link
   * CapacityState#meets}).
   */
  private boolean meets(int a, int kind, double level, double t) {
    return CapacityState.meets(state.valueOf(a, kind, t), level);
  }

  /**
   * The first time in (lo, hi] at which (value meets level) == {@code reach} ({@link
   * CapacityState#firstReaching}; {@code atHi} the value at hi), in absolute time, so that the
   * answer does not depend on where the search began.
   */
  private double first(
      int a, int kind, double level, boolean reach, double lo, double hi, double atHi) {
    return state.firstReaching(a, kind, level, reach, 0, lo, hi, atHi);
  }

  /**
   * The time in [t0, t1] where service a's product of own fractions is highest, by golden-section
   * search (it is log-concave there: one top, or a flat one).
   */
  private double peak(int a, double t0, double t1) {
    double lo = t0;
    double hi = t1;
    double x1 = hi - GOLDEN * (hi - lo);
    double x2 = lo + GOLDEN * (hi - lo);
    double f1 = state.productOf(a, x1);
    double f2 = state.productOf(a, x2);
    for (int k = 0; k < PEAK_STEPS && x1 < x2; k++) {
      if (f1 < f2) {
        lo = x1;
        x1 = x2;
        f1 = f2;
        x2 = lo + GOLDEN * (hi - lo);
        f2 = state.productOf(a, x2);
      } else {
        hi = x2;
        x2 = x1;
        f2 = f1;
        x1 = hi - GOLDEN * (hi - lo);
        f1 = state.productOf(a, x1);
      }
    }
    return f1 >= f2 ? x1 : x2;
  }

  /**
   * Whether, over a piece [ta, tb] in which each is linear, one own fraction of service a or of its
   * requires closure rises while another falls, and the product of each one's larger value at the
   * two ends (a bound on the product's top) reaches {@code level}: else the product cannot rise
   * above its end values, or not to the level.
   */
  private boolean mayReach(int a, double level, double ta, double tb) {
    boolean up = false;
    boolean down = false;
    double bound = 1;
    for (int i = -1; i < p.requiresClosure[a].length; i++) {
      int b = i < 0 ? a : p.requiresClosure[a][i];
      double f0 = state.ownFractionAt(b, ta);
      double f1 = state.ownFractionAt(b, tb);
      up |= f1 > f0;
      down |= f1 < f0;
      bound *= Math.max(f0, f1);
    }
    return up && down && CapacityState.meets(bound, level);
  }
}
