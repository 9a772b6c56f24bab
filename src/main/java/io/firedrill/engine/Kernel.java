package io.firedrill.engine;

import io.firedrill.plan.Plan;
import io.firedrill.stats.FailoverPath;
import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * One trial as docs/simulation.md defines it, exactly: no time grid, no approximation but floating
 * point.
 *
 * <h2>Design</h2>
 *
 * <p>A trial runs in two phases.
 *
 * <p><b>Hazards to site timelines.</b> Every grid, network, fire and fault is an alternating
 * renewal process, sampled up to the horizon. Grid outages become power losses per site through the
 * UPS and the generator (fail-to-start, then an exponential running time); power losses and
 * internal faults are merged, and each merged loss is followed by a sampled restart, which a new
 * loss during the restart aborts. A site is unreachable while all its networks are down, and for
 * {@code min(reconverge, outage)} when one of them fails while another is up. Fires are dark
 * intervals followed by a linear ramp. The union of everything that zeroes a site is its list of
 * <i>blocked</i> intervals, each tagged with the cause that began it; ramps are kept apart.
 *
 * <p><b>Sweep.</b> The blocked and ramp boundaries of all sites form one sorted list of events.
 * Between two events every site's capacity factor is constant or linear (a ramp), so every
 * service's active and standby capacity is linear, its own fraction {@code min(1, ·)} is linear
 * with at most one kink, and its served fraction, a product over its requirements, is a
 * non-decreasing polynomial. The sweep moves from event to event: at each it applies the site
 * changes, applies due failover joins, computes served fractions in dependency order, opens outages
 * and starts failovers (needs judged on that state, docs/simulation.md). Over each segment it
 * integrates user impact: constant segments in closed form, ramp segments split at every kink and
 * hour boundary and integrated by Gauss–Legendre quadrature with enough nodes to be exact for the
 * polynomial's degree; where a served fraction rises through its slo inside a segment, the crossing
 * is found by bisection (the function is monotone) to the last bit.
 *
 * <h2>Random streams</h2>
 *
 * <p>Each trial has two streams reseeded from its block's stream: one for hazards, one for failover
 * decisions, so that a change that alters failover behaviour leaves every hazard timeline as it was
 * (common random numbers). Every draw that a branch might skip is drawn anyway, for the same
 * reason.
 *
 * <h2>Allocation</h2>
 *
 * <p>None per trial: buffers belong to the kernel (one per worker) and grow only when a trial needs
 * more room than any before. No boxing, lambdas, streams or formatting below.
 */
public final class Kernel {
  private static final int BLOCK_START = 0;
  private static final int BLOCK_END = 1;
  private static final int RAMP_START = 2;
  private static final int RAMP_END = 3;

  /** Forced event kinds for {@link #force}. */
  public static final int FORCE_GRID = 0;

  public static final int FORCE_NETWORK = 1;
  public static final int FORCE_FIRE = 2;
  public static final int FORCE_FAULT = 3;

  private static final int NORMAL = 0;
  private static final int PENDING = 1;
  private static final int JOINED = 2;

  private final Plan p;
  private final double horizon;
  private final TrialStream hazardRng = new TrialStream();
  private final TrialStream decisionRng = new TrialStream();
  private final ContinuousSampler[] decisionSampler;
  private final boolean healthyAtRest;

  private final ScenarioForcing forcing = new ScenarioForcing();
  private final SiteTimelines timelines;
  private final Hazards hazards;

  // Events of the sweep, sorted by time.
  private double[] evTime = new double[32];
  private int[] evSite = new int[32];
  private int[] evType = new int[32];
  private int[] evCause = new int[32];

  /** For ramp events: the ramp's index in its site's buffer. */
  private int[] evRamp = new int[32];

  private int[] evOrder = new int[32];
  private int evCount;

  /** The blocking events applied at the current instant of the sweep: drop-cause candidates. */
  private int[] dropEvents = new int[8];

  private int dropCount;

  // Site state during the sweep.
  private final boolean[] siteBlocked;
  private final boolean[] siteRamping;

  /** The ramp a ramping site is on: an index into its ramps timeline. */
  private final int[] rampOf;

  private final double[] capValue;
  private final double[] capSlope;

