package io.firedrill.engine;

import io.firedrill.plan.Plan;
import io.firedrill.stats.FailoverPath;
import java.util.Arrays;
import java.util.List;

/**
 * One trial as docs/simulation.md defines it, exactly: no time grid, no approximation but floating
 * point.
 *
 * <h2>Design</h2>
 *
 * <p>A trial runs in two phases.
 *
 * <p><b>Hazards to site timelines.</b> Every hazard (grid, network, fire, fault, cooling) is an
 * alternating renewal process, sampled up to the horizon. Grid outages (at a site with several
 * feeds, the times all of them are out) become power losses per site through the UPS and the
 * generator (fail-to-start, then an exponential running time); power losses, internal faults and
 * cooling failures are merged, and each merged loss is followed by a sampled restart, which a new
 * loss during the restart aborts. A site is unreachable while all its networks are down, and for
 * {@code min(reconverge, outage)} when one of them fails while another is up. Fires are dark
 * intervals followed by a ramp (linear, or the site's restore curve). The union of everything that
 * zeroes a site is its list of <i>blocked</i> intervals, each tagged with the cause that began it;
 * ramps are kept apart.
 *
 * <p><b>Sweep.</b> The blocked and ramp boundaries of all sites form one sorted list of events.
 * Between two events every site's capacity factor is constant or linear (a ramp), so every
 * service's active and standby capacity is linear, its own fraction {@code min(1, ·)} is linear
 * with at most one kink, and its served fraction, a product over its requirements, is a polynomial,
 * non-decreasing unless a curve falls ({@link Falls}). The sweep moves from event to event: at each
 * it applies the site changes, applies due failover joins, computes served fractions in dependency
 * order, opens outages and starts failovers (needs judged on that state, docs/simulation.md). Only
 * the services an instant can change (those {@link Cuts} marks, and those on a site whose ramp
 * moves their capacity) are computed again; every other service's state is what computing it again
 * would give, to the bit, so a trial costs in proportion to what its events touch, not to the
 * model's size (a site's loss that starts a hundred failovers makes a hundred join instants). Each
 * service's user impact is integrated over its own windows, between the instants that can change it
 * (events at its footprint's sites, joins of its standbys), so that other sites' events never split
 * them: constant segments in closed form, ramp segments split at every kink and hour boundary and
 * integrated by Gauss–Legendre quadrature with enough nodes to be exact for the polynomial's
 * degree; where a served fraction rises through its slo inside a segment, the crossing is found by
 * bisection (the function is monotone) to the last bit.
 *
 * <h2>Parts</h2>
 *
 * <p>This class is the facade and the sweep's loop; each seam of a trial is a final class of its
 * own over primitive arrays, in the order a trial passes through them:
 *
 * <ol>
 *   <li><b>sampling</b>: {@link Hazards} draws every hazard from its own source, one sampler per
 *       effect ({@link RenewalHazards} for grids, networks, faults and cooling failures, {@link
 *       FireHazards}) over the shared draws ({@link HazardDraws}) and effects ({@link PowerLoss});
 *   <li><b>timelines</b>: {@link SiteTimelines}, interval lists ({@link IntervalBuffer}) per site
 *       and network, combined into each site's blocked intervals and ramps;
 *   <li><b>event queue</b>: {@link EventQueue}, their boundaries in time order;
 *   <li><b>capacity and failover state</b>: {@link CapacityState}, site and service capacities,
 *       failovers (on their own substreams) and served fractions;
 *   <li><b>integration</b>: {@link Cuts}, the services an instant can change, and {@link
 *       Integration}, user impact over each service's windows ({@link GaussLegendre});
 *   <li><b>accounting</b>: {@link OutageAccounting}, outages, their causes, the results;
 *   <li><b>curves</b>: {@link Curves}, recovery curves of a scenario;
 * </ol>
 *
 * and {@link ScenarioForcing}, which hazard a scenario forces and how the others behave.
 *
 * <h2>Random streams</h2>
 *
 * <p>Every source of randomness draws from its own substream, keyed by (run seed, trial number, the
 * source's stable id, draw number) and computed directly by Philox4x64-10 ({@link StreamKeys}):
 * each hazard ({@code grid@G}, {@code routing@N}, {@code fault@S}, {@code cooling@S}, {@code
 * fire@S}), the site's {@code restart@S}, the generator's {@code power@S} at the site's n-th supply
 * outage, each service's n-th failover ({@code failover@A}) and the phase of its backups ({@code
 * backup@A}). No substream depends on the order of declaration or on what another source drew, so a
 * change to one hazard or one service's failover leaves every draw of the others as it was (common
 * random numbers), and any trial of a run is reached in O(1). Within a source, every draw that a
 * branch might skip is drawn anyway, for the same reason.
 *
 * <h2>Allocation</h2>
 *
 * <p>None per trial: buffers belong to the kernel (one per worker) and grow only when a trial needs
 * more room than any before. No boxing, lambdas, streams or formatting below.
 */
