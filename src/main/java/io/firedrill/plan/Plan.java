package io.firedrill.plan;

import io.firedrill.dist.Distribution;
import io.firedrill.dist.Exponential;
import io.firedrill.dist.Gamma;
import io.firedrill.dist.LogNormal;
import io.firedrill.dist.Weibull;
import io.firedrill.model.ActivityProfile;
import io.firedrill.model.CommonCause;
import io.firedrill.model.Damage;
import io.firedrill.model.Data;
import io.firedrill.model.Effect;
import io.firedrill.model.Fire;
import io.firedrill.model.Grid;
import io.firedrill.model.Hazard;
import io.firedrill.model.HazardKind;
import io.firedrill.model.HazardRef;
import io.firedrill.model.Model;
import io.firedrill.model.Network;
import io.firedrill.model.Place;
import io.firedrill.model.Placement;
import io.firedrill.model.RepairNeeds;
import io.firedrill.model.Service;
import io.firedrill.model.Site;
import io.firedrill.model.Zone;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A validated model compiled into primitive arrays, the only thing the trial kernel reads.
 *
 * <p>Sites, grids and networks keep the model's order; services are in dependency order (each after
 * everything it requires), so one pass computes served fractions. Distributions are numbered; the
 * kernel binds one sampler per number to its own random stream.
 *
 * <p>Hazards are one table: hazard h is the model's h-th hazard ({@link Model#hazards}: by kind in
 * {@link HazardKind} order, then by target in the model's order), with its {@link HazardEffect},
 * the grid, network or site it strikes, its distributions and its random source. Every hazard, and
 * every generator (when it fails during a grid outage), can begin an outage and has a cause id,
 * which indexes {@link #causeNames}:
 *
 * <pre>
 *   KIND@TARGET  0 .. hazards-1: hazard h is cause h
 *                (grid@G, routing@N, fire@S, fault@S, cooling@S)
 *   generator@S  then one per site with a generator
 *   baseline     last: a service short of capacity with every site up
 * </pre>
 *
 * <p>Arrays are public and final for the kernel's sake; nothing writes them after compilation.
 */
public final class Plan {
  /** Marks an absent distribution or reference. */
  public static final int NONE = -1;

  public final String modelName;
  public final double horizonHours;
  public final List<Distribution> distributions;

  /**
   * Per distribution id: its cumulative hazard Λ(x) = (x / scale)^shape, for importance sampling by
   * time scaling (docs/simulation.md, "Importance sampling"): the shape k (1 for an exponential,
   * the Weibull shape) and the scale in hours (the exponential's mean, the Weibull scale); both NaN
   * for a family whose Λ has no closed form here (lognormal, gamma, uniform, triangular, fixed,
   * never). Only these times to failure can be tilted.
   */
  public final double[] hazardShape;

  /** See {@link #hazardShape}. */
  public final double[] hazardScale;

  /**
   * Per distribution id, for importance sampling of durations (an outage drawn G times longer): how
   * its log density ratio is computed, {@link #DURATION_WEIBULL} (exponential or Weibull, with
   * {@link #hazardShape} and {@link #hazardScale}), {@link #DURATION_LOGNORMAL} (μ and σ of the log
   * in {@link #durationA} and {@link #durationB}), {@link #DURATION_GAMMA} (shape and scale in
   * hours in the same), or {@link #NONE} for a family whose support a scaling moves (uniform,
   * triangular, fixed, never).
   */
  public final int[] durationFamily;

  /** See {@link #durationFamily}. */
  public final double[] durationA;

  /** See {@link #durationFamily}. */
  public final double[] durationB;

  /** {@link #durationFamily} of an exponential or Weibull distribution. */
  public static final int DURATION_WEIBULL = 0;

  /** {@link #durationFamily} of a lognormal distribution. */
  public static final int DURATION_LOGNORMAL = 1;

  /** {@link #durationFamily} of a gamma distribution. */
  public static final int DURATION_GAMMA = 2;

  // Grids and networks.
  public final int grids;

  /** Per grid, the sites it feeds, in the model's order. */
  public final int[][] gridSites;

  /**
   * Per site, the grids that feed it, in the order of its {@code grid} list: with two or more,
   * utility is lost only while all of them are out (docs/simulation.md, "Power").
   */
  public final int[][] siteFeeds;

  /**
   * Per site: how many of its feeds must be up for it to have utility ({@code feeds_needed}, 1 to
   * {@code siteFeeds[s].length}; 1 without a grid).
   */
  public final int[] feedsNeeded;

  /** Per grid: whether it feeds a site with two or more feeds (its outages are kept to combine). */
  public final boolean[] feedsSeveral;

  /** Per grid, the sites it feeds alone (their only feed), in the model's order. */
  public final int[][] gridSoleSites;

  /**
   * The sites whose utility is computed from timelines once every hazard is sampled, in order:
   * those with two or more feeds, and those an effect cuts the power of ({@link #effectKind} {@code
   * POWER}): their outages of utility are the times enough feeds are out, with the cuts added.
   */
  public final int[] utilitySites;

  /** The grids that feed a site with two or more feeds ({@link #feedsSeveral}), in order. */
  public final int[] severalFeedGrids;

  public final int networks;

  // Hazards, in cause order: hazard h is cause h.
  public final int hazards;

  /** Per hazard: what it does to the sites it strikes, which chooses the engine's sampler. */
  public final HazardEffect[] hazardEffect;

  /** Per hazard: the grid ({@code SUPPLY_OUTAGE}), network ({@code NETWORK_DOWN}) or site. */
  public final int[] hazardTarget;

  /** Per hazard: the distribution id of its time to failure (a fire's: to ignition). */
  public final int[] hazardTtf;

  /** Per hazard: the distribution id of its outage (a fire's: its dark time). */
  public final int[] hazardOutage;

  /**
   * Per hazard: its ride-through, hours (a cooling failure's: the site's {@code ride_through}; 0
   * for every other kind): a failure of outage D blocks its target over [t + r, t + D), nothing if
   * D ≤ r.
   */
  public final double[] hazardRideThrough;

  /**
   * Per unit (a site, or a zone, {@link #units}): the probability that a loss of the site's utility
   * trips the unit's own chillers ({@code cooling.trips}), 0 without cooling.
   */
  public final double[] coolingTrips;

  /**
   * Per unit: the hazard id of its own cooling ({@code cooling@S}, {@code cooling@S/Z}), or NONE.
   */
  public final int[] coolingHazard;

  /**
   * Per site: the units whose chillers a loss of its utility may trip ({@link #coolingTrips} above
   * 0): the site itself, then its zones, in order.
   */
  public final int[][] siteTripUnits;

  /**
   * Per hazard: the ids of the effects each of its failures sets off ({@code also}: cascades), in
   * the model's order; empty for none. Effect e strikes site {@link #effectSite}[e].
   */
  public final int[][] hazardAlso;

  /**
   * Per hazard with effects (or a grid feeding a site whose chillers trip): how far back before t =
   * 0 a stationary background draws its history, hours (0 for the others): the 1 − {@value
   * #WARM_UP_TAIL} quantile of its onset plus the largest, over its effects, of the quantiles of
   * the delay and the outage (the effect's, or the hazard's own), and of its damage's outage and
   * repair (times the slowest staffing factor), so that effects and repairs of failures before t =
   * 0 that reach past it are included (docs/simulation.md, "Cascades", "Damage"). At most the
   * longest horizon.
   */
  public final double[] hazardWarmUp;

  /** The tail left out of a stationary start's warm-up ({@link #hazardWarmUp}), per failure. */
  public static final double WARM_UP_TAIL = 1e-9;

  /** Per effect: the unit it strikes (a site, or a zone for dark and cooling, {@link #units}). */
  public final int[] effectSite;

  /** Per effect: what it does there. */
  public final Effect.Kind[] effectKind;

  /** Per effect: the distribution id of its delay, or {@link #NONE} (at once). */
  public final int[] effectDelay;

  /** Per effect: the distribution id of its outage, or {@link #NONE} (the initiating outage's). */
  public final int[] effectOutage;

  /** Per effect: the probability that a failure sets it off. */
  public final double[] effectProbability;

  /**
   * Per effect: how long after its start it takes hold, hours: for a {@code cooling} effect, the
   * ride-through of its unit's cooling (a zone without one: its site's; 0 without cooling); 0 for
   * the other kinds.
   */
  public final double[] effectRideThrough;

  /**
   * Per effect: its random source, {@link #sourceId} of {@code KIND@TARGET>SITE} ({@code
   * fire@sbg2>sbg1}), drawn at the hazard's n-th failure in the trial with draw number n.
   */
  public final long[] effectSource;

  /**
   * Per hazard: the id of the damage its outages do at its target ({@code damage} of a fire, fault
   * or cooling: an index into the damage table, {@link #damageRepair} and the arrays after it), or
   * {@link #NONE} (docs/simulation.md, "Damage").
   */
  public final int[] hazardDamage;

  /**
   * Per site: the grids (hazard ids) whose outages may damage its hardware when power returns (a
   * surge: {@code grids.G.damage}), and the id of each one's damage at this site ({@code
   * siteSurgeDamage}, parallel); empty for none. Source {@code grid@G:damage@S}.
   */
  public final int[][] siteSurgeHazard;

  public final int[][] siteSurgeDamage;

  /**
   * Per effect: the id of the damage it does where it strikes ({@code dark}, {@code cooling}), or
   * NONE.
   */
  public final int[] effectDamage;

  /**
   * The damage table, by damage id: the distribution id of the repair ({@code damage.repair}), or
   * {@link #NONE} for hardware that is always destroyed.
   */
  public final int[] damageRepair;

  /** By damage id: probability that an outage damages hardware ({@code damage.probability}). */
  public final double[] damageProbability;

  /** By damage id: the share of its unit's capacity an outage damages ({@code damage.share}). */
  public final double[] damageShare;

  /** By damage id: probability that damaged hardware is destroyed ({@code damage.destroyed}). */
  public final double[] damageDestroyed;

  /** By damage id: the unit whose hardware it damages (a site, or a zone; {@link #units}). */
  public final int[] damageUnit;

  /**
   * By damage id: its random source, {@link #sourceId} of the damaging hazard's or effect's source
   * name followed by {@code :damage} ({@code fire@pangyo/battery:damage}, {@code
   * fire@sbg2>sbg1:damage}), drawn at the n-th outage of the hazard (failure, for an effect) with
   * draw number n.
   */
  public final long[] damageSource;

  /**
   * Per hazard: the distribution id of its onset, the delay from each failure to its outage, or
   * {@link #NONE} (the outage begins at the failure; always for fires).
   */
  public final int[] hazardOnset;

  /**
   * Per hazard: its random source, {@link #sourceId} of its name ({@code grid@G}, {@code
   * routing@N}, {@code fire@S}, {@code fault@S}, {@code cooling@S}), from which it draws its times
   * to failure and outages (a fire also its containment and restore times).
   */
  public final long[] hazardSource;

  /**
   * Per hazard: the services its repair needs ({@code needs}), empty for none; each outage that
   * begins while one of them is served below its slo lasts a draw of {@link #hazardManual} instead
   * of its outage (docs/simulation.md, "Repair that needs services").
   */
  public final int[][] hazardNeeds;

  /** Per hazard: the distribution id of its manual repair ({@code manual}), or {@link #NONE}. */
  public final int[] hazardManual;

  /**
   * Per hazard with needs: the random source of its manual repairs, {@link #sourceId} of its name
   * followed by {@code :manual} ({@code routing@backbone:manual}), drawn at the hazard's n-th
   * outage from t = 0 with draw number n (0 for a hazard without needs).
   */
  public final long[] hazardManualSource;

  /** Whether some hazard's repair needs services (a trial may then be swept more than once). */
  public final boolean anyRepairNeeds;

  /**
   * What the sampling of hazards into site timelines reads, as the model gave it: the grids,
   * networks, sites (with their hazards, generators, restarts, zones, fires), common causes,
   * staffing, activity profile and the horizon of this plan; everything of the model but its name,
   * description, trial count, seed, services, prices and the other horizon ({@link
   * #HAZARD_INPUTS_LEFT_OUT}). Two plans with equal inputs sample every trial's timelines alike,
   * unless a repair needs services ({@link #sameHazards}).
   */
  private final List<Object> hazardInputs;

  /**
   * The components of {@link Model} that {@link #hazardInputs} leaves out: what sampling does not
   * read. A component the model gains is a hazard input until it is listed here, so that a new
   * field can make two plans' hazards differ but never make them wrongly equal (SharedHazardsTest
   * checks that every name listed is a component).
   */
  public static final List<String> HAZARD_INPUTS_LEFT_OUT =
      List.of(
          "name",
          "description",
          "horizonHours",
          "scenarioHorizonHours",
          "trials",
          "seed",
          "services",
          "prices");

  /**
   * Whether this plan and {@code other} sample the same hazards: given one seed, trial and
   * scenario, the same site timelines, so that a sweep's points can share them ({@link
   * io.firedrill.engine.Kernel#Kernel(Plan, long, io.firedrill.engine.Kernel)}). True when every
   * hazard input of the two models is equal (records compared by value) and neither has a repair
   * that needs services (whose timelines then depend on how the services fared).
   */
  public boolean sameHazards(Plan other) {
    return hazardsKey() != null && hazardsKey().equals(other.hazardsKey());
  }

  /**
   * A value equal for two plans exactly when they {@link #sameHazards} (for grouping plans in a
   * hash map), or null for a plan whose timelines depend on its services (a repair needs them).
   */
  public Object hazardsKey() {
    return anyRepairNeeds ? null : hazardInputs;
  }

  /** Per hazard with {@code DARK_THEN_RAMP}: probability an ignition is contained (else 0). */
  public final double[] hazardContained;

  /** Per hazard with {@code DARK_THEN_RAMP}: its restore distribution id (else {@link #NONE}). */
  public final int[] hazardRestore;

  /**
   * Per hazard with {@code DARK_THEN_RAMP}: its restore curve, fractions of the restore time and
   * capacity there; null = linear (and for every other effect).
   */
  public final double[][] hazardCurveAt;

  public final double[][] hazardCurveCapacity;

  /**
   * Per unit, its {@code DARK_THEN_RAMP} hazards in cause order: sampled after the site's other
   * losses are known (they write its ramps, in time order).
   */
  public final int[][] siteRampHazards;

  // Sites.
  public final int sites;
  public final String[] siteNames;

  // Units: what a hazard strikes and what holds capacity. Unit s < sites is site s itself; the
  // zones of the sites follow, site by site in the model's order, each zone of a site in its order.
  // A site without zones is its own only unit; a site with zones has no capacity of its own (its
  // capacity factor is its zones' by share) and its hazards strike every zone.

  /** Sites plus zones. */
  public final int units;

  /** Per unit: its name, the site's or {@code SITE/ZONE}. */
  public final String[] unitNames;

  /** Per unit: the site it belongs to (itself for u < sites). */
  public final int[] unitSite;

  /** Per site: its zones' units in order; empty for a site without zones. */
  public final int[][] siteZones;

  /**
   * Per unit: the units that hold its hardware, where its capacity factor comes from: a site's
   * zones in order for a site with zones, else the unit itself.
   */
  public final int[][] unitParts;

  /** Per unit: its share of the site's capacity (1 for a site). */
  public final double[] unitShare;

  /**
   * Per site with zones: the sum of its zones' shares in zone order (1 within 1e-9), by which its
   * capacity factor divides, so that it is exactly 1 with every zone up and 0 with every zone dark.
   */
  public final double[] siteShareSum;

  /** Per site: its zones on utility power alone (single-corded, {@code power: utility}). */
  public final int[][] siteSingleCorded;

  /** The sites with zones, in order. */
  public final int[] zonedSites;

  /**
   * The units that hold timelines in the model's order: each site without zones, or the zones of a
   * site with them, site by site. Events at one instant are applied in this order, so that a site
   * with zones ties with the others as the site without them would.
   */
  public final int[] unitOrder;

  public final int[][] siteNetworks;
  public final double[] upsHours;
  public final double[] reconvergeHours;

  /** Per site: traffic through the first network up (true) or shared by all that are up. */
  public final boolean[] primaryNetwork;

  public final boolean[] hasGenerator;
  public final double[] failToStart;
  public final double[] generatorFailuresPerHour;

  /** Per site: how many generators it has (0 without), and how many must run (k of n). */
  public final int[] generatorCount;

  public final int[] generatorNeeded;

  /** Per site: the distribution id of its generator's repair, or {@link #NONE}. */
  public final int[] generatorRepair;

  public final int[] restart;

  /**
   * Per site: its restart curve's time fractions and capacities ({@code restart_curve}), or null
   * for a step: capacity returns only when the restart is over.
   */
  public final double[][] restartCurveAt;

  public final double[][] restartCurveCapacity;

  /**
   * Per site: the distribution id of its {@code reconnect}, the time over which traffic returns
   * after all its networks were down, or {@link #NONE} (at once).
   */
  public final int[] reconnect;

  /** Per site: {@code reconnect@S}, its reconnect times, one per unreachable interval. */
  public final long[] reconnectSource;

  // Services, in dependency order.
  public final int services;
  public final String[] serviceNames;

  /** Per service, its index in the model's own order (which keeps its colour in every chart). */
  public final int[] serviceModelIndex;

  public final double[] users;
  public final double[] demand;
  public final double[] slo;

  /** Recovery-time objective in hours, or NaN for none. */
  public final double[] rtoHours;

  /**
   * Per service: the unit ({@link #units}) of its data's primary copy, or {@link #NONE} for a
   * service without data (docs/simulation.md, "Data loss").
   */
  public final int[] dataPrimary;

  /** Per service: the unit of its replica, or {@link #NONE}. */
  public final int[] dataReplica;

  /**
   * Per service: how many hours of writes its replica lacks when the primary is lost: 0 for
   * synchronous replication, the lag for asynchronous (unused without a replica).
   */
  public final double[] dataReplicaLag;

  /** Per service: the unit that holds its backups, or {@link #NONE}. */
  public final int[] dataBackup;

  /** Per service: hours between two backups (NaN without backups). */
  public final double[] dataBackupInterval;

  /** Per service: recovery-point objective in hours of writes, or NaN for none. */
  public final double[] rpoHours;

  /** The services with data, in dependency order. */
  public final int[] dataServices;

  /** Whether some service has data (its data-loss metrics are then reported). */
  public boolean hasData() {
    return dataServices.length > 0;
  }

  /**
   * Per service: {@code backup@A}, the phase of its backups in each trial (one uniform, draw 0; 0
   * for a service without backups).
   */
  public final long[] backupSource;

  /**
   * Per service, where each active placement is: a unit ({@link #units}); a placement on a site
   * with zones is unit s, whose capacity factor is that of its zones by share.
   */
  public final int[][] deploySite;

  public final double[][] deployCapacity;
  public final int[][] standbySite;
  public final double[][] standbyCapacity;

  /**
   * Restoration order (docs/simulation.md, "Restoration order"), per service, active placement (as
   * {@link #deploySite}) and part: a placement on a site without zones, or on a zone, has one part,
   * its unit; one on a site with zones has a part per zone ({@link #siteZones} order), which holds
   * the zone's share of it. Where services of more than one restore priority have capacity in a
   * part's unit, the placement's class holds [low, low + width) of that unit's capacity (fractions
   * of it, higher priorities below), and the part's capacity factor is {@code clamp((c − low) /
   * width, 0, 1)} for the unit's factor c; NaN width where the unit has one class (the factor is c
   * itself). Null for a placement with no part in an order.
   */
  public final double[][][] deployClassLow;

  /** See {@link #deployClassLow}. */
  public final double[][][] deployClassWidth;

  /** As {@link #deployClassLow}, for the standby placements ({@link #standbySite}). */
  public final double[][][] standbyClassLow;

  /** See {@link #standbyClassLow}. */
  public final double[][][] standbyClassWidth;

  /** Whether some unit restores its services in an order ({@link #deployClassLow}). */
  public final boolean restoreOrder;

  /**
   * By service: the site fractions of its own restore curve (docs/simulation.md, "A service's own
   * restoration"), increasing from 0 to 1, or null for a service without one; {@link
   * #restoreCurveValue} holds the service fractions. A placement of such a service at a unit (each
   * part of it, on a site with zones) has the curve's value at the unit's capacity factor, linear
   * between points, and is in no restoration order.
   */
  public final double[][] restoreCurveAt;

  /** See {@link #restoreCurveAt}: the service fractions, from 0 to 1. */
  public final double[][] restoreCurveValue;

  /** Whether some service has its own restore curve ({@link #restoreCurveAt}). */
  public final boolean anyRestoreCurve;

  /**
   * Whether some curve falls somewhere (a fire's restore curve, a restart curve or a service's own
   * restore curve with a point below the one before it): served fractions may then fall within a
   * segment of the sweep, and the kernel makes every crossing of a slo, a demand or a cap an
   * instant (docs/simulation.md, "Curves that fall").
   */
  public final boolean anyFall;

  public final boolean[] hasFailover;
  public final int[] failoverTime;
  public final double[] failoverSuccess;
  public final int[][] failoverNeeds;
  public final int[] failoverManual;
  public final int[][] requires;

  /**
   * Per service a: the services it requires with a recovery lag ({@code requires_lag}), in the
   * order of its {@code requires} (docs/simulation.md, "Recovery lag").
   */
  public final int[][] lagDep;

  /** Per service a: the recovery lags, hours above 0, parallel to {@link #lagDep}. */
  public final double[][] lagHours;

  /** Whether some service has a recovery lag. */
  public final boolean anyLag;

  /**
   * Every service a service depends on, directly or through others, each once, in dependency order:
   * its served fraction is its own fraction times the own fractions of these (a diamond's shared
   * base counts once).
   */
  public final int[][] requiresClosure;

  /**
   * Units whose loss can lower a service's served fraction, sorted: where it or anything in its
   * {@link #requiresClosure} is deployed or on standby (a placement on a site with zones: every
   * zone of it). A drop of the served fraction is attributed only to an event at one of these
   * units.
   */
  public final int[][] footprint;

  // Activity profile: cumulative weight at each hour of the week, and t = 0 in week hours.
  public final boolean flatProfile;
  public final double[] weekWeights;
  public final double[] weekCumulative;
  public final double startWeekHour;

  /** Whether the model has a staffing profile (a factor other than 1 at some hour). */
  public final boolean staffed;

  /** Per hour of the week: the pace of recovery work, 1 / the staffing factor. */
  private final double[] staffingPace;

  /** Work done from Monday 00:00 to the start of each hour of the week (169 entries). */
  private final double[] staffingWork;

  // Causes: the hazards', then the generators', then baseline.
  public final String[] causeNames;

  /** Per site: the cause id of its generator's failures, or {@link #NONE} without a generator. */
  public final int[] generatorCause;

  public final int causeBaseline;

  // Random sources besides the hazards' own ({@link #hazardSource}): the stable ids of everything
  // else that draws ({@link #sourceId} of its name).

  /**
   * Per site: {@code power@S}, the generator's fail-to-start and running time at each outage of the
   * site's supply (draw number n is the site's n-th supply outage of the trial).
   */
  public final long[] powerSource;

  /** Per site: {@code restart@S}, its restarts after power losses, faults and cooling failures. */
  public final long[] restartSource;

  /**
   * Per service: {@code failover@A}, the success and times of its failovers (draw number n is the
   * service's n-th failover of the trial).
   */
  public final long[] failoverSource;

  private Plan(Model m, double horizonHours) {
    this.modelName = m.name();
    this.hazardInputs = hazardInputs(m, horizonHours);
    this.horizonHours = horizonHours;
    List<Distribution> dists = new ArrayList<>();
    Map<Distribution, Integer> ids = new HashMap<>();

    grids = m.grids().size();
    // Inverted from the sites' feed lists, not grid by grid through every list: linear in the
    // number of feeds (a site may list thousands).
    Map<String, Integer> gridIndex = indexOf(m.grids().stream().map(Grid::name).toList());
    List<List<Integer>> fed = new ArrayList<>();
    for (int g = 0; g < grids; g++) {
      fed.add(new ArrayList<>());
    }
    for (int s = 0; s < m.sites().size(); s++) {
      for (String g : m.sites().get(s).grids()) {
        fed.get(gridIndex.get(g)).add(s);
      }
    }
    gridSites = new int[grids][];
    for (int g = 0; g < grids; g++) {
      gridSites[g] = fed.get(g).stream().mapToInt(Integer::intValue).toArray();
    }
    networks = m.networks().size();
    siteFeeds = new int[m.sites().size()][];
    feedsNeeded = new int[m.sites().size()];
    feedsSeveral = new boolean[grids];
    for (int s = 0; s < m.sites().size(); s++) {
      siteFeeds[s] = m.sites().get(s).grids().stream().mapToInt(gridIndex::get).toArray();
      feedsNeeded[s] = m.sites().get(s).feedsNeeded();
      if (siteFeeds[s].length > 1) {
        for (int g : siteFeeds[s]) {
          feedsSeveral[g] = true;
        }
      }
    }
    // A site whose power an effect cuts takes its utility from timelines, as one with several
    // feeds does: its grid's outages are kept, and it is not among the grid's sole sites.
    java.util.Set<String> cutNames = m.powerCutSites();
    boolean[] cut = new boolean[m.sites().size()];
    for (int s = 0; s < cut.length; s++) {
      cut[s] = cutNames.contains(m.sites().get(s).name());
    }
    for (int s = 0; s < m.sites().size(); s++) {
      if (cut[s]) {
        for (int g : siteFeeds[s]) {
          feedsSeveral[g] = true;
        }
      }
    }
    gridSoleSites = new int[grids][];
    for (int g = 0; g < grids; g++) {
      gridSoleSites[g] =
          IntStream.of(gridSites[g]).filter(s -> siteFeeds[s].length == 1 && !cut[s]).toArray();
    }
    utilitySites =
        IntStream.range(0, siteFeeds.length)
            .filter(s -> siteFeeds[s].length > 1 || cut[s])
            .toArray();
    severalFeedGrids = IntStream.range(0, grids).filter(g -> feedsSeveral[g]).toArray();

    sites = m.sites().size();
    siteNames = new String[sites];
    siteNetworks = new int[sites][];
    upsHours = new double[sites];
    reconvergeHours = new double[sites];
    primaryNetwork = new boolean[sites];
    hasGenerator = new boolean[sites];
    failToStart = new double[sites];
    generatorFailuresPerHour = new double[sites];
    generatorRepair = new int[sites];
    generatorCount = new int[sites];
    generatorNeeded = new int[sites];
    restart = new int[sites];
    restartCurveAt = new double[sites][];
    restartCurveCapacity = new double[sites][];
    reconnect = new int[sites];
    List<String> netNames = m.networks().stream().map(Network::name).toList();
    // Name to index through maps: a list's indexOf per reference made wide models quadratic.
    Map<String, Integer> netIndex = indexOf(netNames);
    for (int s = 0; s < sites; s++) {
      Site site = m.sites().get(s);
      siteNames[s] = site.name();
      siteNetworks[s] = site.networks().stream().mapToInt(netIndex::get).toArray();
      upsHours[s] = site.upsHours();
      reconvergeHours[s] = site.reconvergeHours();
      primaryNetwork[s] = site.networkMode() == Site.NetworkMode.PRIMARY;
      hasGenerator[s] = site.generator() != null;
      failToStart[s] = hasGenerator[s] ? site.generator().failToStart() : 0;
      generatorFailuresPerHour[s] = hasGenerator[s] ? site.generator().failuresPerRunningHour() : 0;
      restart[s] = site.restart() == null ? NONE : id(site.restart(), dists, ids);
      restartCurveAt[s] = curveAt(site.restartCurve());
      restartCurveCapacity[s] = curveValue(site.restartCurve());
      reconnect[s] = site.reconnect() == null ? NONE : id(site.reconnect(), dists, ids);
      Distribution repair = hasGenerator[s] ? site.generator().repair() : null;
      generatorRepair[s] = repair == null ? NONE : id(repair, dists, ids);
      generatorCount[s] = hasGenerator[s] ? site.generator().count() : 0;
      generatorNeeded[s] = hasGenerator[s] ? site.generator().needed() : 0;
    }
    List<String> names = new ArrayList<>(List.of(siteNames));
    List<Integer> owner = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    List<Boolean> corded = new ArrayList<>();
    for (int s = 0; s < sites; s++) {
      owner.add(s);
      shares.add(1.0);
      corded.add(false);
    }
    siteZones = new int[sites][];
    siteSingleCorded = new int[sites][];
    for (int s = 0; s < sites; s++) {
      List<Zone> zs = m.sites().get(s).zones();
      siteZones[s] = new int[zs.size()];
      List<Integer> single = new ArrayList<>();
      for (int z = 0; z < zs.size(); z++) {
        siteZones[s][z] = names.size();
        if (zs.get(z).singleCorded()) {
          single.add(names.size());
        }
        names.add(Zone.path(siteNames[s], zs.get(z).name()));
        owner.add(s);
        shares.add(zs.get(z).share());
        corded.add(zs.get(z).singleCorded());
      }
      siteSingleCorded[s] = single.stream().mapToInt(Integer::intValue).toArray();
    }
    units = names.size();
    unitNames = names.toArray(new String[0]);
    unitSite = owner.stream().mapToInt(Integer::intValue).toArray();
    unitShare = shares.stream().mapToDouble(Double::doubleValue).toArray();
    unitParts = new int[units][];
    for (int u = 0; u < units; u++) {
      unitParts[u] = u < sites && siteZones[u].length > 0 ? siteZones[u] : new int[] {u};
    }
    zonedSites = IntStream.range(0, sites).filter(s -> siteZones[s].length > 0).toArray();
    siteShareSum = new double[sites];
    for (int s = 0; s < sites; s++) {
      double sum = 0;
      for (int z : siteZones[s]) {
        sum += unitShare[z];
      }
      siteShareSum[s] = siteZones[s].length > 0 ? sum : 1;
    }
    unitOrder =
        IntStream.range(0, sites)
            .flatMap(s -> siteZones[s].length > 0 ? IntStream.of(siteZones[s]) : IntStream.of(s))
            .toArray();
    // Sites and zones by name: what hazards, effects and placements name.
    Map<String, Integer> siteIndex = indexOf(List.of(unitNames));

    List<HazardRef> refs = m.hazards();
    Model.Index index = m.index();
    hazards = refs.size();
    hazardEffect = new HazardEffect[hazards];
    hazardTarget = new int[hazards];
    hazardTtf = new int[hazards];
    hazardOutage = new int[hazards];
    hazardOnset = new int[hazards];
    hazardSource = new long[hazards];
    hazardContained = new double[hazards];
    hazardRestore = new int[hazards];
    hazardCurveAt = new double[hazards][];
    hazardCurveCapacity = new double[hazards][];
    Map<Long, String> sourceNames = new HashMap<>();
    hazardAlso = new int[hazards][];
    hazardRideThrough = new double[hazards];
    coolingTrips = new double[units];
    coolingHazard = new int[units];
    Arrays.fill(coolingHazard, NONE);
    List<Effect> effects = new ArrayList<>();
    List<Long> effectSources = new ArrayList<>();
    List<String> effectSourceNames = new ArrayList<>();
    List<int[]> effectDists = new ArrayList<>();
    List<List<Integer>> ramps = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      ramps.add(new ArrayList<>());
    }
    Map<String, Integer> commonIndex =
        indexOf(m.commonCauses().stream().map(CommonCause::name).toList());
    // Each hazard's needs, read with its process; bound to services once they are indexed.
    RepairNeeds[] repairNeeds = new RepairNeeds[hazards];
    for (int h = 0; h < hazards; h++) {
      HazardRef ref = refs.get(h);
      HazardKind kind = ref.kind();
      hazardEffect[h] = HazardEffect.of(kind);
      int target =
          switch (kind.scope()) {
            case GRID -> gridIndex.get(ref.target());
            case NETWORK -> netIndex.get(ref.target());
            case SITE -> siteIndex.get(ref.target());
            case COMMON -> commonIndex.get(ref.target());
          };
      hazardTarget[h] = target;
      Hazard process =
          switch (kind.scope()) {
            case GRID -> m.grids().get(target).hazard();
            case COMMON -> m.commonCauses().get(target).hazard();
            case NETWORK -> m.networks().get(target).hazard();
            case SITE ->
                kind.isRenewal()
                    ? index.places().get(ref.target()).renewal(kind)
                    : new Hazard(
                        index.places().get(ref.target()).fire().timeToIgnition(),
                        index.places().get(ref.target()).fire().dark(),
                        index.places().get(ref.target()).fire().onset(),
                        List.of(),
                        null,
                        index.places().get(ref.target()).fire().repairNeeds());
          };
      repairNeeds[h] = process.repairNeeds();
      hazardTtf[h] = id(process.timeToFailure(), dists, ids);
      hazardOutage[h] = id(process.outage(), dists, ids);
      hazardOnset[h] = process.onset() == null ? NONE : id(process.onset(), dists, ids);
      hazardSource[h] = source(ref.name(), sourceNames);
      hazardRestore[h] = NONE;
      if (kind == HazardKind.COOLING) {
        Place place = index.places().get(ref.target());
        hazardRideThrough[h] = place.coolingRideThroughHours();
        coolingTrips[target] = place.coolingTrips();
        coolingHazard[target] = h;
      }
      if (kind == HazardKind.FIRE) {
        Fire f = index.places().get(ref.target()).fire();
        hazardContained[h] = f.contained();
        hazardRestore[h] = id(f.restore(), dists, ids);
        hazardCurveAt[h] = curveAt(f.restoreCurve());
        hazardCurveCapacity[h] = curveValue(f.restoreCurve());
      }
      if (hazardEffect[h] == HazardEffect.DARK_THEN_RAMP) {
        ramps.get(target).add(h);
      }
      List<Integer> mine = new ArrayList<>();
      for (Effect e : m.effects(ref, index)) {
        mine.add(effects.size());
        effects.add(e);
        String source = ref.name() + ">" + e.site();
        effectSourceNames.add(source);
        effectSources.add(source(source, sourceNames));
        effectDists.add(
            new int[] {
              e.delay() == null ? NONE : id(e.delay(), dists, ids),
              e.outage() == null ? NONE : id(e.outage(), dists, ids)
            });
      }
      hazardAlso[h] = mine.stream().mapToInt(Integer::intValue).toArray();
    }
    hazardDamage = new int[hazards];
    Arrays.fill(hazardDamage, NONE);
    List<Damage> damages = new ArrayList<>();
    List<String> damageNames = new ArrayList<>();
    List<Integer> damageUnits = new ArrayList<>();
    List<List<int[]>> surges = new ArrayList<>();
    for (int x = 0; x < sites; x++) {
      surges.add(new ArrayList<>());
    }
    for (int h = 0; h < hazards; h++) {
      Damage d = m.damage(refs.get(h), index);
      if (d == null) {
        continue;
      }
      if (hazardEffect[h] == HazardEffect.SUPPLY_OUTAGE) {
        // A grid's surge: one damage at each site it feeds, drawn from a source of its own.
        for (int x : gridSites[hazardTarget[h]]) {
          surges.get(x).add(new int[] {h, damages.size()});
          damages.add(d);
          damageNames.add(refs.get(h).name() + ":damage@" + siteNames[x]);
          damageUnits.add(x);
        }
        continue;
      }
      hazardDamage[h] = damages.size();
      damages.add(d);
      damageNames.add(refs.get(h).name() + ":damage");
      damageUnits.add(hazardTarget[h]);
    }
    siteSurgeHazard = new int[sites][];
    siteSurgeDamage = new int[sites][];
    for (int x = 0; x < sites; x++) {
      siteSurgeHazard[x] = surges.get(x).stream().mapToInt(v -> v[0]).toArray();
      siteSurgeDamage[x] = surges.get(x).stream().mapToInt(v -> v[1]).toArray();
    }
    effectDamage = new int[effects.size()];
    Arrays.fill(effectDamage, NONE);
    for (int e = 0; e < effects.size(); e++) {
      Damage d = effects.get(e).damage();
      if (d != null) {
        effectDamage[e] = damages.size();
        damages.add(d);
        damageNames.add(effectSourceNames.get(e) + ":damage");
        damageUnits.add(siteIndex.get(effects.get(e).site()));
      }
    }
    int nd = damages.size();
    damageRepair = new int[nd];
    damageProbability = new double[nd];
    damageShare = new double[nd];
    damageDestroyed = new double[nd];
    damageUnit = new int[nd];
    damageSource = new long[nd];
    for (int d = 0; d < nd; d++) {
      Damage x = damages.get(d);
      damageRepair[d] = x.repair() == null ? NONE : id(x.repair(), dists, ids);
      damageProbability[d] = x.probability();
      damageShare[d] = x.share();
      damageDestroyed[d] = x.destroyed();
      damageUnit[d] = damageUnits.get(d);
      damageSource[d] = source(damageNames.get(d), sourceNames);
    }
    siteTripUnits = new int[sites][];
    for (int s = 0; s < sites; s++) {
      IntStream own = IntStream.concat(IntStream.of(s), IntStream.of(siteZones[s]));
      siteTripUnits[s] = own.filter(u -> coolingTrips[u] > 0).toArray();
    }
    hazardWarmUp = new double[hazards];
    // A repair takes up to the slowest staffing factor times its drawn length (workDone).
    final double slowest = m.staffing().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    for (int h = 0; h < hazards; h++) {
      double reach = 0;
      for (int e : hazardAlso[h]) {
        int[] d = effectDists.get(e);
        double delay = d[0] == NONE ? 0 : tail(dists.get(d[0]));
        double outage = tail(dists.get(d[1] == NONE ? hazardOutage[h] : d[1]));
        reach = Math.max(reach, delay + outage);
      }
      // A loss of utility trips a site's chillers for the cooling's outage from that instant.
      if (hazardEffect[h] == HazardEffect.SUPPLY_OUTAGE) {
        for (int s : gridSites[hazardTarget[h]]) {
          reach = Math.max(reach, tripReach(s, dists));
        }
      }
      for (int e : hazardAlso[h]) {
        Effect ef = effects.get(e);
        if (ef.kind() == Effect.Kind.POWER) {
          int[] d = effectDists.get(e);
          double delay = d[0] == NONE ? 0 : tail(dists.get(d[0]));
          reach = Math.max(reach, delay + tripReach(siteIndex.get(ef.site()), dists));
        }
      }
      if (hazardDamage[h] != NONE) {
        // Damage is repaired from the end of an outage; destroyed hardware of a failure before
        // t = 0 is not carried into the trial (docs/simulation.md, "Damage").
        reach =
            Math.max(
                reach,
                tail(dists.get(hazardOutage[h]))
                    + slowest * repairTail(damageRepair[hazardDamage[h]], dists));
      }
      for (int e : hazardAlso[h]) {
        if (effectDamage[e] != NONE) {
          int[] d = effectDists.get(e);
          double delay = d[0] == NONE ? 0 : tail(dists.get(d[0]));
          double outage = tail(dists.get(d[1] == NONE ? hazardOutage[h] : d[1]));
          reach =
              Math.max(
                  reach,
                  delay + outage + slowest * repairTail(damageRepair[effectDamage[e]], dists));
        }
      }
      // A fire that is always contained sets nothing off.
      if (reach > 0
          && !(hazardEffect[h] == HazardEffect.DARK_THEN_RAMP && hazardContained[h] == 1)) {
        double onset = hazardOnset[h] == NONE ? 0 : tail(dists.get(hazardOnset[h]));
        hazardWarmUp[h] = Math.min(onset + reach, io.firedrill.dist.Units.MAX_HORIZON_HOURS);
      }
    }
    int ne = effects.size();
    effectSite = new int[ne];
    effectKind = new Effect.Kind[ne];
    effectDelay = new int[ne];
    effectOutage = new int[ne];
    effectProbability = new double[ne];
    effectRideThrough = new double[ne];
    effectSource = new long[ne];
    for (int e = 0; e < ne; e++) {
      effectSite[e] = siteIndex.get(effects.get(e).site());
      effectKind[e] = effects.get(e).kind();
      effectDelay[e] = effectDists.get(e)[0];
      effectOutage[e] = effectDists.get(e)[1];
      effectProbability[e] = effects.get(e).probability();
      if (effectKind[e] == Effect.Kind.COOLING) {
        int c = coolingHazard[effectSite[e]];
        if (c == NONE) {
          c = coolingHazard[unitSite[effectSite[e]]];
        }
        effectRideThrough[e] = c == NONE ? 0 : hazardRideThrough[c];
      }
      effectSource[e] = effectSources.get(e);
    }
    siteRampHazards = new int[units][];
    for (int u = 0; u < units; u++) {
      siteRampHazards[u] = ramps.get(u).stream().mapToInt(Integer::intValue).toArray();
    }

    List<Service> order = m.dependencyOrder();
    List<String> svcNames = order.stream().map(Service::name).toList();
    Map<String, Integer> serviceIndex = indexOf(svcNames);
    Map<String, Integer> fileIndex = indexOf(m.services().stream().map(Service::name).toList());
    services = order.size();
    serviceNames = svcNames.toArray(new String[0]);
    serviceModelIndex = order.stream().mapToInt(x -> fileIndex.get(x.name())).toArray();
    users = new double[services];
    demand = new double[services];
    slo = new double[services];
    rtoHours = new double[services];
    rpoHours = new double[services];
    dataPrimary = new int[services];
    dataReplica = new int[services];
    dataReplicaLag = new double[services];
    dataBackup = new int[services];
    dataBackupInterval = new double[services];
    deploySite = new int[services][];
    deployCapacity = new double[services][];
    standbySite = new int[services][];
    standbyCapacity = new double[services][];
    hasFailover = new boolean[services];
    failoverTime = new int[services];
    failoverSuccess = new double[services];
    failoverNeeds = new int[services][];
    failoverManual = new int[services];
    requires = new int[services][];
    lagDep = new int[services][];
    lagHours = new double[services][];
    boolean anyLags = false;
    for (int a = 0; a < services; a++) {
      Service svc = order.get(a);
      users[a] = svc.users();
      demand[a] = svc.demand();
      slo[a] = svc.slo();
      rtoHours[a] = svc.rtoHours().isPresent() ? svc.rtoHours().getAsDouble() : Double.NaN;
      rpoHours[a] = svc.rpoHours().isPresent() ? svc.rpoHours().getAsDouble() : Double.NaN;
      Data data = svc.data();
      dataPrimary[a] = data == null ? NONE : siteIndex.get(data.primary());
      dataReplica[a] =
          data == null || data.replica() == null ? NONE : siteIndex.get(data.replica());
      dataReplicaLag[a] = data == null ? 0 : data.lagHours();
      dataBackup[a] = data == null || data.backup() == null ? NONE : siteIndex.get(data.backup());
      dataBackupInterval[a] = data == null ? Double.NaN : data.backupIntervalHours();
      deploySite[a] = svc.deploy().stream().mapToInt(p -> siteIndex.get(p.site())).toArray();
      deployCapacity[a] = svc.deploy().stream().mapToDouble(Placement::capacity).toArray();
      standbySite[a] = svc.standby().stream().mapToInt(p -> siteIndex.get(p.site())).toArray();
      standbyCapacity[a] = svc.standby().stream().mapToDouble(Placement::capacity).toArray();
      hasFailover[a] = svc.failover() != null;
      failoverTime[a] = hasFailover[a] ? id(svc.failover().time(), dists, ids) : NONE;
      failoverSuccess[a] = hasFailover[a] ? svc.failover().success() : 0;
      failoverNeeds[a] =
          hasFailover[a]
              ? svc.failover().needs().stream().mapToInt(serviceIndex::get).toArray()
              : new int[0];
      failoverManual[a] =
          hasFailover[a] && svc.failover().manual() != null
              ? id(svc.failover().manual(), dists, ids)
              : NONE;
      requires[a] = svc.requires().stream().mapToInt(serviceIndex::get).toArray();
      List<String> lagged = svc.requires().stream().filter(svc.requiresLag()::containsKey).toList();
      lagDep[a] = lagged.stream().mapToInt(serviceIndex::get).toArray();
      lagHours[a] = lagged.stream().mapToDouble(svc.requiresLag()::get).toArray();
      anyLags |= lagged.size() > 0;
    }
    anyLag = anyLags;
    hazardNeeds = new int[hazards][];
    hazardManual = new int[hazards];
    hazardManualSource = new long[hazards];
    boolean anyNeeds = false;
    for (int h = 0; h < hazards; h++) {
      RepairNeeds r = repairNeeds[h];
      hazardNeeds[h] =
          r == null ? new int[0] : r.services().stream().mapToInt(serviceIndex::get).toArray();
      hazardManual[h] = r == null ? NONE : id(r.manual(), dists, ids);
      hazardManualSource[h] = r == null ? 0 : source(refs.get(h).name() + ":manual", sourceNames);
      anyNeeds |= r != null;
    }
    anyRepairNeeds = anyNeeds;
    restoreCurveAt = order.stream().map(s -> curveAt(s.restoreCurve())).toArray(double[][]::new);
    restoreCurveValue =
        order.stream().map(s -> curveValue(s.restoreCurve())).toArray(double[][]::new);
    anyRestoreCurve = Arrays.stream(restoreCurveAt).anyMatch(java.util.Objects::nonNull);
    anyFall = falls(restoreCurveValue) || falls(hazardCurveCapacity) || falls(restartCurveCapacity);
    // A service on its own curve is in no order: it takes no class, and its capacity counts in no
    // unit's classes.
    int[] priority =
        order.stream()
            .mapToInt(s -> s.restoreCurve().isEmpty() ? s.restorePriority() : OWN_CURVE)
            .toArray();
    deployClassLow = new double[services][][];
    deployClassWidth = new double[services][][];
    standbyClassLow = new double[services][][];
    standbyClassWidth = new double[services][][];
    restoreOrder =
        restorationClasses(
            priority,
            new int[][][] {deploySite, standbySite},
            new double[][][] {deployCapacity, standbyCapacity},
            new double[][][][] {deployClassLow, standbyClassLow},
            new double[][][][] {deployClassWidth, standbyClassWidth});
    requiresClosure = new int[services][];
    footprint = new int[services][];
    long entries = 0;
    for (int a = 0; a < services; a++) {
      // Dependency order puts everything a service requires before it: one pass suffices.
      java.util.TreeSet<Integer> closure = new java.util.TreeSet<>();
      java.util.TreeSet<Integer> sitesHit = new java.util.TreeSet<>();
      for (int k : deploySite[a]) {
        for (int u : unitParts[k]) {
          sitesHit.add(u);
        }
      }
      for (int k : standbySite[a]) {
        for (int u : unitParts[k]) {
          sitesHit.add(u);
        }
      }
      for (int b : requires[a]) {
        closure.add(b);
        for (int c : requiresClosure[b]) {
          closure.add(c);
        }
        for (int k : footprint[b]) {
          sitesHit.add(k);
        }
      }
      entries += closure.size() + sitesHit.size();
      if (entries > MAX_CLOSURE_ENTRIES) {
        throw new TooLarge(
            String.format(
                java.util.Locale.ROOT,
                "the services' dependencies are too deep: what each service requires, directly"
                    + " or through others, and the sites it depends on make more than %,d pairs"
                    + " (a requires chain of n services makes n^2/2); firedrill computes at most"
                    + " %,d: shorten the requires chains",
                MAX_CLOSURE_ENTRIES,
                MAX_CLOSURE_ENTRIES));
      }
      requiresClosure[a] = closure.stream().mapToInt(Integer::intValue).toArray();
      footprint[a] = sitesHit.stream().mapToInt(Integer::intValue).toArray();
    }
    distributions = List.copyOf(dists);
    hazardShape = new double[distributions.size()];
    hazardScale = new double[distributions.size()];
    for (int i = 0; i < distributions.size(); i++) {
      Distribution d = distributions.get(i);
      hazardShape[i] =
          d instanceof Exponential ? 1 : d instanceof Weibull w ? w.shape() : Double.NaN;
      hazardScale[i] =
          d instanceof Exponential e ? e.mean() : d instanceof Weibull w ? w.scale() : Double.NaN;
    }
    durationFamily = new int[distributions.size()];
    durationA = new double[distributions.size()];
    durationB = new double[distributions.size()];
    for (int i = 0; i < distributions.size(); i++) {
      Distribution d = distributions.get(i);
      durationFamily[i] = NONE;
      if (hazardShape[i] == hazardShape[i]) {
        durationFamily[i] = DURATION_WEIBULL;
      } else if (d instanceof LogNormal l) {
        durationFamily[i] = DURATION_LOGNORMAL;
        durationA[i] = l.mu();
        durationB[i] = l.sigma();
      } else if (d instanceof Gamma g) {
        durationFamily[i] = DURATION_GAMMA;
        durationA[i] = g.shape();
        durationB[i] = g.mean() / g.shape();
      }
    }

    ActivityProfile profile = m.profile();
    flatProfile = profile.isFlat();
    weekWeights = new double[ActivityProfile.HOURS_PER_WEEK];
    weekCumulative = new double[ActivityProfile.HOURS_PER_WEEK + 1];
    for (int h = 0; h < ActivityProfile.HOURS_PER_WEEK; h++) {
      weekWeights[h] = flatProfile ? 1 : profile.weights().get(h);
      weekCumulative[h + 1] = weekCumulative[h] + weekWeights[h];
    }
    startWeekHour = profile.startHour();
    staffed = !m.staffing().isEmpty();
    staffingPace = new double[ActivityProfile.HOURS_PER_WEEK];
    staffingWork = new double[ActivityProfile.HOURS_PER_WEEK + 1];
    for (int h = 0; h < ActivityProfile.HOURS_PER_WEEK; h++) {
      staffingPace[h] = staffed ? 1 / m.staffing().get(h) : 1;
      staffingWork[h + 1] = staffingWork[h] + staffingPace[h];
    }

    List<String> causes = new ArrayList<>();
    refs.forEach(r -> causes.add(r.name()));
    generatorCause = new int[sites];
    for (int s = 0; s < sites; s++) {
      generatorCause[s] = hasGenerator[s] ? causes.size() : NONE;
      if (hasGenerator[s]) {
        causes.add("generator@" + siteNames[s]);
      }
    }
    causeBaseline = causes.size();
    causes.add("baseline");
    causeNames = causes.toArray(new String[0]);

    powerSource = new long[sites];
    restartSource = new long[sites];
    reconnectSource = new long[sites];
    for (int s = 0; s < sites; s++) {
      powerSource[s] = source("power@" + siteNames[s], sourceNames);
      restartSource[s] = source("restart@" + siteNames[s], sourceNames);
      reconnectSource[s] = source("reconnect@" + siteNames[s], sourceNames);
    }
    failoverSource = new long[services];
    backupSource = new long[services];
    for (int a = 0; a < services; a++) {
      failoverSource[a] = source("failover@" + serviceNames[a], sourceNames);
      if (dataBackup[a] != NONE) {
        backupSource[a] = source("backup@" + serviceNames[a], sourceNames);
      }
    }
    dataServices =
        java.util.stream.IntStream.range(0, services).filter(a -> dataPrimary[a] != NONE).toArray();
  }

  /** A curve's x values (time or site fractions), or null for none (an empty list). */
  private static double[] curveAt(List<Fire.CurvePoint> curve) {
    return curve.isEmpty() ? null : curve.stream().mapToDouble(Fire.CurvePoint::at).toArray();
  }

  /** A curve's y values (capacities or service fractions), or null for none (an empty list). */
  private static double[] curveValue(List<Fire.CurvePoint> curve) {
    return curve.isEmpty() ? null : curve.stream().mapToDouble(Fire.CurvePoint::capacity).toArray();
  }

  /** Whether some row of {@code curves} (null rows allowed) has a value below the one before. */
  private static boolean falls(double[][] curves) {
    for (double[] c : curves) {
      for (int i = 1; c != null && i < c.length; i++) {
        if (c[i] < c[i - 1]) {
          return true;
        }
      }
    }
    return false;
  }

  /** In {@link #restorationClasses}: the priority of a service on its own restore curve. */
  private static final int OWN_CURVE = 0;

  /** The share of a placement at unit u that lies in part unit z. */
  private double partShare(int u, int z) {
    return u == z ? 1 : unitShare[z] / siteShareSum[u];
  }

  /**
   * Fills low and width ({@link #deployClassLow}) of every placement: per unit, the capacity of
   * each restore priority class among all placements with a part there (active and standby, a
   * placement on a site with zones by each zone's share), the classes in ascending priority.
   * Returns whether some unit has more than one class with capacity.
   */
  private boolean restorationClasses(
      int[] priority, int[][][] site, double[][][] cap, double[][][][] low, double[][][][] width) {
    List<java.util.TreeMap<Integer, Double>> classes = new ArrayList<>();
    double[] total = new double[units];
    for (int u = 0; u < units; u++) {
      classes.add(new java.util.TreeMap<>());
    }
    for (int kind = 0; kind < site.length; kind++) {
      for (int a = 0; a < priority.length; a++) {
        for (int i = 0; i < site[kind][a].length && priority[a] != OWN_CURVE; i++) {
          int u = site[kind][a][i];
          for (int z : unitParts[u]) {
            double c = cap[kind][a][i] * partShare(u, z);
            classes.get(z).merge(priority[a], c, Double::sum);
            total[z] += c;
          }
        }
      }
    }
    // Per unit, once: the capacity of the classes before each priority, and whether more than one
    // class has capacity there (else the unit has no order).
    List<Map<Integer, Double>> before = new ArrayList<>();
    boolean[] unitOrdered = new boolean[units];
    for (int u = 0; u < units; u++) {
      Map<Integer, Double> below = new HashMap<>();
      double sum = 0;
      int withCapacity = 0;
      for (Map.Entry<Integer, Double> e : classes.get(u).entrySet()) {
        below.put(e.getKey(), sum);
        sum += e.getValue();
        withCapacity += e.getValue() > 0 ? 1 : 0;
      }
      before.add(below);
      unitOrdered[u] = withCapacity > 1;
    }
    boolean any = false;
    for (int kind = 0; kind < site.length; kind++) {
      for (int a = 0; a < priority.length; a++) {
        int n = site[kind][a].length;
        low[kind][a] = new double[n][];
        width[kind][a] = new double[n][];
        for (int i = 0; i < n; i++) {
          if (priority[a] == OWN_CURVE) {
            continue; // null low and width: no order
          }
          int[] parts = unitParts[site[kind][a][i]];
          double[] lo = new double[parts.length];
          double[] wi = new double[parts.length];
          boolean placementOrdered = false;
          for (int j = 0; j < parts.length; j++) {
            double below = before.get(parts[j]).get(priority[a]);
            double mine = classes.get(parts[j]).get(priority[a]);
            boolean ordered = unitOrdered[parts[j]] && mine > 0;
            lo[j] = ordered ? below / total[parts[j]] : 0;
            wi[j] = ordered ? mine / total[parts[j]] : Double.NaN;
            placementOrdered |= ordered;
          }
          low[kind][a][i] = placementOrdered ? lo : null;
          width[kind][a][i] = placementOrdered ? wi : null;
          any |= placementOrdered;
        }
      }
    }
    return any;
  }

  /**
   * How far past a loss of site s's utility its tripped chillers reach: the largest 1 − {@link
   * #WARM_UP_TAIL} quantile of the outages of its coolings that trip (0 without).
   */
  private double tripReach(int s, List<Distribution> dists) {
    double reach = 0;
    for (int u : siteTripUnits[s]) {
      reach = Math.max(reach, tail(dists.get(hazardOutage[coolingHazard[u]])));
    }
    return reach;
  }

  /**
   * The id of source {@code name}, refusing one that another source of the model already has
   * ({@code seen}: id to name). Two names of a model sharing a 64-bit id has a chance of about
   * sources² / 2^65; it is refused rather than left to give two sources the same random numbers.
   *
   * @throws TooLarge naming both sources
   */
  private static long source(String name, Map<Long, String> seen) {
    long id = sourceId(name);
    String other = seen.putIfAbsent(id, name);
    if (other != null && !other.equals(name)) {
      throw new TooLarge(
          "the random sources "
              + other
              + " and "
              + name
              + " have the same stream id "
              + Long.toHexString(id)
              + "; rename one of them");
    }
    return id;
  }

  /**
   * The stable 64-bit id of a random source's name such as {@code fire@pangyo}: FNV-1a over its
   * UTF-8 bytes (Fowler, Noll and Vo), then the MurmurHash3 64-bit finalizer (Appleby) so that
   * similar names spread over all 64 bits. The same name has the same id in every model and every
   * release that keeps this function; the engine keys a source's random numbers by it ({@code
   * engine.StreamKeys}).
   */
  public static long sourceId(String name) {
    long h = 0xCBF29CE484222325L;
    for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * Most entries of the requires closures and footprints of all services together: bounds the
   * plan's memory (4 bytes an entry) and the cost of a served fraction, which multiplies over a
   * service's closure.
   */
  public static final long MAX_CLOSURE_ENTRIES = 20_000_000;

  /** A model the plan cannot hold within its limits; the message says which and what to change. */
  public static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  private static Map<String, Integer> indexOf(List<String> names) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    return index;
  }

  /**
   * The model's hazard inputs ({@link #hazardInputs}): every record component of {@link Model} not
   * in {@link #HAZARD_INPUTS_LEFT_OUT}, in declaration order, then the plan's horizon, hours.
   */
  private static List<Object> hazardInputs(Model m, double horizonHours) {
    List<Object> inputs = new ArrayList<>();
    for (RecordComponent c : Model.class.getRecordComponents()) {
      if (!HAZARD_INPUTS_LEFT_OUT.contains(c.getName())) {
        try {
          inputs.add(c.getAccessor().invoke(m));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read the model's " + c.getName(), e);
        }
      }
    }
    inputs.add(horizonHours);
    return inputs;
  }

  /** Compiles {@code model} with its own horizon. */
  public static Plan compile(Model model) {
    return new Plan(model, model.horizonHours());
  }

  /** Compiles {@code model} with another horizon (the command line's {@code --horizon}). */
  public static Plan compile(Model model, double horizonHours) {
    if (!(horizonHours > 0) || !Double.isFinite(horizonHours)) {
      throw new IllegalArgumentException("horizonHours is not strictly positive: " + horizonHours);
    }
    return new Plan(model, horizonHours);
  }

  /** Most hazard events one trial may expect; a trial's buffers grow with its events. */
  public static final double MAX_EVENTS_PER_TRIAL = 1_000_000;

  /**
   * An upper estimate of the hazard events in one trial: for every renewal process, H / (mean time
   * to failure + mean outage) + 1, times the sites it reaches and its effects (cascades); and for
   * every grid outage at a site whose generator is repaired, its repairs ({@link
   * #repairsPerOutage}). Used to refuse, up front, a model whose trials would not fit in memory or
   * time.
   */
  public double expectedEventsPerTrial() {
    return expectedEventsPerTrial(false);
  }

  /**
   * {@link #expectedEventsPerTrial()}, with the warm-up of a stationary background before t = 0
   * ({@link #hazardWarmUp}) when {@code stationary}: a scenario or study whose other hazards start
   * in their long-run state.
   */
  public double expectedEventsPerTrial(boolean stationary) {
    int[] listing = new int[networks];
    for (int s = 0; s < sites; s++) {
      for (int n : siteNetworks[s]) {
        // A reconnect ramp after each time the site is cut off.
        listing[n] += unitsOf(s) * (reconnect[s] == NONE ? 1 : 2);
      }
    }
    int[] gridUnits = new int[grids];
    for (int g = 0; g < grids; g++) {
      for (int s : gridSites[g]) {
        gridUnits[g] += unitsOf(s) * restartPieces(s);
      }
    }
    double events = 0;
    for (int h = 0; h < hazards; h++) {
      int reached =
          switch (hazardEffect[h]) {
            case SUPPLY_OUTAGE -> gridUnits[hazardTarget[h]];
            case NETWORK_DOWN -> listing[hazardTarget[h]];
            // A site's hazard strikes each of its zones.
            case BLOCK_THEN_RESTART ->
                unitsOf(hazardTarget[h]) * restartPieces(unitSite[hazardTarget[h]]);
            // Its restore adds a ramp per piece of its curve.
            case DARK_THEN_RAMP ->
                unitsOf(hazardTarget[h]) * (hazardCurveAt[h] == null ? 1 : hazardCurveAt[h].length);
            case EFFECTS_ONLY -> 0; // its effects, counted below
          };
      double outages = horizonHours / cycle(h) + 1;
      if (stationary && hazardWarmUp[h] > 0) {
        // A stationary start draws its history back to its warm-up before t = 0 (scenarios).
        outages += hazardWarmUp[h] / cycle(h);
      }
      events += outages * Math.max(1, reached);
      if (hazardDamage[h] != NONE) {
        // Each outage's damage: a repair at its target, copied to each zone of a site.
        events += outages * unitsOf(hazardTarget[h]);
      }
      for (int e : hazardAlso[h]) {
        // An effect on a site with zones is copied to each zone.
        int s = effectSite[e];
        events +=
            outages * unitsOf(s) * (effectDamage[e] == NONE ? 1 : 2) * restartPieces(unitSite[s]);
        if (effectKind[e] == Effect.Kind.POWER) {
          // A cut goes through the site's generators as a grid outage does, and trips its chillers
          // and cuts its single-corded zones.
          double length =
              distributions.get(effectOutage[e] == NONE ? hazardOutage[h] : effectOutage[e]).mean();
          events +=
              outages
                  * (Math.max(1, generatorCount[s]) * repairsPerOutage(s, length) * unitsOf(s)
                      + siteTripUnits[s].length
                      + siteSingleCorded[s].length);
        }
      }
      if (hazardEffect[h] == HazardEffect.SUPPLY_OUTAGE) {
        // A surge's repair at each site the grid feeds (Plan.siteSurgeHazard).
        for (int s : gridSites[hazardTarget[h]]) {
          for (int g : siteSurgeHazard[s]) {
            events += g == h ? outages * unitsOf(s) : 0;
          }
        }
        double length = distributions.get(hazardOutage[h]).mean();
        for (int s : gridSites[hazardTarget[h]]) {
          events +=
              outages
                  * (Math.max(1, generatorCount[s]) * repairsPerOutage(s, length) * unitsOf(s)
                      + siteTripUnits[s].length
                      + siteSingleCorded[s].length);
        }
      }
    }
    return events;
  }

  /**
   * How many intervals a loss of power at site s writes: its blocked interval, and with a restart
   * curve one ramp per piece of it.
   */
  private int restartPieces(int s) {
    return restartCurveAt[s] == null ? 1 : restartCurveAt[s].length;
  }

  /** The units whose timelines an event at unit u writes: a site's zones, else u itself. */
  private int unitsOf(int u) {
    return u < sites ? Math.max(1, siteZones[u].length) : 1;
  }

  /**
   * About how many repairs site s's generator makes in a grid outage of mean length {@code len}
   * hours (0 without a repair): the stops that fit in the outage (cut at the horizon), each a
   * repair followed by a failed start or a run of mean 1 / rate; with a generator that never fails
   * while running, its failed starts, p / (1 − p). Plus one.
   */
  private double repairsPerOutage(int s, double len) {
    if (generatorRepair[s] == NONE) {
      return 0;
    }
    double within = Math.min(len, horizonHours);
    double repair = distributions.get(generatorRepair[s]).mean();
    double p = failToStart[s];
    double rate = generatorFailuresPerHour[s];
    double stops =
        rate > 0 ? within / (repair + (1 - p) / rate) : p < 1 ? p / (1 - p) : within / repair;
    return Math.min(stops, within / repair) + 1;
  }

  /**
   * The hazard called {@code name} ({@code fire@pangyo}, a {@link HazardRef#name}): its id, which
   * is also its cause id; {@link #NONE} if the plan has none.
   */
  public int hazard(String name) {
    for (int h = 0; h < hazards; h++) {
      if (causeNames[h].equals(name)) {
        return h;
      }
    }
    return NONE;
  }

  /**
   * The cause a scenario can force called {@code name}: a hazard ({@code fire@pangyo}, its id,
   * {@link #hazard}) or a generator ({@code generator@pangyo}, {@link #generatorCause}); {@link
   * #NONE} if the plan has none.
   */
  public int forcibleCause(String name) {
    for (int c = 0; c < causeNames.length - 1; c++) { // all but the baseline
      if (causeNames[c].equals(name)) {
        return c;
      }
    }
    return NONE;
  }

  /**
   * The warm-up's reach of a damage's repair (distribution id, or {@link #NONE} for hardware that
   * is always destroyed, which is not carried from before t = 0).
   */
  private static double repairTail(int repair, List<Distribution> dists) {
    return repair == NONE ? 0 : tail(dists.get(repair));
  }

  /**
   * The 1 − {@link #WARM_UP_TAIL} quantile of {@code d}, hours (finite, or the longest horizon).
   */
  private static double tail(Distribution d) {
    double q = d.quantile(1 - WARM_UP_TAIL);
    return Double.isFinite(q) ? q : io.firedrill.dist.Units.MAX_HORIZON_HOURS;
  }

  /**
   * Hazard h's mean cycle, hours: its time to failure, then (a fire: when not contained, the only
   * ignitions that last) its onset, outage and restore.
   */
  private double cycle(int h) {
    double part =
        (hazardOnset[h] == NONE ? 0 : distributions.get(hazardOnset[h]).mean())
            + distributions.get(hazardOutage[h]).mean()
            + (hazardRestore[h] == NONE ? 0 : distributions.get(hazardRestore[h]).mean());
    return distributions.get(hazardTtf[h]).mean()
        + (hazardEffect[h] == HazardEffect.DARK_THEN_RAMP ? 1 - hazardContained[h] : 1) * part;
  }

  /** Number of causes, the length of {@link #causeNames}. */
  public int causes() {
    return causeNames.length;
  }

  /**
   * {@code W(t) = ∫_0^t w(u) du}: the activity-weighted length of [0, t], exact for the hourly
   * profile (flat: t).
   */
  public double weightedTime(double t) {
    if (flatProfile) {
      return t;
    }
    return cumulativeWeek(startWeekHour + t) - cumulativeWeek(startWeekHour);
  }

  /** The activity weight at t (1 for a flat profile). */
  public double weightAt(double t) {
    if (flatProfile) {
      return 1;
    }
    double x = startWeekHour + t;
    double r = x - ActivityProfile.HOURS_PER_WEEK * Math.floor(x / ActivityProfile.HOURS_PER_WEEK);
    return weekWeights[Math.min(ActivityProfile.HOURS_PER_WEEK - 1, (int) r)];
  }

  /**
   * When recovery work that takes {@code d} hours as drawn (a restart, a repair, a manual failover)
   * and starts at t ends, hours from t = 0 (docs/simulation.md, "Staffing"): in each hour u of the
   * week the work goes on at pace 1 / f(u), f the model's {@code staffing} factor, so its end T
   * solves ∫_t^T du / f(u) = d, exactly for the hourly factors (a week holds Σ_h 1 / f_h hours of
   * work). Without staffing, exactly t + d; d = 0 gives t, an infinite d infinity.
   */
  public double workDone(double t, double d) {
    if (!staffed || !(d > 0) || d == Double.POSITIVE_INFINITY) {
      return t + d;
    }
    final int week = ActivityProfile.HOURS_PER_WEEK;
    double x = startWeekHour + t;
    if (!(Math.abs(x) <= MAX_WEEK_HOURS)) {
      // A task that starts this far out (after an outage of more than 10^15 hours, far past any
      // horizon) ends past the horizon whatever the staffing; the hour of the week is lost in the
      // rounding of x, and would index outside the profile.
      return t + d;
    }
    double weeks = Math.floor(x / week);
    double r = x - weeks * week;
    int h = Math.min(week - 1, (int) r);
    // Work from this week's Monday 00:00 to the end of the task, then where that falls.
    double done = staffingWork[h] + staffingPace[h] * (r - h) + d;
    double perWeek = staffingWork[week];
    double more = Math.floor(done / perWeek);
    double rem = done - more * perWeek;
    int lo = 0;
    int hi = week - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (staffingWork[mid] <= rem) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    double y = lo + Math.min(1, (rem - staffingWork[lo]) / staffingPace[lo]);
    return Math.max(t, (weeks + more) * week + y - startWeekHour);
  }

  /**
   * Beyond this many hours from the week's start, {@link #workDone} does not place work by hour.
   */
  private static final double MAX_WEEK_HOURS = 1e15;

  private double cumulativeWeek(double x) {
    double weeks = Math.floor(x / ActivityProfile.HOURS_PER_WEEK);
    double r = x - weeks * ActivityProfile.HOURS_PER_WEEK;
    int h = Math.min(ActivityProfile.HOURS_PER_WEEK - 1, (int) r);
    return weeks * ActivityProfile.HOURS_PER_WEEK + weekCumulative[h] + weekWeights[h] * (r - h);
  }

  private static int id(Distribution d, List<Distribution> dists, Map<Distribution, Integer> ids) {
    return ids.computeIfAbsent(
        d,
        x -> {
          dists.add(x);
          return dists.size() - 1;
        });
  }
}