  // Service state during the sweep.
  private final double[] act0;
  private final double[] actSlope;
  private final double[] stb0;
  private final double[] stbSlope;
  private final int[] foState;
  private final double[] joinAt;
  private final double[] served;
  private final double[] servedEnd;
  private final double[] evalServed;
  private final double[] pieceStart;
  private final double[] pieceEnd;
  private final int[] degree;
  private final int[] ownDegree;

  /**
   * Whether site s is in service a's footprint, {@code [a * sites + s]}, for models small enough
   * (at most 2^22 pairs); null otherwise, when the sorted footprint is searched.
   */
  private final boolean[] touchMatrix;

  /** Scratch: own fractions, before requirements multiply them in. */
  private final double[] own;

  private final boolean[] inOutage;
  private final double[] outageStart;
  private final int[] outageCause;
  private final double[] outageUserHours;
  private final int[] impactCause;
  private double[] pieces = new double[16];

  /** Per-trial results, by service in dependency order; valid after {@link #run}. */
  public final double[] downtime;

  public final int[] outages;
  public final double[] longest;
  public final double[] userHours;
  public final boolean[] rtoBreach;

  /**
   * Failovers started, by service and path ({@link FailoverPath}), accumulated until {@link
   * #clearCauses}: {@code [service * FailoverPath.COUNT + path]}. Why a standby did or did not come
   * in, for explanations.
   */
  public final long[] failovers;

  /** Accumulated over trials until {@link #clearCauses}: [service * causes + cause]. */
  public final long[] causeOutages;

  public final double[] causeDowntime;
  public final double[] causeUserHours;

  private OutageLog log;
  private long trial;

  /**
   * How the hazards other than a scenario's forced event behave: not at all ({@code OFF}), from an
   * all-up start at t = 0 ({@code FRESH}, as in a run), or from their stationary state ({@code
   * STATIONARY}: each is already down at t = 0 with its long-run probability, as on an ordinary
   * day).
   */
  public enum Background {
    OFF,
    FRESH,
    STATIONARY
  }

  /** Per service, scenario mode: time until served first reaches slo again (H if never). */
  public final double[] recoverHours;

  /** Per service, scenario mode: whether it recovered by H. */
  public final boolean[] recovered;

  /** Per service, scenario mode: whether the forced event caused an outage of it. */
  public final boolean[] affected;

  /** End of the first outage caused by the forced event, NaN while there is none. */
  private final double[] firstForcedEnd;

  // Recovery curves: served fraction and site capacity on a grid of points over [0, H].
  private int curvePoints;
  private int nextPoint;

  /** Served fraction at point j, service a: {@code [j * services + a]} (with curves on). */
  public double[] curveServed = new double[0];

  /** Capacity factor at point j, site s: {@code [j * sites + s]} (with curves on). */
  public double[] curveCapacity = new double[0];

  private boolean dirty = true;

  /** Receives every outage as it closes, for {@code outages.csv}. */
  public interface OutageLog {
    /** Called once per outage; must not allocate per call in steady state. */
    void outage(long trial, int service, int cause, double start, double end, double userHours);
  }

  /** A kernel for one worker. */
  public Kernel(Plan plan) {
    this.p = plan;
    this.horizon = plan.horizonHours;
    int nd = plan.distributions.size();
    decisionSampler = new ContinuousSampler[nd];
    for (int i = 0; i < nd; i++) {
      decisionSampler[i] = plan.distributions.get(i).sampler(decisionRng);
    }
    timelines = new SiteTimelines(plan);
    hazards = new Hazards(plan, new HazardDraws(plan, hazardRng), forcing, timelines);
    siteBlocked = new boolean[plan.sites];
    siteRamping = new boolean[plan.sites];
    rampOf = new int[plan.sites];
    capValue = new double[plan.sites];
    capSlope = new double[plan.sites];

    int ns = plan.services;
    act0 = new double[ns];
    actSlope = new double[ns];
    stb0 = new double[ns];
    stbSlope = new double[ns];
    foState = new int[ns];
    joinAt = new double[ns];
    served = new double[ns];
    servedEnd = new double[ns];
    evalServed = new double[ns];
    pieceStart = new double[ns];
    pieceEnd = new double[ns];
    degree = new int[ns];
    ownDegree = new int[ns];
    own = new double[ns];
    if ((long) ns * plan.sites <= 1 << 22) {
      touchMatrix = new boolean[ns * plan.sites];
      for (int a = 0; a < ns; a++) {
        for (int s : plan.footprint[a]) {
          touchMatrix[a * plan.sites + s] = true;
        }
      }
    } else {
      touchMatrix = null;
    }
    inOutage = new boolean[ns];
    outageStart = new double[ns];
    outageCause = new int[ns];
    outageUserHours = new double[ns];
    impactCause = new int[ns];
    downtime = new double[ns];
    outages = new int[ns];
    longest = new double[ns];
    userHours = new double[ns];
    rtoBreach = new boolean[ns];
    causeOutages = new long[ns * plan.causes()];
    causeDowntime = new double[ns * plan.causes()];
    causeUserHours = new double[ns * plan.causes()];
    failovers = new long[ns * FailoverPath.COUNT];
    recoverHours = new double[ns];
    recovered = new boolean[ns];
    affected = new boolean[ns];
    firstForcedEnd = new double[ns];

    boolean healthy = true;
    for (int a = 0; a < ns; a++) {
      double full = 0;
      for (double c : plan.deployCapacity[a]) {
        full += c;
      }
      healthy &= full >= plan.demand[a];
    }
    healthyAtRest = healthy;
  }