public final class Kernel {
  /** Most hazard events one trial may draw: twice the up-front limit on the expected number. */
  public static final long MAX_EVENTS_DRAWN = 2 * (long) Plan.MAX_EVENTS_PER_TRIAL;

  private final Plan plan;
  private final double horizon;
  private final boolean healthyAtRest;

  private final ScenarioForcing forcing;
  private final SiteTimelines timelines;
  private final Hazards hazards;
  private final EventQueue events = new EventQueue();
  private final CapacityState state;
  private final OutageAccounting accounting;
  private final Curves curves;
  private final Cuts cuts;
  private final Integration integration;
  private final DataLoss data;
  private final RepairDecisions repairs;

  /** The outages of a round of {@link #settleRepairs}, until it settles. */
  private final OutageBuffer kept = new OutageBuffer();

  /** The model's recovery lags, or null if it has none. */
  private final RecoveryLags lags;

  /** Crossings within segments, for a model with a curve that falls; else null. */
  private final Falls falls;

  // With repairs that need services, a trial may be swept more than once; the sums kept across
  // trials are copied here before its first round and set back after each round that does not
  // settle.
  private final long[] failoversBefore;
  private final long[] causeOutagesBefore;
  private final double[] causeDowntimeBefore;
  private final double[] causeUserHoursBefore;

  /** Per-trial results, by service in dependency order; valid after {@link #run}. */
  public final double[] downtime;

  public final int[] outages;
  public final double[] longest;
  public final double[] userHours;

  /** Hours served at or above the slo but below 1, by service. */
  public final double[] degraded;

  public final boolean[] rtoBreach;

  /**
   * Per service: hours of writes lost where a copy survived (docs/simulation.md, "Data loss"); 0
   * for a service without data.
   */
  public final double[] dataLost;

  /** Per service: whether the trial lost any of its data. */
  public final boolean[] dataLoss;

  /** Per service: whether the trial lost every copy of its data. */
  public final boolean[] dataLostAll;

  /** Per service: whether a loss of its data exceeded its rpo. */
  public final boolean[] rpoBreach;

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

  /**
   * Importance sampling ({@link #bias}): per service and cause, the sum of the likelihood ratios of
   * the outages counted in {@link #causeOutages} (their count where there are no tilts); {@link
   * #causeDowntime} and {@link #causeUserHours} are then weighted sums.
   */
  public final double[] causeOutageWeight;

  private final double[] causeOutageWeightBefore;

  /** Per service, scenario mode: time until served first reaches slo again (H if never). */
  public final double[] recoverHours;

  /** Per service, scenario mode: whether it recovered by H. */
  public final boolean[] recovered;

  /** Per service, scenario mode: whether a forced event caused an outage of it. */
  public final boolean[] affected;

  /** Served fraction at point j, service a: {@code [j * services + a]} (with curves on). */
  public double[] curveServed = new double[0];

  /** Capacity factor at point j, site s: {@code [j * sites + s]} (with curves on). */
  public double[] curveCapacity = new double[0];

  private boolean dirty = true;

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

