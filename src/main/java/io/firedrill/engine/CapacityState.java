package io.firedrill.engine;

import io.firedrill.plan.Plan;
import io.firedrill.stats.FailoverPath;
import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The state of the sweep between two events: each site's capacity factor, each service's active and
 * standby capacity and failover state, and the served fractions they give.
 *
 * <p>From one event to the next every site's capacity factor is constant or linear (blocked: 0; on
 * a ramp: linear; else 1), written as a value at the segment start and a slope. So is each
 * service's active and standby capacity, a sum over its placements; its own fraction {@code min(1,
 * capacity / demand)} is linear with at most one kink, and its served fraction, a product over its
 * requires closure, a polynomial ({@link #servedNow}), non-decreasing unless a curve falls ({@link
 * Falls} then makes every crossing that matters an instant).
 *
 * <p>Restoration order (docs/simulation.md): where services of more than one restore priority share
 * a unit, a placement's factor is its class's part of the unit's factor ({@link #inOrder}), per
 * zone on a site with zones; {@link #orderKinks} gives the kinks this puts inside a ramp. A service
 * with its own restore curve has, at each part, the curve's value at the part's factor ({@link
 * #onCurve}), with a kink where the factor passes a point of the curve.
 *
 * <p>Failover: a service with a standby whose active capacity falls short starts a failover ({@link
 * #startFailovers}): it is {@link #PENDING} until the standby joins after the automatic delay (or
 * the manual one, when the automatic failover fails or a service it needs is down), then {@link
 * #JOINED}, and back to {@link #NORMAL} once its active capacity covers its demand again. Failover
 * decisions draw from the decision stream, never from a hazard's: the n-th failover of service A in
 * a trial starts it over at the substream (trial, {@code failover@A}, n) ({@link StreamKeys}), so a
 * change that adds or removes one service's failovers leaves every other service's draws as they
 * were.
 */
final class CapacityState {
  static final int NORMAL = 0;
  static final int PENDING = 1;
  static final int JOINED = 2;

  private final Plan p;
  private final IntervalBuffer[] ramps;
  private final StreamKeys keys;
  private final TrialStream decisions = DrawCounts.stream();
  private final ContinuousSampler[] decisionSampler;

  /** By distribution id: takes the numbers of one sample from the decision stream, nothing more. */
  private final ContinuousSampler[] decisionSkip;

  // Sites.
  private final boolean[] siteBlocked;
  private final boolean[] siteRamping;

  /** The ramp a ramping site is on: an index into its ramps timeline. */
  private final int[] rampOf;

  /** Capacity factor of each site at the segment start, and its slope per hour. */
  final double[] capValue;

  final double[] capSlope;

  // Services, in dependency order.

  /** Active capacity at the segment start, and its slope per hour. */
  final double[] act0;

  final double[] actSlope;

  /** Whether some site's capacity factor has a slope in the segment (a ramp). */
  private boolean ramping;

  /** {@link #NORMAL}, {@link #PENDING} or {@link #JOINED}. */
  final int[] foState;

  /** When a pending standby joins, hours. */
  final double[] joinAt;

  /** Served fractions at the current instant (after its failovers started). */
  final double[] served;

  /** Served fractions at the end of the segment before: a fall below them is a drop. */
  final double[] servedEnd;

  /** Scratch: own fractions, before requirements multiply them in. */
  private final double[] own;

  /**
   * By service: the product of the own fractions at the current instant, before a recovery lag's
   * cap ({@link RecoveryLags}); with no lag in the model, the served fraction.
   */
  private final double[] product;

  /**
   * By service: the cap on its served fraction from recovery lags (its own and those of its
   * requires closure), constant within a segment; 1 with none.
   */
  final double[] cap;

  /** The model's recovery lags, or null if it has none (served fractions are then never capped). */
  private RecoveryLags lags;

  /**
   * Placements flattened, service by service in dependency order: the active placements of service
   * a are {@code [actFrom[a], actFrom[a + 1])} of {@code actSite} and {@code actCap}, in the order
   * of {@link Plan#deploySite}; the standby ones likewise. Every capacity sum runs over these
   * ({@link #sum}, {@link #capacityAt}), in placement order, so that the same sum gives the same
   * bits wherever it is taken.
   */
  private final int[] actFrom;

  private final int[] actSite;
  private final double[] actCap;
  private final int[] stbFrom;
  private final int[] stbSite;
  private final double[] stbCap;

  /**
   * Restoration order ({@link Plan#deployClassLow}), flattened as the placements: per placement and
   * part (its unit, or a site's zones), the class [low, low + width) of the part's capacity, NaN
   * width where the part's unit has one class; null for a placement in no order.
   */
  private final double[][] actLow;

  private final double[][] actWidth;
  private final double[][] stbLow;
  private final double[][] stbWidth;

  /**
   * How close, as a fraction of a unit's capacity, a unit's factor must be to a class's start or
   * end to count as at it ({@link #inOrder}): far below any class a model can give (a class of one
   * server in a site of 10^12 is 10^-12), far above the rounding of a quotient (10^-16).
   */
  static final double CLASS_EDGE = 1e-13;

  /**
   * How far below a level, as a fraction of it, a value may be and still meet it ({@link #meets}):
   * a slo, a demand, a recovery lag's cap, a whole served fraction (1). A capacity that equals a
   * level in exact arithmetic may round a few units of the last place below it (a share of 0.467
   * leaves 1000 × (1 − 0.467) = 532.9999999999999 of a demand of 533; a restore that meets a
   * damage's limit of 0.4 reaches 0.39999999999999997): far above that rounding (10^-16 relative),
   * far below any difference a model can mean (one server in 10^12).
   */
  static final double LEVEL_TOLERANCE = 1e-12;

  /** Whether value v meets {@code level} (v ≥ level ≥ 0, up to {@link #LEVEL_TOLERANCE}). */
  static boolean meets(double v, double level) {
    return v >= level - LEVEL_TOLERANCE * level;
  }

  /**
   * Whether some unit restores in an order or some service has its own restore curve (else every
   * placement takes its unit's factor).
   */
  private final boolean ordered;

  /** By service: its own restore curve's site fractions, or null ({@link Plan#restoreCurveAt}). */
  private final double[][] curveAt;

  /** By service: its own restore curve's service fractions ({@link Plan#restoreCurveValue}). */
  private final double[][] curveValue;

  /**
   * By service: whether a placement of it or of its requires closure is in a restoration order or
   * on its own restore curve, so that its capacity may have kinks within a ramp ({@link
   * #orderKinks}).
   */
  final boolean[] orderedFootprint;

  /** By site: whether it has zones (its capacity factor is theirs, by share). */
  private final boolean[] zoned;

  /** Scratch: each unit's capacity factor at one time. */
  private final double[] siteAt;

  /**
   * Failovers started, by service and path ({@link FailoverPath}), accumulated until cleared:
   * {@code [service * FailoverPath.COUNT + path]}.
   */
  final long[] failovers;

  /** The services whose standby is pending, by {@link #joinAt}. */
  private final JoinQueue joins;

  /**
   * Whether an instant may recompute only the services it can change ({@link #serveSome}); true
   * unless a test turns it off. Measured against recomputing every service (docs/performance.md):
   * 1.01 × the speed with 3 services, 1.03 × with 8, 1.25 × with 16, 1.85 × with 50, 4.4 × with
   * 200.
   */
  boolean incremental;

  /** The units whose capacity factor moves in the current segment (on a ramp, not blocked). */
  private final int[] movingUnits;

  private int movingCount;

  /** The current trial's number, which keys the decision substreams. */
  private long trial;

  /** Failovers started by each service so far in the trial: the draw number of the next. */
  private final int[] failoversInTrial;

  /** State for {@code plan}; failover decisions draw from substreams keyed by {@code keys}. */
  CapacityState(Plan plan, IntervalBuffer[] ramps, StreamKeys keys) {
    this.p = plan;
    this.product = new double[plan.services];
    this.cap = new double[plan.services];
    Arrays.fill(cap, 1);
    this.ramps = ramps;
    this.keys = keys;
    int nd = plan.distributions.size();
    decisionSampler = new ContinuousSampler[nd];
    decisionSkip = new ContinuousSampler[nd];
    for (int i = 0; i < nd; i++) {
      // Each sampler itself unless the run counts its draws (DrawCounts, benchmarks/floor).
      decisionSampler[i] = DrawCounts.sampler(plan, i, decisions, DrawCounts.ORDINARY);
      decisionSkip[i] = DrawCounts.sampler(plan, i, decisions, DrawCounts.SKIP);
    }
    siteBlocked = new boolean[plan.units];
    siteRamping = new boolean[plan.units];
    rampOf = new int[plan.units];
    capValue = new double[plan.units];
    capSlope = new double[plan.units];
    zoned = new boolean[plan.sites];
    for (int s : plan.zonedSites) {
      zoned[s] = true;
    }
    int ns = plan.services;
    act0 = new double[ns];
    actSlope = new double[ns];
    foState = new int[ns];
    joinAt = new double[ns];
    served = new double[ns];
    servedEnd = new double[ns];
    own = new double[ns];
    siteAt = new double[plan.units];
    actFrom = from(plan.deploySite);
    actSite = flatten(plan.deploySite);
    actCap = flatten(plan.deployCapacity);
    stbFrom = from(plan.standbySite);
    stbSite = flatten(plan.standbySite);
    stbCap = flatten(plan.standbyCapacity);
    actLow = flatten(plan.deployClassLow);
    actWidth = flatten(plan.deployClassWidth);
    stbLow = flatten(plan.standbyClassLow);
    stbWidth = flatten(plan.standbyClassWidth);
    curveAt = plan.restoreCurveAt;
    curveValue = plan.restoreCurveValue;
    ordered = plan.restoreOrder || plan.anyRestoreCurve;
    orderedFootprint = new boolean[ns];
    for (int a = 0; a < ns; a++) {
      boolean o = hasOrder(a);
      for (int b : plan.requiresClosure[a]) {
        o |= hasOrder(b);
      }
      // Where a curve falls, every service takes the general path: kinks and demand crossings
      // found from capacities at times, in either direction.
      orderedFootprint[a] = o || plan.anyFall;
    }
    failovers = new long[ns * FailoverPath.COUNT];
    failoversInTrial = new int[ns];
    joins = new JoinQueue(joinAt);
    incremental = true;
    movingUnits = new int[plan.units];
  }

  /**
   * Whether a placement of service a, active or standby, is in a restoration order or on its own
   * restore curve.
   */
  private boolean hasOrder(int a) {
    boolean o = curveAt[a] != null && actFrom[a + 1] + stbFrom[a + 1] > actFrom[a] + stbFrom[a];
    for (int k = actFrom[a]; k < actFrom[a + 1]; k++) {
      o |= actWidth[k] != null;
    }
    for (int k = stbFrom[a]; k < stbFrom[a + 1]; k++) {
      o |= stbWidth[k] != null;
    }
    return o;
  }

  /**
   * A placement's capacity factor from its unit's factor c, in a restoration order: its class holds
   * [low, low + width) of the unit's capacity, so it gets {@code clamp((c − low) / width, 0, 1)}:
   * nothing until the classes before it are back, all of it once its class is; exactly 1 with the
   * unit whole and 0 with it down. Without an order (NaN width) it is c.
   */
  static double inOrder(double c, double low, double width) {
    if (!(width > 0)) {
      return c;
    }
    // A factor within CLASS_EDGE of a class's start or end is at it: the unit's factor and the
    // class's bounds are quotients of capacities, and 1 − 0.8 falls 4e-17 short of 2000 / 10000.
    if (c >= 1 || c >= low + width - CLASS_EDGE) {
      return 1;
    }
    if (c <= low + CLASS_EDGE) {
      return 0;
    }
    double f = (c - low) / width;
    return f >= 1 ? 1 : f;
  }

  /**
   * A service's own restore curve at a unit's factor c: the curve through the points (at[i],
   * value[i]), linear between them, from (0, 0) to (1, 1) (docs/simulation.md, "A service's own
   * restoration"); exactly 0 with the unit down, 1 with it whole, and a point's value at its site
   * fraction.
   */
  static double onCurve(double c, double[] at, double[] value) {
    if (c >= 1) {
      return 1;
    }
    if (c <= 0) {
      return 0;
    }
    int i = pointAtOrPast(c, at);
    double rise = value[i] - value[i - 1];
    return c == at[i] || rise == 0
        ? value[c == at[i] ? i : i - 1]
        : value[i - 1] + rise * ((c - at[i - 1]) / (at[i] - at[i - 1]));
  }

  /**
   * The index i of a curve's first point at or past c, by bisection: at[i − 1] < c ≤ at[i], for c
   * in (0, 1) (the curve's site fractions increase from 0 to 1).
   */
  private static int pointAtOrPast(double c, double[] at) {
    int lo = 0;
    int hi = at.length - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (at[mid] < c) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /** Where each row of {@code rows} begins in their concatenation, and where the last ends. */
  private static int[] from(int[][] rows) {
    int[] from = new int[rows.length + 1];
    for (int i = 0; i < rows.length; i++) {
      from[i + 1] = from[i] + rows[i].length;
    }
    return from;
  }

  private static int[] flatten(int[][] rows) {
    return Arrays.stream(rows).flatMapToInt(Arrays::stream).toArray();
  }

  private static double[] flatten(double[][] rows) {
    return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[][] flatten(double[][][] rows) {
    return Arrays.stream(rows).flatMap(Arrays::stream).toArray(double[][]::new);
  }

  /**
   * Every site up, every service fully served and without failover: the state at t = 0 of trial
   * number {@code trial}.
   */
  void startSweep(long trial) {
    this.trial = trial;
    if (lags != null) {
      lags.startSweep(cap);
    }
    // One pass per kind of index, not one Arrays.fill per array: the arrays are short, and a fill's
    // call costs more than its stores.
    for (int a = 0; a < p.services; a++) {
      failoversInTrial[a] = 0;
      foState[a] = NORMAL;
      servedEnd[a] = 1.0;
    }
    for (int s = 0; s < p.units; s++) {
      siteBlocked[s] = false;
      siteRamping[s] = false;
    }
    joins.clear();
  }

  /** Site s becomes blocked. */
  void block(int s) {
    siteBlocked[s] = true;
  }

  /** Site s is no longer blocked. */
  void unblock(int s) {
    siteBlocked[s] = false;
  }

  /** Site s starts ramp k of its ramps timeline. */
  void startRamp(int s, int k) {
    siteRamping[s] = true;
    rampOf[s] = k;
  }

  /** Site s's ramp ends. */
  void endRamp(int s) {
    siteRamping[s] = false;
  }

  /**
   * Capacity factor of each site as value + slope * (t' - t) from t on, and each service's active
   * and standby capacity from them.
   */
  void capacities(double t) {
    // Two methods, each small enough for the JIT to inline into the sweep's loop (one of 397
    // bytecodes was not, at FreqInlineSize 325).
    siteCapacities(t);
    serviceCapacities();
  }

  void siteCapacities(double t) {
    boolean anyRamp = false;
    int moving = 0;
    // The units with timelines; a site with zones takes its zones' factors below.
    for (int s : p.unitOrder) {
      boolean moves = siteRamping[s] && !siteBlocked[s];
      double slope = moves ? rampSlope(s) : 0;
      capSlope[s] = slope;
      capValue[s] = siteCapacityAt(s, t);
      anyRamp |= slope != 0;
      if (moves) {
        movingUnits[moving++] = s;
      }
    }
    movingCount = moving;
    ramping = anyRamp;
    for (int s : p.zonedSites) {
      // Its zones' factors by share, as zonesAt computes them (their values were set above).
      capValue[s] = byShare(s, capValue);
      capSlope[s] = byShare(s, capSlope);
    }
  }

  /**
   * Unit s's capacity factor at absolute time t in the current segment (after {@link #capacities}
   * at its start): 0 blocked, its ramp's value at t (from the ramp's own start, never from a
   * segment's, so that the value at t does not depend on where other sites' events cut the sweep),
   * else 1; a site with zones, theirs by share ({@link #zonesAt}).
   */
  double siteCapacityAt(int s, double t) {
    if (siteBlocked[s]) {
      return 0;
    }
    if (!siteRamping[s]) {
      return s < zoned.length && zoned[s] ? zonesAt(s, t) : 1;
    }
    IntervalBuffer r = ramps[s];
    int k = rampOf[s];
    double v = r.from[k] + capSlope[s] * (t - r.start[k]);
    // Never past the ramp's end value. Where a curve falls (Plan.anyFall) a piece falls linearly,
    // to its end value; elsewhere a piece falls only by rounding (where two ramps cross, {@link
    // SiteTimelines#lower}), a few ulps, and it is taken at its end value throughout.
    return capSlope[s] >= 0 || !p.anyFall ? Math.min(r.to[k], v) : Math.max(r.to[k], v);
  }

  /**
   * The capacity factor of site s, which has zones, at t: Σ share × the zone's factor / Σ share, in
   * zone order: exactly 1 with every zone up (the same sum over and under), exactly 0 with every
   * zone dark, and a zone's own factor when it is the only one.
   */
  private double zonesAt(int s, double t) {
    double value = 0;
    for (int z : p.siteZones[s]) {
      value += p.unitShare[z] * siteCapacityAt(z, t);
    }
    return value / p.siteShareSum[s];
  }

  /** Σ share × perUnit[zone] / Σ share over the zones of site s, in zone order. */
  private double byShare(int s, double[] perUnit) {
    double value = 0;
    for (int z : p.siteZones[s]) {
      value += p.unitShare[z] * perUnit[z];
    }
    return value / p.siteShareSum[s];
  }

  private double rampSlope(int s) {
    IntervalBuffer r = ramps[s];
    int k = rampOf[s];
    return (r.to[k] - r.from[k]) / (r.end[k] - r.start[k]);
  }

  /**
   * Each service's active capacity and its slope. The slopes are all 0 without a ramp (every term
   * is 0); the standby capacity is summed where it is used, for a joined standby only ({@link
   * #standbyNow}, {@link #standbySlope}).
   */
  private void serviceCapacities() {
    for (int a = 0; a < p.services; a++) {
      act0[a] = capacity(actFrom, actSite, actCap, actLow, actWidth, a, capValue, Double.NaN);
    }
    for (int a = 0; a < p.services; a++) {
      actSlope[a] = ramping ? sum(actFrom, actSite, actCap, a, capSlope) : 0;
    }
  }

  /**
   * The units whose capacity factor moves in the current segment (after {@link #siteCapacities}):
   * {@code movingUnit(0 .. movingCount())}, in unit order.
   */
  int movingCount() {
    return movingCount;
  }

  /** Moving unit i, 0 ≤ i < {@link #movingCount}. */
  int movingUnit(int i) {
    return movingUnits[i];
  }

  /**
   * At instant t, after {@link #siteCapacities}: what {@link #serviceCapacities} and {@link
   * #settleAndServe} do, for the services of {@code services} only (a set of service numbers, in
   * 64-bit words, {@link Cuts#recompute}): those cut at t and those with a moving unit in their
   * footprint. Every other service's capacities, failover and served fraction are exactly what the
   * instant would compute again, since nothing they are computed from changed: the same bits. In
   * dependency order, one service at a time: its capacities, its failover settled if it is cut,
   * then its served fraction (the own fractions of its requires closure are already current).
   */
  void serveSome(double t, boolean[] cut, long[] services) {
    for (int w = 0; w < services.length; w++) {
      long bits = services[w];
      while (bits != 0) {
        int a = (w << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        act0[a] = capacity(actFrom, actSite, actCap, actLow, actWidth, a, capValue, Double.NaN);
        actSlope[a] = ramping ? sum(actFrom, actSite, actCap, a, capSlope) : 0;
        if (cut[a]) {
          settle(a, t);
        }
        served[a] = closureProduct(a, ownNow(a));
      }
    }
    if (lags != null) {
      lags.apply(t, product, served, cap);
    }
  }

  /**
   * Service a's failover at instant t, where a is cut: it ends where active capacity covers demand
   * again, and a pending standby due by t joins.
   */
  private void settle(int a, double t) {
    if (foState[a] != NORMAL && meets(act0[a], p.demand[a])) {
      foState[a] = NORMAL;
      joins.remove(a);
    } else if (foState[a] == PENDING && joinAt[a] <= t) {
      foState[a] = JOINED;
      joins.remove(a);
    }
  }

  /**
   * Σ cap[k] × perSite[site[k]] over service a's placements {@code [from[a], from[a + 1])}, in
   * placement order: with {@code perSite} the sites' capacity factors, a capacity; with their
   * slopes, its slope.
   */
  private static double sum(int[] from, int[] site, double[] cap, int a, double[] perSite) {
    double v = 0;
    for (int k = from[a], end = from[a + 1]; k < end; k++) {
      v += cap[k] * perSite[site[k]];
    }
    return v;
  }

  /**
   * Service a's capacity over placements {@code [from[a], from[a + 1])} from the units' factors:
   * {@code perUnit}'s, or each unit's at t ({@link #siteCapacityAt}) where it is null; each
   * placement's factor taken in its restoration order ({@link #orderedFactor}). The plain {@link
   * #sum} where no unit has an order.
   */
  private double capacity(
      int[] from,
      int[] site,
      double[] cap,
      double[][] low,
      double[][] width,
      int a,
      double[] perUnit,
      double t) {
    if (!ordered && perUnit != null) {
      return sum(from, site, cap, a, perUnit);
    }
    double v = 0;
    for (int k = from[a], end = from[a + 1]; k < end; k++) {
      int s = site[k];
      double f =
          curveAt[a] != null
              ? curveFactor(s, curveAt[a], curveValue[a], perUnit, t)
              : low[k] == null
                  ? unitFactor(s, perUnit, t)
                  : orderedFactor(s, low[k], width[k], perUnit, t);
      v += cap[k] * f;
    }
    return v;
  }

  /** Unit u's factor: {@code perUnit[u]}, or at t where perUnit is null. */
  private double unitFactor(int u, double[] perUnit, double t) {
    return perUnit == null ? siteCapacityAt(u, t) : perUnit[u];
  }

  /**
   * A placement's factor at unit s in its restoration order: each part of s ({@link
   * Plan#unitParts}: its zones, or itself) in that part's order ({@link #inOrder}), by share.
   */
  private double orderedFactor(int s, double[] low, double[] width, double[] perUnit, double t) {
    int[] parts = p.unitParts[s];
    boolean zones = parts[0] != s;
    double f = 0;
    for (int j = 0; j < parts.length; j++) {
      double c = inOrder(unitFactor(parts[j], perUnit, t), low[j], width[j]);
      f += (zones ? p.unitShare[parts[j]] : 1) * c;
    }
    return zones ? f / p.siteShareSum[s] : f;
  }

  /**
   * A placement's factor at unit s on its service's own restore curve: each part of s ({@link
   * Plan#unitParts}: its zones, or itself) on the curve ({@link #onCurve}), by share.
   */
  private double curveFactor(int s, double[] at, double[] value, double[] perUnit, double t) {
    int[] parts = p.unitParts[s];
    if (parts[0] == s) {
      return onCurve(unitFactor(s, perUnit, t), at, value);
    }
    double f = 0;
    for (int z : parts) {
      f += p.unitShare[z] * onCurve(unitFactor(z, perUnit, t), at, value);
    }
    return f / p.siteShareSum[s];
  }

  /**
   * The earliest time from t, within the current segment's ramps, at which service a's joined
   * standby brings capacity: t if it does at t, else where a rising unit's factor passes the start
   * of the standby's class there (0 without an order), or, on its service's own restore curve,
   * where a unit's factor leaves a stretch of the curve at 0; +∞ if it has not joined or none does.
   */
  double standbyServesFrom(int a, double t) {
    if (foState[a] != JOINED) {
      return Double.POSITIVE_INFINITY;
    }
    if (standbyNow(a) > 0) {
      return t;
    }
    double first = Double.POSITIVE_INFINITY;
    for (int k = stbFrom[a], end = stbFrom[a + 1]; k < end; k++) {
      if (!(stbCap[k] > 0)) {
        continue;
      }
      int[] parts = p.unitParts[stbSite[k]];
      for (int j = 0; j < parts.length; j++) {
        double from =
            curveAt[a] != null
                ? curveServesFrom(parts[j], curveAt[a], curveValue[a], t)
                : servesFrom(parts[j], classStart(stbLow[k], stbWidth[k], j), t);
        first = Math.min(first, from);
      }
    }
    return first;
  }

  /** Where part j's class begins in its unit's capacity: its low, or 0 without an order. */
  private static double classStart(double[] low, double[] width, int j) {
    return low == null || !(width[j] > 0) ? 0 : low[j] + CLASS_EDGE;
  }

  /**
   * When a restore curve (points at, value) at unit u's factor, linear from its value at t, is
   * first above 0: t if it is at t; else the factor is in a stretch where the curve is 0, between
   * two of its points, and it is where the factor leaves that stretch in the direction it moves
   * (the curve is 0 there and above 0 just past it, as at a class's start); +∞ if the factor does
   * not move, or leaves through 0.
   */
  private double curveServesFrom(int u, double[] at, double[] value, double t) {
    double c = capValue[u];
    double slope = capSlope[u];
    if (onCurve(c, at, value) > 0) {
      return t;
    }
    if (slope == 0) {
      return Double.POSITIVE_INFINITY;
    }
    // The curve is 0 at c (in [0, 1)), so at every point of the stretch around it.
    int i = c == 0 ? 0 : pointAtOrPast(c, at);
    if (slope > 0) {
      int j = i;
      while (value[j + 1] == 0) {
        j++; // the curve ends at 1: the stretch ends before its last point
      }
      return t + (at[j] - c) / slope;
    }
    int k = c == at[i] ? i : i - 1;
    while (k > 0 && value[k - 1] == 0) {
      k--;
    }
    return k == 0 ? Double.POSITIVE_INFINITY : t + (at[k] - c) / slope;
  }

  /** When unit u's factor, rising from its value at t, passes {@code start}: +∞ if it does not. */
  private double servesFrom(int u, double start, double t) {
    if (capValue[u] > start) {
      return t;
    }
    double slope = capSlope[u];
    return slope > 0 ? t + (start - capValue[u]) / slope : Double.POSITIVE_INFINITY;
  }

  /** Service a's standby capacity at the segment start. */
  private double standbyNow(int a) {
    return capacity(stbFrom, stbSite, stbCap, stbLow, stbWidth, a, capValue, Double.NaN);
  }

  /** The slope of service a's standby capacity in the segment. */
  private double standbySlope(int a) {
    return ramping ? sum(stbFrom, stbSite, stbCap, a, capSlope) : 0;
  }

  /**
   * At instant t, after {@link #capacities}: for each service with {@code cut[a]} set (the services
   * whose served fraction may change at t, {@link Cuts}) a failover ends where active capacity
   * covers demand again, and a pending standby due by t joins; then every service's served fraction
   * into {@link #served} ({@link #servedNow}). One pass in dependency order: a service's failover
   * is settled before its fraction is computed, and it depends on no other service's.
   */
  void settleAndServe(double t, boolean[] cut) {
    for (int a = 0; a < p.services; a++) {
      if (cut[a]) {
        settle(a, t);
      }
      served[a] = closureProduct(a, ownNow(a));
    }
    if (lags != null) {
      lags.apply(t, product, served, cap);
    }
  }

  /** Sets the model's recovery lags ({@link RecoveryLags}), which cap served fractions. */
  void setLags(RecoveryLags lags) {
    this.lags = lags;
  }

  /** Whether some site's capacity changes within the segment (a ramp). */
  boolean ramping() {
    return ramping;
  }

  /** Whether a unit of service a's footprint changes capacity within the segment (a ramp). */
  boolean footprintRamps(int a) {
    for (int u : p.footprint[a]) {
      if (capSlope[u] != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The cause of the ramp a unit of service a's footprint is on in the segment (the loss it is the
   * restoration of), a scenario's forced one first, else the first in footprint order; -1 if none
   * ramps. The cause keeps its {@link ScenarioForcing#FORCED} mark. With {@code flat}, a unit on a
   * flat piece of its ramps counts too (a curve that dropped to a plateau at an instant).
   */
  int rampCause(int a, boolean flat) {
    int first = -1;
    for (int u : p.footprint[a]) {
      if (capSlope[u] != 0 || (flat && siteRamping[u])) {
        int c = ramps[u].cause[rampOf[u]];
        if ((c & ScenarioForcing.FORCED) != 0) {
          return c;
        }
        if (first < 0) {
          first = c;
        }
      }
    }
    return first;
  }

  /**
   * Capacity serving service a at absolute time t in the current segment, from the sites'
   * capacities at t ({@link #siteCapacityAt}): active, plus a joined standby. The same sums as
   * {@link #capacities}, so at an instant it equals what {@link #servedNow} uses to the last bit.
   */
  double ownCapacityAt(int a, double t) {
    double v = activeAt(a, t);
    return foState[a] == JOINED
        ? v + capacity(stbFrom, stbSite, stbCap, stbLow, stbWidth, a, null, t)
        : v;
  }

  /** Active capacity of service a at absolute time t in the current segment. */
  double activeAt(int a, double t) {
    return capacity(actFrom, actSite, actCap, actLow, actWidth, a, null, t);
  }

  /**
   * Adds to {@code out} from index n the offsets from t0 within (0, t1 − t0) where a placement of
   * service b in a restoration order reaches the start or the end of its class (a kink of b's
   * capacity): the unit's factor is linear over a window ({@link Integration}), so each is where
   * the line through its values at t0 and t1 meets low or low + width. A standby counts when it has
   * joined. Returns the new count; {@code out} must have room for two per placement.
   */
  int orderKinks(int b, double t0, double t1, double[] out, int n) {
    if (curveAt[b] != null) {
      n = curveKinks(actFrom, actSite, b, t0, t1, out, n);
      return foState[b] == JOINED ? curveKinks(stbFrom, stbSite, b, t0, t1, out, n) : n;
    }
    n = orderKinks(actFrom, actSite, actLow, actWidth, b, t0, t1, out, n);
    if (foState[b] == JOINED) {
      n = orderKinks(stbFrom, stbSite, stbLow, stbWidth, b, t0, t1, out, n);
    }
    return n;
  }

  /**
   * The kinks of service b's placements {@code [from[b], from[b + 1])} on its own restore curve
   * over [t0, t1): where a part's factor, linear over the window, passes an inner point of the
   * curve. See {@link #orderKinks}.
   */
  private int curveKinks(int[] from, int[] site, int b, double t0, double t1, double[] out, int n) {
    double[] at = curveAt[b];
    double len = t1 - t0;
    for (int k = from[b], end = from[b + 1]; k < end; k++) {
      for (int u : p.unitParts[site[k]]) {
        double c0 = siteCapacityAt(u, t0);
        double c1 = siteCapacityAt(u, t1);
        if (c1 != c0) {
          for (int i = 1; i + 1 < at.length; i++) {
            n = crossing(c0, c1, at[i], len, out, n);
          }
        }
      }
    }
    return n;
  }

  private int orderKinks(
      int[] from,
      int[] site,
      double[][] low,
      double[][] width,
      int b,
      double t0,
      double t1,
      double[] out,
      int n) {
    double len = t1 - t0;
    for (int k = from[b], end = from[b + 1]; k < end; k++) {
      if (low[k] == null) {
        continue;
      }
      int[] parts = p.unitParts[site[k]];
      for (int j = 0; j < parts.length; j++) {
        n = partKinks(parts[j], low[k][j], width[k][j], t0, t1, len, out, n);
      }
    }
    return n;
  }

  /** The kinks of one part (unit u, class [low, low + width)) over [t0, t1): see orderKinks. */
  private int partKinks(
      int u, double low, double width, double t0, double t1, double len, double[] out, int n) {
    if (!(width > 0)) {
      return n;
    }
    double c0 = siteCapacityAt(u, t0);
    double c1 = siteCapacityAt(u, t1);
    if (c1 == c0) {
      return n;
    }
    n = crossing(c0, c1, low, len, out, n);
    return crossing(c0, c1, low + width, len, out, n);
  }

  /**
   * Adds to {@code out} at n the offset in (0, len) where the line from c0 to c1 over [0, len]
   * meets {@code edge}, if it does strictly inside (rising or falling); returns the new count.
   */
  private static int crossing(double c0, double c1, double edge, double len, double[] out, int n) {
    if ((c0 < edge && edge < c1) || (c0 > edge && edge > c1)) {
      double u = (edge - c0) / (c1 - c0) * len;
      if (u > 0 && u < len) {
        out[n++] = u;
      }
    }
    return n;
  }

  /** The most kinks {@link #orderKinks} may add for service b. */
  int orderKinkRoom(int b) {
    int n = 0;
    if (curveAt[b] != null) {
      for (int k = actFrom[b]; k < actFrom[b + 1]; k++) {
        n += p.unitParts[actSite[k]].length;
      }
      for (int k = stbFrom[b]; k < stbFrom[b + 1]; k++) {
        n += p.unitParts[stbSite[k]].length;
      }
      return n * (curveAt[b].length - 2);
    }
    for (int k = actFrom[b]; k < actFrom[b + 1]; k++) {
      n += actLow[k] == null ? 0 : actLow[k].length;
    }
    for (int k = stbFrom[b]; k < stbFrom[b + 1]; k++) {
      n += stbLow[k] == null ? 0 : stbLow[k].length;
    }
    return 2 * n;
  }

  /**
   * Service a's served fraction at absolute time t in the current segment: its own fraction times
   * those of its requires closure, as {@link #servedNow} computes it, from the sites' capacities at
   * t. A function of t and of the state of the sites in a's footprint only.
   */
  double servedOf(int a, double t) {
    return lags != null ? Math.min(productOf(a, t), cap[a]) : productOf(a, t);
  }

  /** {@link #valueOf}: a served fraction ({@link #servedOf}). */
  static final int SERVED = 0;

  /** {@link #valueOf}: a product of own fractions ({@link #productOf}). */
  static final int PRODUCT = 1;

  /** {@link #valueOf}: an active capacity ({@link #activeAt}). */
  static final int ACTIVE = 2;

  /**
   * Service a's served fraction, product of own fractions or active capacity ({@code kind}: {@link
   * #SERVED}, {@link #PRODUCT}, {@link #ACTIVE}) at absolute time t in the current segment.
   */
  double valueOf(int a, int kind, double t) {
    return kind == SERVED ? servedOf(a, t) : kind == PRODUCT ? productOf(a, t) : activeAt(a, t);
  }

  /**
   * The first u in [u0, u1] (offsets from t0) at which whether service a's value of {@code kind}
   * ({@link #valueOf}) meets {@code level} ({@link #meets}) equals {@code reach}, to the last bit
   * of a double, given that it does not at u0 and changes once in between: bisection until the
   * bounds are adjacent; u1 if only u1 has it. A rise is found where the value reaches the level
   * itself if it does by u1 (a crossing at a slope is where it is in exact arithmetic); else, with
   * the value at u1 within the tolerance below the level, where it comes within two units of the
   * last place of that value (a plateau that rounding put just below the level begins there, and a
   * rise that rounding leaves short of the level at u1 is there up to rounding), never below the
   * tolerance: so the value meets the level at the answer ({@code end}: the value at u1, which the
   * caller has). A served fraction and a product of own fractions are non-decreasing within a
   * segment, so reaching a level is such a change (where a curve falls, {@link Falls} makes each
   * crossing of a slo or a cap an instant, so none is inside [u0, u1), and finds its own crossings
   * within pieces where each changes once).
   */
  double firstReaching(
      int a, int kind, double level, boolean reach, double t0, double u0, double u1, double end) {
    double low = level - LEVEL_TOLERANCE * level;
    double at = !reach ? low : end >= level ? level : Math.max(low, end - 2 * Math.ulp(end));
    double lo = u0;
    double hi = u1;
    while (true) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        return hi;
      }
      if ((valueOf(a, kind, t0 + mid) >= at) == reach) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
  }

  /**
   * Service a's own fraction times those of its requires closure at absolute time t in the current
   * segment: its served fraction before a recovery lag's cap ({@link #cap}).
   */
  double productOf(int a, double t) {
    double v = ownFractionAt(a, t);
    for (int b : p.requiresClosure[a]) {
      v *= ownFractionAt(b, t);
    }
    return v;
  }

  /**
   * Service b's own fraction at absolute time t in the current segment: min(1, capacity / demand).
   */
  double ownFractionAt(int b, double t) {
    return Math.min(1, ownCapacityAt(b, t) / p.demand[b]);
  }

  /**
   * Every service's served fraction at absolute time t in the current segment, into out: the same
   * values as {@link #servedOf} for each service, in one pass (each site's capacity and each own
   * fraction computed once).
   */
  void servedAtTime(double t, double[] out) {
    for (int s = 0; s < p.units; s++) {
      siteAt[s] = siteCapacityAt(s, t);
    }
    for (int a = 0; a < p.services; a++) {
      double v = capacity(actFrom, actSite, actCap, actLow, actWidth, a, siteAt, t);
      if (foState[a] == JOINED) {
        v += capacity(stbFrom, stbSite, stbCap, stbLow, stbWidth, a, siteAt, t);
      }
      out[a] = closureProduct(a, Math.min(1, v / p.demand[a]));
    }
  }

  /** How fast the capacity serving service a grows within the segment (a joined standby too). */
  double ownSlope(int a) {
    return foState[a] == JOINED ? actSlope[a] + standbySlope(a) : actSlope[a];
  }

  /**
   * Served fractions at the current instant (after {@link #capacities}), into {@code out}: each
   * service's own fraction times the own fraction of every service in its requires closure, each
   * counted once (a base shared by two paths of a diamond limits the users once, not once per
   * path).
   */
  void servedNow(double[] out) {
    // One pass, the sweep's hot path: services are in dependency order, so the closure of a is
    // computed before a.
    for (int a = 0; a < p.services; a++) {
      out[a] = closureProduct(a, ownNow(a));
    }
  }

  /** Service a's own fraction at the segment start: {@code min(1, capacity / demand)}. */
  private double ownNow(int a) {
    return Math.min(1, (foState[a] == JOINED ? act0[a] + standbyNow(a) : act0[a]) / p.demand[a]);
  }

  /**
   * Records {@code own} as service a's own fraction and returns it times the own fractions of a's
   * requires closure (recorded before a, in dependency order).
   */
  private double closureProduct(int a, double own) {
    this.own[a] = own;
    double v = own;
    for (int b : p.requiresClosure[a]) {
      v *= this.own[b];
    }
    if (lags == null) {
      return v; // no recovery lag in the model: the hot path as it was
    }
    product[a] = v;
    return Math.min(v, cap[a]);
  }

  /**
   * A failover starts at t for each service with a standby whose active capacity just fell short
   * (docs/simulation.md): automatic if it succeeds (probability {@code success}) and every service
   * it needs is at its slo, else manual, else none. Its substream holds three draws in this order:
   * success, automatic delay, manual delay. The automatic delay is drawn even when the manual one
   * is used, so that the manual delay is the same draw whichever path the failover takes (without
   * its last transform, {@link io.firedrill.dist.Distribution#skipSampler}); the manual delay, the
   * last draw, is left out when the automatic one is used. Only the services in {@code cut[0 .. n)}
   * are considered (a failover can start only where the service's capacity changed). Recomputes
   * {@link #served} if a standby joined at once.
   */
  void startFailovers(double t, int[] cut, int n) {
    boolean joinedNow = false;
    for (int i = 0; i < n; i++) {
      int a = cut[i];
      if (!p.hasFailover[a] || foState[a] != NORMAL || meets(act0[a], p.demand[a])) {
        continue;
      }
      boolean needsMet = true;
      for (int b : p.failoverNeeds[a]) {
        needsMet &= meets(served[b], p.slo[b]);
      }
      keys.reseed(decisions, trial, p.failoverSource[a], failoversInTrial[a]++);
      boolean succeeds = decisions.nextDouble() < p.failoverSuccess[a];
      boolean automatic = succeeds && needsMet;
      boolean hasManual = p.failoverManual[a] != Plan.NONE;
      double delay;
      if (automatic) {
        delay = decisionSampler[p.failoverTime[a]].sample();
      } else {
        decisionSkip[p.failoverTime[a]].sample();
        delay =
            hasManual ? decisionSampler[p.failoverManual[a]].sample() : Double.POSITIVE_INFINITY;
      }
      int path =
          automatic
              ? FailoverPath.AUTOMATIC
              : !hasManual
                  ? FailoverPath.NONE
                  : !needsMet
                      ? FailoverPath.MANUAL_NEEDS_DOWN
                      : FailoverPath.MANUAL_AUTOMATIC_FAILED;
      failovers[a * FailoverPath.COUNT + path]++;
      // The manual path is work for the staff on hand (the model's staffing); automation is not.
      double at = automatic ? t + delay : p.workDone(t, delay);
      if (delay <= 0) {
        joinAt[a] = at;
        foState[a] = JOINED;
        joinedNow = true;
      } else {
        pend(a, at);
      }
    }
    if (joinedNow) {
      servedNow(served);
      if (lags != null) {
        lags.apply(t, product, served, cap);
      }
    }
  }

  /** Service a's failover is pending; its standby joins at {@code at} hours. */
  void pend(int a, double at) {
    foState[a] = PENDING;
    joinAt[a] = at;
    joins.set(a);
  }

  /** The end of the segment from t: {@code tNext}, or the first pending join before it. */
  double nextJoin(double t, double tNext) {
    // The first pending join f, if before tNext, ends the segment at max(f, t): what a pass over
    // every pending service, each cutting tNext to max(its join, t), leaves.
    if (joins.size() == 0) {
      return tNext;
    }
    double first = joinAt[joins.first()];
    return first < tNext ? Math.max(first, t) : tNext;
  }

  /**
   * The services whose pending standby joins by t, in ascending number, into {@code out} (room for
   * every service); returns how many.
   */
  int dueJoins(double t, int[] out) {
    return joins.size() == 0 || !(joinAt[joins.first()] <= t) ? 0 : joins.due(t, out);
  }

  /**
   * At the end t of a window of service a over which a site ramped (before the events of t): a
   * failover whose active capacity came back within the ramp has ended. A function of a's own
   * sites, so its time does not depend on other sites' events.
   */
  void endRecoveredFailover(int a, double t) {
    if (foState[a] != NORMAL && meets(activeAt(a, t), p.demand[a])) {
      foState[a] = NORMAL;
      joins.remove(a);
    }
  }
}