  /**
   * Scenario mode: the hazard {@code kind} number {@code index} fails at t = 0 (a fire is
   * uncontained). With background {@code OFF} no other hazard runs and the forced one does not
   * renew; {@code FRESH} starts every other hazard up at t = 0; {@code STATIONARY} starts each in
   * its stationary state (see {@link HazardDraws#stationaryState}).
   */
  public void force(int kind, int index, Background background) {
    forcing.set(kind, index, background);
  }

  /**
   * Records served fractions and site capacities at {@code points} evenly spaced times in [0, H].
   */
  public void recordCurves(int points) {
    if (points < 2) {
      throw new IllegalArgumentException("points is below 2: " + points);
    }
    curvePoints = points;
    curveServed = new double[points * p.services];
    curveCapacity = new double[points * p.sites];
  }

  /** The time of curve point j. */
  public double curveTime(int j) {
    return horizon * j / (curvePoints - 1);
  }

  /** Sets where closing outages are reported (null: nowhere). */
  public void setOutageLog(OutageLog log) {
    this.log = log;
  }

  /** Zeroes the per-cause accumulators. */
  public void clearCauses() {
    Arrays.fill(causeOutages, 0);
    Arrays.fill(causeDowntime, 0);
    Arrays.fill(causeUserHours, 0);
    Arrays.fill(failovers, 0);
  }

  /**
   * Runs trial number {@code trialIndex} on the streams seeded by (h0, h1) for hazards and (d0, d1)
   * for decisions; results are in the public arrays.
   *
   * @return true if any service was affected (a trial that returns false has all-zero results)
   */
  public boolean run(long trialIndex, long h0, long h1, long d0, long d1) {
    trial = trialIndex;
    hazardRng.reseed(h0, h1);
    decisionRng.reseed(d0, d1);
    if (dirty) {
      // Only a trial that went through the sweep can have written results.
      Arrays.fill(downtime, 0);
      Arrays.fill(outages, 0);
      Arrays.fill(longest, 0);
      Arrays.fill(userHours, 0);
      Arrays.fill(rtoBreach, false);
      dirty = false;
    }
    hazards.sample();
    buildEvents();
    if (evCount == 0 && healthyAtRest) {
      return false;
    }
    dirty = true;
    sweep();
    return true;
  }

  /** Most hazard events one trial may draw: twice the up-front limit on the expected number. */
  public static final long MAX_EVENTS_DRAWN = 2 * (long) Plan.MAX_EVENTS_PER_TRIAL;