  /** Receives every outage as it closes, for {@code outages.csv}. */
  public interface OutageLog {
    /** Called once per outage; must not allocate per call in steady state. */
    void outage(long trial, int service, int cause, double start, double end, double userHours);
  }

  /** A trial drew more hazard events than firedrill simulates; the model needs changing. */
  public static final class TooManyEvents extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private TooManyEvents(String message) {
      super(message, null, false, false);
    }

    /**
     * The events of site {@code site}'s copies to its zones (each zone keeps its own timeline)
     * passed {@code limit}.
     */
    static TooManyEvents zones(String site, long limit) {
      return new TooManyEvents(
          String.format(
              java.util.Locale.ROOT,
              "a trial drew more than %,d hazard events (the last: site %s's losses, copied to each"
                  + " of its zones); give it fewer zones, its hazards and effects rarer, or the"
                  + " horizon shorter",
              limit,
              site));
    }

    /**
     * A trial took {@code rounds} rounds of sampling and sweeping without settling which repairs
     * take their manual path ({@link RepairDecisions}); {@code hazard} disagreed last.
     */
    static TooManyEvents repairRounds(int rounds, String hazard) {
      return new TooManyEvents(
          String.format(
              java.util.Locale.ROOT,
              "a trial took %,d rounds to settle which repairs take their manual path (the last"
                  + " %s): each round settles one more outage whose repair needs services, and"
                  + " this trial has more of them than firedrill settles; give fewer hazards"
                  + " needs, make them rarer or the horizon shorter",
              rounds,
              hazard));
    }

    /**
     * A trial's search for crossings where curves fall ({@link Falls}) went over more than {@code
     * limit} split points.
     */
    static TooManyEvents crossings(long limit) {
      return new TooManyEvents(
          String.format(
              java.util.Locale.ROOT,
              "a trial searched more than %,d pieces of ramps for crossings where curves fall (a"
                  + " slo, a demand or a cap crossed again and again); give the curves fewer"
                  + " points or fewer rises and falls around the slo, the site fewer zones, or the"
                  + " requires chains fewer services",
              limit));
    }

    /**
     * @param hazard the name of the cause that drew the last event ({@code grid@G}, {@code
     *     generator@S}...)
     * @param limit the most events a trial may draw
     */
    public TooManyEvents(String hazard, long limit) {
      super(
          String.format(
              java.util.Locale.ROOT,
              hazard.startsWith("generator@")
                  ? "a trial drew more than %,d hazard events (the last %s: a generator that"
                      + " fails again and again within one grid outage, each time repaired in"
                      + " far less than the outage); make its repair longer, its failures rarer"
                      + " or the horizon shorter"
                  : "a trial drew more than %,d hazard events (the last %s: its times to failure"
                      + " are often far below their mean, which the up-front estimate uses); make"
                      + " them longer or the horizon shorter",
              limit,
              hazard),
          null,
          false,
          false);
    }
  }

  /** The keys of this run's substreams; set to each trial's key at the start of the trial. */
  private final StreamKeys keys;

  /** The run's seed. */
  private final long seed;

  /** The hazards' draws (and their tilts, {@link #bias}). */
  private final HazardDraws draws;

  /** The kernel whose sampled hazards this one sweeps; null for one that samples its own. */
  private final Kernel hazardSource;

  /** Where the hazards this kernel samples are kept ({@link #keepHazards}), or null. */
  private SampledHazards keepInto;

  /** The kept hazards this kernel sweeps ({@link #sweepHazards}), or null. */
  private SampledHazards sweepFrom;

  /** The trial whose hazards the timelines hold ({@link Long#MIN_VALUE}: none yet). */
  private long sampledTrial = Long.MIN_VALUE;

  /**
   * A kernel for one worker of a run seeded with {@code seed} (any long): trial number t of the run
   * draws the same numbers on every worker and every machine.
   */
  public Kernel(Plan plan, long seed) {
    this(plan, seed, null);
  }

  /**
   * A kernel that samples no hazard of its own: each trial sweeps the site timelines that {@code
   * source} sampled for that same trial, and is forced as {@code source} is (a sweep's points that
   * differ in capacities and policies but not in hazards, {@link Plan#sameHazards}). Its results
   * are bit for bit those of a kernel that samples its own, since those timelines depend only on
   * the seed, the trial, the hazards and the forcing; the draws of its failovers and backups are
   * its own, as ever. Call {@link #run} of {@code source} for a trial, then this kernel's for the
   * same trial, before {@code source} runs another; {@link #force} {@code source}, not this one.
   *
   * @param source a kernel of the same seed that samples its own hazards, or null: this kernel
   *     samples its own
   * @throws IllegalArgumentException if {@code source} borrows its hazards itself, has another
   *     seed, is tilted ({@link #bias}), or its plan's hazards differ from {@code plan}'s ({@link
   *     Plan#sameHazards})
   */
  public Kernel(Plan plan, long seed, Kernel source) {
    if (source != null
        && (source.hazardSource != null
            || source.seed != seed
            || !plan.sameHazards(source.plan)
            || source.biased())) {
      throw new IllegalArgumentException(
          "a kernel sweeps the hazards of a kernel of the same seed and hazards that samples its"
              + " own");
    }
    this.plan = plan;
    this.horizon = plan.horizonHours;
    this.seed = seed;
    this.hazardSource = source;
    keys = DrawCounts.keys(seed);
    forcing = source == null ? new ScenarioForcing(plan.causes()) : source.forcing;
    timelines = source == null ? new SiteTimelines(plan) : source.timelines;
    draws = new HazardDraws(plan, keys);
    repairs = new RepairDecisions(plan, draws);
    hazards = source == null ? new Hazards(plan, draws, forcing, timelines, repairs) : null;
    state = new CapacityState(plan, timelines.ramps, keys);
    accounting = new OutageAccounting(plan);
    curves = new Curves(plan);
    cuts = new Cuts(plan);
    integration = new Integration(plan, state, accounting);
    lags = plan.anyLag ? new RecoveryLags(plan, integration.windowServed()) : null;
    state.setLags(lags);
    falls = plan.anyFall ? new Falls(plan, state, integration) : null;
    accounting.setFalls(falls);
    data = new DataLoss(plan, timelines, keys);

    downtime = accounting.downtime;
    outages = accounting.outages;
    longest = accounting.longest;
    userHours = accounting.userHours;
    degraded = accounting.degraded;
    rtoBreach = accounting.rtoBreach;
    dataLost = data.lost;
    dataLoss = data.anyLoss;
    dataLostAll = data.allLost;
    rpoBreach = data.rpoBreach;
    failovers = state.failovers;
    causeOutages = accounting.causeOutages;
    causeDowntime = accounting.causeDowntime;
    causeUserHours = accounting.causeUserHours;
    causeOutageWeight = accounting.causeOutageWeight;
    boolean rounds = plan.anyRepairNeeds;
    failoversBefore = new long[rounds ? failovers.length : 0];
    causeOutagesBefore = new long[rounds ? causeOutages.length : 0];
    causeDowntimeBefore = new double[rounds ? causeDowntime.length : 0];
    causeUserHoursBefore = new double[rounds ? causeUserHours.length : 0];
    causeOutageWeightBefore = new double[rounds ? causeOutageWeight.length : 0];
    recoverHours = accounting.recoverHours;
    recovered = accounting.recovered;
    affected = accounting.affected;

    boolean healthy = true;
    for (int a = 0; a < plan.services; a++) {
      double full = 0;
      for (double c : plan.deployCapacity[a]) {
        full += c;
      }
      healthy &= CapacityState.meets(full, plan.demand[a]);
    }
    healthyAtRest = healthy;
  }

  /**
   * Scenario mode: cause {@code causes[i]} (a hazard's id in the plan, {@link Plan#hazard}, or a
   * generator's cause id, {@link Plan#generatorCause}) fails at {@code hours[i]} hours from t = 0;
   * a forced hazard is up before that time, and a forced fire is uncontained (docs/simulation.md,
   * "Scenarios"). With background {@code OFF} no other hazard runs and the forced ones do not
   * renew; {@code FRESH} starts every other hazard up at t = 0; {@code STATIONARY} starts each in
   * its stationary state (see {@link HazardDraws#stationaryState}).
   *
   * @param causes the forced causes, at least one, no two alike
   * @param hours when each fails, hours in [0, horizon)
   * @throws IllegalArgumentException if the arrays differ in length or are empty, a cause is not a
   *     hazard or generator of the plan or is given twice, or a time is outside [0, horizon)
   */
  public void force(int[] causes, double[] hours, Background background) {
    if (draws.tilts != null) {
      throw new IllegalStateException("a tilted kernel runs no scenario");
    }
    if (hazardSource != null) {
      throw new IllegalStateException("a kernel that sweeps another's hazards is forced as it is");
    }
    if (causes.length == 0 || causes.length != hours.length) {
      throw new IllegalArgumentException(
          "causes and hours must be non-empty and of one length: "
              + causes.length
              + " and "
              + hours.length);
    }
    boolean[] seen = new boolean[plan.causes()];
    for (int i = 0; i < causes.length; i++) {
      int c = causes[i];
      if (c < 0 || c >= plan.causes() - 1 || seen[c]) {
        throw new IllegalArgumentException(
            "cause is not a hazard or generator of the plan, or given twice: " + c);
      }
      seen[c] = true;
      if (!(hours[i] >= 0 && hours[i] < horizon)) {
        throw new IllegalArgumentException("forced time is not in [0, horizon): " + hours[i]);
      }
    }
    forcing.set(causes, hours, background);
  }

  /**
   * Importance sampling: hazard h's times to failure are drawn {@code factors[h]} times faster from
   * now on (time scaling, {@link Tilts}), and {@link #weight} gives each trial's likelihood ratio.
   * A factor of 1 leaves a hazard as the model has it; null, or every factor 1, turns tilting off
   * (weight 1, the draws and results of a kernel never tilted). Only a time-horizon run is tilted:
   * not a scenario, nor a kernel that keeps, sweeps or borrows hazards.
   *
   * @param factors per hazard id ({@link Plan#hazard}), each positive and finite, or null
   * @throws IllegalArgumentException as {@link Tilts#Tilts} does
   * @throws IllegalStateException if this kernel is forced, borrows, keeps or sweeps hazards
   */
  public void bias(HazardBias bias) {
    bias(bias, new int[0]);
  }

  /**
   * As {@link #bias(HazardBias)}, also keeping, for each hazard id in {@code recorded}, its
   * failures and exposure in each trial ({@link #failures}, {@link #exposure}): the cross-entropy
   * method's statistics. Recording alone (no factor other than 1) leaves every draw and weight as
   * untilted.
   *
   * @throws IllegalArgumentException also if a recorded hazard's time to failure is neither
   *     exponential nor Weibull
   */
  public void bias(HazardBias bias, int[] recorded) {
    if (hazardSource != null || keepInto != null || sweepFrom != null || forcing.scenario()) {
      throw new IllegalStateException(
          "only a kernel that samples its own hazards in a time-horizon run is tilted");
    }
    boolean none = bias == null || bias.isNone();
    draws.tilts =
        none && recorded.length == 0
            ? null
            : new Tilts(plan, none ? HazardBias.none(plan.hazards) : bias, recorded);
  }

  /**
   * The failures before the horizon of recorded hazard {@code h} ({@link #bias(HazardBias, int[])})
   * in the last trial sampled; 0 if it is not recorded.
   */
  public double failures(int h) {
    return draws.tilts == null ? 0 : draws.tilts.failures(h);
  }

  /**
   * The exposure of recorded hazard {@code h} in the last trial sampled: Σ Λ(x) over its times to
   * failure as drawn, the last cut at the horizon, Λ(x) = (x / s)^k its model's cumulative hazard
   * (for an exponential: hours up over the mean time to failure); 0 if it is not recorded.
   */
  public double exposure(int h) {
    return draws.tilts == null ? 0 : draws.tilts.exposure(h);
  }

  /** Whether this kernel's hazards are tilted ({@link #bias}). */
  public boolean biased() {
    return draws.tilts != null;
  }

  /**
   * The likelihood ratio of the last trial sampled ({@link #run}): the probability of its hazards'
   * times to failure under the model over that under the tilts ({@link #bias}); 1 without tilts.
   * Every estimate weights the trial's values by it (docs/simulation.md, "Importance sampling").
   * May be 0 (underflow) or infinite (overflow) for extreme tilts.
   */
  public double weight() {
    if (draws.tilts == null) {
      return 1;
    }
    double w = Math.exp(draws.tilts.logWeight());
    if (w == Double.POSITIVE_INFINITY) {
      throw new TooManyEvents(
          String.format(
              java.util.Locale.ROOT,
              "trial %d's likelihood ratio is beyond 1e308 (log %.4g): the tilts make trials that"
                  + " the model finds likely almost impossible; tilt by factors nearer 1",
              sampledTrial,
              draws.tilts.logWeight()));
    }
    return w;
  }

  /**
   * Keeps the hazards of every trial this kernel samples from now on in {@code into}, trial after
   * trial, until the record is full ({@link SampledHazards#overflowed}) or this is called with
   * null: for later kernels of plans with the same hazards to sweep ({@link #sweepHazards}). Call
   * after {@link #force}; the trials must follow one another from {@code into}'s first.
   *
   * @throws IllegalStateException if this kernel sweeps another's hazards or its plan's timelines
   *     depend on its services (a repair needs them: {@link Plan#hazardsKey} is null)
   * @throws IllegalArgumentException if {@code into} already holds another kernel's trials
   */
  public void keepHazards(SampledHazards into) {
    if (into != null) {
      refuseTilts();
      Object key = recordKey();
      if (into.source != null && !into.source.equals(key)) {
        throw new IllegalArgumentException("the record holds the trials of other hazards");
      }
      into.source = key;
    }
    keepInto = into;
  }

  /**
   * Sweeps, for each trial that {@code from} holds next, the hazards kept there instead of sampling
   * them (a trial it does not hold is sampled, as ever): the same bits, since a trial's timelines
   * depend only on the seed, the trial, the hazards and the forcing, which must be this kernel's.
   * Call after {@link #force}; null samples every trial.
   *
   * @throws IllegalStateException if this kernel sweeps another's hazards or its plan's timelines
   *     depend on its services
   * @throws IllegalArgumentException if {@code from} was kept by a kernel of other hazards, another
   *     seed or another forcing
   */
  public void sweepHazards(SampledHazards from) {
    if (from != null) {
      refuseTilts();
      if (!recordKey().equals(from.source)) {
        throw new IllegalArgumentException(
            "the record was kept for other hazards, another seed or another forcing");
      }
      from.rewind();
    }
    sweepFrom = from;
  }

  private void refuseTilts() {
    if (draws.tilts != null) {
      throw new IllegalStateException("a tilted kernel keeps and sweeps no kept hazards");
    }
  }

  /** What a kept trial's timelines depend on besides the trial: hazards, seed, forcing. */
  private Object recordKey() {
    if (hazardSource != null) {
      throw new IllegalStateException("a kernel that sweeps another's hazards keeps none");
    }
    Object hazardsKey = plan.hazardsKey();
    if (hazardsKey == null) {
      throw new IllegalStateException(
          "the timelines of this plan depend on its services (a repair needs them): not kept");
    }
    return List.of(hazardsKey, seed, forcing.key());
  }

  /**
   * Records served fractions and site capacities at {@code points} evenly spaced times in [0, H].
   *
   * @throws IllegalArgumentException if points is below 2
   */
  public void recordCurves(int points) {
    curves.enable(points);
    curveServed = curves.served;
    curveCapacity = curves.capacity;
  }

  /** The time of curve point j. */
  public double curveTime(int j) {
    return curves.time(j);
  }

  /**
   * Whether an instant recomputes only the services it can change ({@code true}, the default) or
   * every service; both give the same bits, which the tests check by running each model both ways.
   */
  void recomputeOnlyChanged(boolean on) {
    state.incremental = on;
  }

  /**
   * Whether a trial in which no hazard failed skips combining its empty timelines ({@code true},
   * the default) or combines them as any other; both give the same bits (QuietTrialTest).
   */
  void skipQuietTrials(boolean on) {
    if (hazards != null) {
      hazards.skipQuietTrials = on;
    }
  }

  /** The capacity and failover state, for tests in this package. */
  CapacityState state() {
    return state;
  }

  /** Sets where closing outages are reported (null: nowhere). */
  public void setOutageLog(OutageLog log) {
    accounting.setLog(log);
  }

  /** Zeroes the per-cause accumulators. */
  public void clearCauses() {
    accounting.clearCauses();
    Arrays.fill(failovers, 0);
  }

  /**
   * Runs trial number {@code trial} of the run (from 0; its random numbers depend on the run's
   * seed, this number and nothing else, see "Random streams" above); results are in the public
   * arrays.
   *
   * @return true if any service was affected (a trial that returns false has all-zero results)
   * @throws TooManyEvents if the trial draws more than {@link #MAX_EVENTS_DRAWN} hazard events
   * @throws IllegalStateException if this kernel sweeps another's hazards ({@link #Kernel(Plan,
   *     long, Kernel)}) and that one's last trial was not {@code trial}
   */
  public boolean run(long trial) {
    keys.startTrial(trial);
    accounting.startTrial(trial);
    if (dirty) {
      // Only a trial that went through the sweep can have written results.
      accounting.clearTrial();
      data.clear();
      dirty = false;
    }
    if (repairs.on()) {
      repairs.startTrial();
    }
    if (hazardSource == null) {
      if (sweepFrom == null || !sweepFrom.restore(trial, events, timelines, horizon)) {
        boolean sampled = sampleHazards(trial);
        if (keepInto != null) {
          keepInto.keep(trial, sampled, timelines);
        }
      }
      sampledTrial = trial;
    } else if (hazardSource.sampledTrial == trial) {
      events.copyOf(hazardSource.events);
    } else {
      throw new IllegalStateException(
          "trial " + trial + " run before its hazard source ran it: " + hazardSource.sampledTrial);
    }
    if (events.size() == 0 && healthyAtRest) {
      // Every service served throughout: every repair took its automatic path, as guessed.
      return false;
    }
    dirty = true;
    if (draws.tilts != null) {
      accounting.weight = weight();
    }
    if (repairs.on() && repairs.size() > 0) {
      settleRepairs(trial);
    } else {
      sweep(trial);
    }
    return true;
  }

  /**
   * Phase 1: the trial's hazards sampled into the site timelines, and their events in order.
   *
   * @return false if no hazard failed before the horizon (every timeline empty)
   */
  private boolean sampleHazards(long trial) {
    if (hazards.sample(trial)) {
      events.build(timelines, horizon);
      return true;
    }
    events.empty();
    return false;
  }

  /**
   * The trial's causal solution when some outage's repair needs services ({@link RepairDecisions}):
   * sample and sweep in rounds until every outage took the path its needs allow. The outages a
   * round reports are kept ({@link OutageBuffer}) and go to the log only from the round that
   * settles; a round that does not keeps nothing across trials (the sums are set back).
   */
  private void settleRepairs(long trial) {
    OutageLog log = accounting.log();
    if (log != null) {
      accounting.setLog(kept);
    }
    try {
      rounds(trial, log);
    } finally {
      accounting.setLog(log);
    }
  }

  private void rounds(long trial, OutageLog log) {
    System.arraycopy(failovers, 0, failoversBefore, 0, failovers.length);
    System.arraycopy(causeOutages, 0, causeOutagesBefore, 0, causeOutages.length);
    System.arraycopy(causeDowntime, 0, causeDowntimeBefore, 0, causeDowntime.length);
    System.arraycopy(causeUserHours, 0, causeUserHoursBefore, 0, causeUserHours.length);
    System.arraycopy(causeOutageWeight, 0, causeOutageWeightBefore, 0, causeOutageWeight.length);
    while (true) {
      kept.clear();
      sweep(trial);
      if (repairs.settle(events.size())) {
        if (log != null) {
          kept.replay(log);
        }
        return;
      }
      System.arraycopy(failoversBefore, 0, failovers, 0, failovers.length);
      System.arraycopy(causeOutagesBefore, 0, causeOutages, 0, causeOutages.length);
      System.arraycopy(causeDowntimeBefore, 0, causeDowntime, 0, causeDowntime.length);
      System.arraycopy(causeUserHoursBefore, 0, causeUserHours, 0, causeUserHours.length);
      System.arraycopy(causeOutageWeightBefore, 0, causeOutageWeight, 0, causeOutageWeight.length);
      accounting.clearTrial();
      data.clear();
      sampleHazards(trial);
    }
  }

  /**
   * Phase 2: from instant to instant (an event, or a standby joining), the state at each instant;
   * user impact over each service's windows between the instants that cut it ({@link Cuts}).
   */
  private void sweep(long trial) {
    state.startSweep(trial);
    accounting.startSweep(forcing.scenario());
    curves.startSweep();
    integration.startSweep();
    data.startSweep(trial);
    if (falls != null) {
      falls.startSweep();
    }
    final boolean judge = repairs.on();
    if (judge) {
      repairs.startSweep();
    }
    double t = 0;
    if (healthyAtRest && !curves.on() && events.size() > 0 && events.firstTime() > 0) {
      // Every service is fully served from 0 to the first event: nothing to integrate, no
      // failover to start, no repair to judge. Begin there.
      t = Math.min(events.firstTime(), horizon);
      if (judge) {
        t = Math.min(t, repairs.nextTime());
      }
    }
    final int[] cut = cuts.list;
    boolean firstInstant = true;
    while (true) {
      // The services whose served fraction may change at t end their window there, integrated
      // with the state before t. Then apply every event at time t, keeping the blocking ones:
      // served fractions can only fall where a site becomes blocked (or at t = 0, a deployment
      // short of capacity), and a drop is blamed on a blocking event at a site the service
      // depends on. Anything else that looks like a fall is rounding at a ramp's end.
      if (t == 0) {
        cuts.all();
      } else {
        cuts.mark(t, events, state);
        if (lags != null) {
          lags.mark(t, cuts);
        }
        if (falls != null) {
          falls.mark(t, cuts);
        }
      }
      int n = cuts.size();
      integration.closeRamps(t, cut, n);
      events.applyDue(t, state);
      if (state.incremental && !cuts.everyone() && !firstInstant) {
        // Only the services this instant can change are computed again (the first instant
        // computes them all: the state before it is the last trial's).
        state.siteCapacities(t);
        state.serveSome(t, cuts.cut, cuts.recompute(state));
      } else {
        state.capacities(t);
        state.settleAndServe(t, cuts.cut);
      }
      state.startFailovers(t, cut, n);
      if (judge) {
        // An outage whose repair needs services starts at t: judged after everything at t.
        repairs.observe(t, state.served);
      }
      integration.instant(t, cut, n, events);
      double tNext =
          state.nextJoin(
              t,
              judge
                  ? Math.min(events.nextTime(horizon), repairs.nextTime())
                  : events.nextTime(horizon));
      if (falls != null) {
        // Where a curve falls, every crossing of a slo, a demand or a cap is an instant.
        tNext = falls.next(t, tNext, cuts.cut);
      }
      if (lags != null) {
        // A hold of a recovery lag ends, or a dependency's outage ends within a ramp: instants.
        lags.endInstant(state.served);
        tNext = lags.next(t, tNext, state);
      }
      if (data.on()) {
        data.instant(t, tNext, state);
      }
      if (curves.on() && tNext > t) {
        curves.record(t, tNext, state.ramping(), state);
      }
      if (tNext >= horizon) {
        break;
      }
      t = tNext;
      firstInstant = false;
    }
    cuts.all();
    integration.end(horizon, cut, cuts.size());
    accounting.finish(horizon);
    if (data.on()) {
      data.finish();
    }
  }
}