  /** A trial drew more hazard events than firedrill simulates; the model needs changing. */
  public static final class TooManyEvents extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TooManyEvents(String hazard, long limit) {
      super(
          String.format(
              java.util.Locale.ROOT,
              "a trial drew more than %,d hazard events (the last %s: its times to failure are"
                  + " often far below their mean, which the up-front estimate uses); make them"
                  + " longer or the horizon shorter",
              limit,
              hazard),
          null,
          false,
          false);
    }
  }

  // -----------------------------------------------------------------------------------------
  // Phase 2: the sweep.

  private void buildEvents() {
    evCount = 0;
    for (int s = 0; s < p.sites; s++) {
      IntervalBuffer b = timelines.blocked[s];
      for (int i = 0; i < b.size && b.start[i] < horizon; i++) {
        if (b.end[i] <= 0) {
          continue; // over before t = 0 (a stationary start's earlier outage)
        }
        addEvent(b.start[i], s, BLOCK_START, b.cause[i], i);
        if (b.end[i] < horizon) {
          addEvent(b.end[i], s, BLOCK_END, b.cause[i], i);
        }
      }
      IntervalBuffer r = timelines.ramps[s];
      for (int i = 0; i < r.size && r.start[i] < horizon; i++) {
        if (r.end[i] <= 0) {
          continue;
        }
        addEvent(r.start[i], s, RAMP_START, r.cause[i], i);
        if (r.end[i] < horizon) {
          addEvent(r.end[i], s, RAMP_END, r.cause[i], i);
        }
      }
    }
    sortEvents();
  }

  private void addEvent(double t, int site, int type, int cause, int index) {
    if (evCount == evTime.length) {
      int n = evCount * 2;
      evTime = Arrays.copyOf(evTime, n);
      evSite = Arrays.copyOf(evSite, n);
      evType = Arrays.copyOf(evType, n);
      evCause = Arrays.copyOf(evCause, n);
      evRamp = Arrays.copyOf(evRamp, n);
      evOrder = Arrays.copyOf(evOrder, n);
    }
    evTime[evCount] = t;
    evSite[evCount] = site;
    evType[evCount] = type;
    evCause[evCount] = cause;
    evRamp[evCount] = index;
    evCount++;
  }

  /** Sorts event indices by time into evOrder (insertion sort when short, heapsort otherwise). */
  private void sortEvents() {
    for (int i = 0; i < evCount; i++) {
      evOrder[i] = i;
    }
    if (evCount <= 32) {
      for (int i = 1; i < evCount; i++) {
        int x = evOrder[i];
        double tx = evTime[x];
        int j = i - 1;
        while (j >= 0 && evTime[evOrder[j]] > tx) {
          evOrder[j + 1] = evOrder[j];
          j--;
        }
        evOrder[j + 1] = x;
      }
      return;
    }
    for (int i = evCount / 2 - 1; i >= 0; i--) {
      siftEvents(i, evCount);
    }
    for (int n = evCount - 1; n > 0; n--) {
      int t = evOrder[0];
      evOrder[0] = evOrder[n];
      evOrder[n] = t;
      siftEvents(0, n);
    }
  }

  private void siftEvents(int i, int n) {
    while (true) {
      int c = 2 * i + 1;
      if (c >= n) {
        return;
      }
      if (c + 1 < n && later(evOrder[c + 1], evOrder[c])) {
        c++;
      }
      if (!later(evOrder[c], evOrder[i])) {
        return;
      }
      int t = evOrder[i];
      evOrder[i] = evOrder[c];
      evOrder[c] = t;
      i = c;
    }
  }

  /** Event order: by time, then by index (so ties keep generation order, deterministically). */
  private boolean later(int x, int y) {
    return evTime[x] > evTime[y] || (evTime[x] == evTime[y] && x > y);
  }

  private void sweep() {
    final int ns = p.services;
    Arrays.fill(siteBlocked, false);
    Arrays.fill(siteRamping, false);
    Arrays.fill(foState, NORMAL);
    Arrays.fill(inOutage, false);
    Arrays.fill(servedEnd, 1.0);
    Arrays.fill(impactCause, p.causeBaseline);
    if (forcing.scenario()) {
      // Only a scenario's forced event marks outages; a run never reads these.
      Arrays.fill(firstForcedEnd, Double.NaN);
      Arrays.fill(affected, false);
    }
    nextPoint = 0;
    double t = 0;
    int next = 0;
    if (healthyAtRest && curvePoints == 0 && evCount > 0 && evTime[evOrder[0]] > 0) {
      // Every service is fully served from 0 to the first event: nothing to integrate, no
      // failover to start. Begin there.
      t = Math.min(evTime[evOrder[0]], horizon);
    }
    while (true) {
      // Apply every event at time t, keeping the blocking ones: served fractions can only fall
      // where a site becomes blocked (or at t = 0, a deployment short of capacity), and a drop is
      // blamed on a blocking event at a site the service depends on (dropCause). Anything else
      // that looks like a fall is rounding at a ramp's end.
      dropCount = 0;
      while (next < evCount && evTime[evOrder[next]] <= t) {
        int e = evOrder[next++];
        int s = evSite[e];
        switch (evType[e]) {
          case BLOCK_START:
            siteBlocked[s] = true;
            if (dropCount == dropEvents.length) {
              dropEvents = Arrays.copyOf(dropEvents, 2 * dropCount);
            }
            dropEvents[dropCount++] = e;
            break;
          case BLOCK_END:
            siteBlocked[s] = false;
            break;
          case RAMP_START:
            siteRamping[s] = true;
            rampOf[s] = evRamp[e];
            break;
          default:
            siteRamping[s] = false;
            break;
        }
      }
      siteCapacities(t);
      serviceCapacities();
      for (int a = 0; a < ns; a++) {
        if (foState[a] != NORMAL && act0[a] >= p.demand[a]) {
          foState[a] = NORMAL;
        } else if (foState[a] == PENDING && joinAt[a] <= t) {
          foState[a] = JOINED;
        }
      }
      servedAt(0, served);
      startFailovers(t);
      for (int a = 0; a < ns; a++) {
        boolean opens = served[a] < p.slo[a] && !inOutage[a];
        if (opens || served[a] < servedEnd[a]) {
          int cause = dropCause(a, t);
          if (cause >= 0 && served[a] < servedEnd[a]) {
            impactCause[a] = cause & ScenarioForcing.CAUSE;
          }
          if (cause >= 0 && opens) {
            openOutage(a, t, cause);
          }
        } else if (served[a] >= p.slo[a] && inOutage[a]) {
          closeOutage(a, t);
        }
      }

      double tNext = next < evCount ? Math.min(evTime[evOrder[next]], horizon) : horizon;
      for (int a = 0; a < ns; a++) {
        if (foState[a] == PENDING && joinAt[a] < tNext) {
          tNext = Math.max(joinAt[a], t);
        }
      }
      if (tNext > t) {
        segment(t, tNext);
      }
      if (tNext >= horizon) {
        break;
      }
      t = tNext;
    }
    for (int a = 0; a < ns; a++) {
      // Scenario mode: from 0 until the first outage the forced event caused ends; 0 if it
      // caused none, H (not recovered) if that outage is still open at H.
      boolean censored =
          inOutage[a]
              && (outageCause[a] & ScenarioForcing.FORCED) != 0
              && Double.isNaN(firstForcedEnd[a]);
      if (inOutage[a]) {
        closeOutage(a, horizon);
      }
      recovered[a] = !censored;
      recoverHours[a] = censored ? horizon : affected[a] ? firstForcedEnd[a] : 0;
    }
  }

  /**
   * The cause of a fall of service a's served fraction at t: among the blocking events applied at
   * t, the forced event if it touches the service, else the first that touches it (a site in its
   * footprint); {@code baseline} at t = 0 if none does (a deployment short of capacity); -1 if none
   * does later (the fall is rounding, not a drop).
   */
  private int dropCause(int a, double t) {
    int first = -1;
    int[] sites = p.footprint[a];
    for (int i = 0; i < dropCount; i++) {
      int e = dropEvents[i];
      boolean touches =
          touchMatrix != null ? touchMatrix[a * p.sites + evSite[e]] : contains(sites, evSite[e]);
      if (!touches) {
        continue;
      }
      if ((evCause[e] & ScenarioForcing.FORCED) != 0) {
        return evCause[e];
      }
      if (first < 0) {
        first = evCause[e];
      }
    }
    return first >= 0 ? first : t == 0 ? p.causeBaseline : -1;
  }

  private static boolean contains(int[] sorted, int x) {
    for (int v : sorted) {
      if (v >= x) {
        return v == x;
      }
    }
    return false;
  }

  /** Capacity factor of each site as value + slope * (t' - t) from t on. */
  private void siteCapacities(double t) {
    for (int s = 0; s < p.sites; s++) {
      if (siteBlocked[s]) {
        capValue[s] = 0;
        capSlope[s] = 0;
      } else if (siteRamping[s]) {
        IntervalBuffer r = timelines.ramps[s];
        int k = rampOf[s];
        double slope = (r.to[k] - r.from[k]) / (r.end[k] - r.start[k]);
        capValue[s] = Math.min(r.to[k], r.from[k] + slope * (t - r.start[k]));
        capSlope[s] = slope;
      } else {
        capValue[s] = 1;
        capSlope[s] = 0;
      }
    }
  }

  private void serviceCapacities() {
    for (int a = 0; a < p.services; a++) {
      double v = 0;
      double sl = 0;
      int[] sites = p.deploySite[a];
      double[] cap = p.deployCapacity[a];
      for (int k = 0; k < sites.length; k++) {
        v += cap[k] * capValue[sites[k]];
        sl += cap[k] * capSlope[sites[k]];
      }
      act0[a] = v;
      actSlope[a] = sl;
      v = 0;
      sl = 0;
      sites = p.standbySite[a];
      cap = p.standbyCapacity[a];
      for (int k = 0; k < sites.length; k++) {
        v += cap[k] * capValue[sites[k]];
        sl += cap[k] * capSlope[sites[k]];
      }
      stb0[a] = v;
      stbSlope[a] = sl;
    }
  }

  /** Capacity serving service a at offset u into the segment: active, plus a joined standby. */
  private double ownCapacity(int a, double u) {
    return foState[a] == JOINED
        ? act0[a] + stb0[a] + (actSlope[a] + stbSlope[a]) * u
        : act0[a] + actSlope[a] * u;
  }

  /** How fast {@link #ownCapacity} grows within the segment. */
  private double ownSlope(int a) {
    return foState[a] == JOINED ? actSlope[a] + stbSlope[a] : actSlope[a];
  }

  /**
   * Served fractions at offset u from the current segment start: each service's own fraction times
   * the own fraction of every service in its requires closure, each counted once (a base shared by
   * two paths of a diamond limits the users once, not once per path).
   */
  private void servedAt(double u, double[] out) {
    // One pass: services are in dependency order, so the closure of a is computed before a.
    for (int a = 0; a < p.services; a++) {
      double v = Math.min(1, ownCapacity(a, u) / p.demand[a]);
      own[a] = v;
      for (int b : p.requiresClosure[a]) {
        v *= own[b];
      }
      out[a] = v;
    }
  }

  /**
   * A failover starts for each service whose active capacity just fell short (docs/simulation.md).
   */
  private void startFailovers(double t) {
    boolean joinedNow = false;
    for (int a = 0; a < p.services; a++) {
      if (!p.hasFailover[a] || foState[a] != NORMAL || act0[a] >= p.demand[a]) {
        continue;
      }
      boolean needsMet = true;
      for (int b : p.failoverNeeds[a]) {
        needsMet &= served[b] >= p.slo[b];
      }
      boolean succeeds = decisionRng.nextDouble() < p.failoverSuccess[a];
      boolean automatic = succeeds && needsMet;
      double auto = decisionSampler[p.failoverTime[a]].sample();
      boolean hasManual = p.failoverManual[a] != Plan.NONE;
      double manual =
          hasManual ? decisionSampler[p.failoverManual[a]].sample() : Double.POSITIVE_INFINITY;
      double delay = automatic ? auto : manual;
      int path =
          automatic
              ? FailoverPath.AUTOMATIC
              : !hasManual
                  ? FailoverPath.NONE
                  : !needsMet
                      ? FailoverPath.MANUAL_NEEDS_DOWN
                      : FailoverPath.MANUAL_AUTOMATIC_FAILED;
      failovers[a * FailoverPath.COUNT + path]++;
      foState[a] = PENDING;
      joinAt[a] = t + delay;
      if (delay <= 0) {
        foState[a] = JOINED;
        joinedNow = true;
      }
    }
    if (joinedNow) {
      servedAt(0, served);
    }
  }

  private void openOutage(int a, double t, int cause) {
    inOutage[a] = true;
    outageStart[a] = t;
    outageCause[a] = cause;
    outageUserHours[a] = 0;
  }

  private void closeOutage(int a, double t) {
    inOutage[a] = false;
    double len = t - outageStart[a];
    if (!(len > 0)) {
      // Below the slo and back at the same instant (a zero delay): not an outage.
      return;
    }
    int cause = outageCause[a] & ScenarioForcing.CAUSE;
    if ((outageCause[a] & ScenarioForcing.FORCED) != 0) {
      affected[a] = true;
      if (Double.isNaN(firstForcedEnd[a])) {
        firstForcedEnd[a] = t;
      }
    }
    downtime[a] += len;
    outages[a]++;
    if (len > longest[a]) {
      longest[a] = len;
    }
    // Strict, up to the rounding of absolute times: end − start of two instants is within a few
    // ulps of the length as sampled, so an outage of exactly rto must not breach by an ulp.
    if (len > p.rtoHours[a] + RTO_ULPS * Math.ulp(t)) {
      rtoBreach[a] = true;
    }
    int k = a * p.causes() + cause;
    causeOutages[k]++;
    causeDowntime[k] += len;
    if (log != null) {
      log.outage(trial, a, cause, outageStart[a], t, outageUserHours[a]);
    }
  }

  /**
   * How many ulps of an outage's end time its length may exceed the rto by and still not breach it:
   * an outage's start and end each carry at most a couple of roundings (a start plus a UPS time, an
   * end plus a restart), so their difference is within 4 ulps of the true length.
   */
  static final double RTO_ULPS = 8;

  private void addUserHours(int a, double uh) {
    userHours[a] += uh;
    causeUserHours[a * p.causes() + impactCause[a]] += uh;
    if (inOutage[a]) {
      outageUserHours[a] += uh;
    }
  }

  /** Integrates [t0, t1), where no event happens; served fractions are at t0 in {@link #served}. */
  private void segment(double t0, double t1) {
    final int ns = p.services;
    boolean ramping = false;
    for (int s = 0; s < p.sites; s++) {
      ramping |= capSlope[s] != 0;
    }
    if (curvePoints > 0) {
      recordPoints(t0, t1, ramping);
    }
    if (!ramping) {
      double weighted = p.weightedTime(t1) - p.weightedTime(t0);
      for (int a = 0; a < ns; a++) {
        if (served[a] < 1) {
          addUserHours(a, p.users[a] * (1 - served[a]) * weighted);
        }
        servedEnd[a] = served[a];
      }
      return;
    }
    rampSegment(t0, t1);
    double len = t1 - t0;
    for (int a = 0; a < ns; a++) {
      // A failover whose active capacity came back inside the segment ends there.
      if (foState[a] != NORMAL && act0[a] + actSlope[a] * len >= p.demand[a]) {
        foState[a] = NORMAL;
      }
    }
  }

  /** Records the curve points in [t0, t1) (and at H itself when t1 is the horizon). */
  private void recordPoints(double t0, double t1, boolean ramping) {
    final int ns = p.services;
    final int nsites = p.sites;
    while (nextPoint < curvePoints) {
      double tau = curveTime(nextPoint);
      if (tau > t1 || (tau == t1 && t1 < horizon)) {
        return;
      }
      double u = Math.max(0, tau - t0);
      if (ramping) {
        servedAt(u, evalServed);
      }
      for (int a = 0; a < ns; a++) {
        curveServed[nextPoint * ns + a] = ramping ? evalServed[a] : served[a];
      }
      for (int s = 0; s < nsites; s++) {
        curveCapacity[nextPoint * nsites + s] = capValue[s] + capSlope[s] * u;
      }
      nextPoint++;
    }
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
      double v = ownCapacity(a, 0);
      double sl = ownSlope(a);
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
    servedAt(len, servedEnd);
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
      ownDegree[a] = ownSlope(a) > 0 && ownCapacity(a, mid) < p.demand[a] ? 1 : 0;
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
    servedAt(u0, pieceStart);
    servedAt(u1, pieceEnd);
    for (int a = 0; a < ns; a++) {
      if (pieceStart[a] >= 1) {
        continue;
      }
      double uh = p.users[a] * weight;
      if (inOutage[a]) {
        if (pieceEnd[a] >= p.slo[a]) {
          double uc = crossing(a, u0, u1);
          addUserHours(a, uh * integralOfLoss(a, u0, uc));
          closeOutage(a, t0 + uc);
          addUserHours(a, uh * integralOfLoss(a, uc, u1));
          continue;
        }
      }
      addUserHours(a, uh * integralOfLoss(a, u0, u1));
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
      servedAt(mid + half * x[i], evalServed);
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
      servedAt(mid, evalServed);
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
