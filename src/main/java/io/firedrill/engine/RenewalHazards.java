package io.firedrill.engine;

import io.firedrill.plan.HazardEffect;
import io.firedrill.plan.Plan;

/**
 * The hazards that are plain alternating renewal processes, whatever their kind: up for a time to
 * failure, down for an outage, up again with a fresh time to failure, until the horizon. One loop
 * samples them all; where an outage goes is the hazard's effect:
 *
 * <ul>
 *   <li>{@code SUPPLY_OUTAGE} (grids): to every site the grid alone feeds, through its UPS and
 *       generator ({@link PowerLoss#supplyOutage}); for a site with several feeds, into the grid's
 *       own timeline, intersected with the other feeds' once every grid is sampled ({@link
 *       PowerLoss#utility});
 *   <li>{@code NETWORK_DOWN} (networks): into the network's down timeline;
 *   <li>{@code BLOCK_THEN_RESTART} (site faults, cooling failures): into the site's power timeline,
 *       where it merges with the site's power losses and is followed by a restart ({@link
 *       PowerLoss#restarts}).
 * </ul>
 *
 * Hazard h is cause h ({@link Plan#causeNames}). {@link #sample()} loops over the hazards itself,
 * so that a trial calls it once, as it called each kind's sampler once before the kinds were one
 * family (results/benchmarks/hazard-kinds-ab.md); the stationary start is a method of its own, so
 * that {@link #sample(int)} stays small enough for the JIT to inline.
 */
final class RenewalHazards {
  private final Plan p;

  /** The hazards this sampler draws, in cause order. */
  private final int[] hazards;

  private final HazardDraws draws;
  private final ScenarioForcing forcing;
  private final PowerLoss power;
  private final Cascades cascades;
  private final Damages damages;
  private final RepairDecisions repairs;

  /** Per hazard: the timeline its outages go into, or null for a supply outage (grids). */
  private final IntervalBuffer[] into;

  /** Per hazard: whether its outages are supply outages (a grid's). */
  private final boolean[] supply;

  /** Outages by grid, for the grids that feed a site with several feeds. */
  private final IntervalBuffer[] grids;

  /**
   * A sampler of {@code hazards} (ids of {@code plan}, each with the effect {@code SUPPLY_OUTAGE},
   * {@code NETWORK_DOWN} or {@code BLOCK_THEN_RESTART}).
   */
  RenewalHazards(
      Plan plan,
      int[] hazards,
      HazardDraws draws,
      ScenarioForcing forcing,
      PowerLoss power,
      Cascades cascades,
      Damages damages,
      SiteTimelines timelines,
      RepairDecisions repairs) {
    this.p = plan;
    this.repairs = repairs;
    this.hazards = hazards;
    this.draws = draws;
    this.forcing = forcing;
    this.power = power;
    this.cascades = cascades;
    this.damages = damages;
    grids = timelines.gridDown;
    into = new IntervalBuffer[plan.hazards];
    supply = new boolean[plan.hazards];
    for (int h = 0; h < plan.hazards; h++) {
      HazardEffect effect = plan.hazardEffect[h];
      supply[h] = effect == HazardEffect.SUPPLY_OUTAGE;
      if (effect == HazardEffect.NETWORK_DOWN) {
        into[h] = timelines.netDown[plan.hazardTarget[h]];
      } else if (effect == HazardEffect.BLOCK_THEN_RESTART) {
        into[h] = timelines.power[plan.hazardTarget[h]];
      }
    }
  }

  /** Samples every hazard of this sampler that the scenario leaves active, each from its source. */
  void sample() {
    for (int h : hazards) {
      if (forcing.active(h)) {
        sample(h);
      }
    }
  }

  /**
   * Samples hazard h up to the horizon from its own source: up for a time to failure, down for an
   * outage (which begins after the hazard's onset, if it has one). A forced hazard is up until its
   * forced time and fails there and, without background, only then; with a stationary background
   * the others start in their stationary state ({@link #stationaryStart}). Draws per failure: the
   * outage, the onset (only for a hazard with one), the next time to failure.
   */
  private void sample(int h) {
    final double horizon = p.horizonHours;
    draws.source(p.hazardSource[h]);
    final int up = p.hazardTtf[h];
    final int down = p.hazardOutage[h];
    final int onset = p.hazardOnset[h];
    int mark = forcing.forced(h) ? ScenarioForcing.FORCED : 0;
    double first;
    double pending = Double.NaN; // an onset already under way at t = 0 (stationary start)
    if (mark != 0) {
      first = forcing.at(h);
    } else if (forcing.stationary()) {
      first = onset == Plan.NONE ? stationaryStart(h) : stationaryStartWithOnset(h);
      pending = draws.pendingOnset;
    } else {
      first = draws.timeToFailure(h, up);
      if (first >= horizon) {
        draws.censored(h, 0);
      }
    }
    for (double t = first; t < horizon; ) {
      draws.count(h);
      double len = draws.outage(h, down);
      if (onset != Plan.NONE) {
        // The outage begins after the onset: a failure before 0 may still be on its way to it.
        double delay = pending == pending ? pending : draws.sample(onset);
        pending = Double.NaN;
        t += delay;
        if (t >= horizon) {
          break;
        }
      }
      len = repairs.outage(h, t, t, len); // its repair's path, by what is up at t
      outage(h, t, len, mark);
      if (!forcing.background()) {
        break;
      }
      mark = 0;
      double start = t + len;
      t += len + draws.timeToFailure(h, up);
      if (t >= horizon) {
        draws.censored(h, start);
      }
    }
  }

  /**
   * Outage {@code [t, t + len)} of hazard h, marked {@code mark}, where its effect puts it; and
   * what it sets off elsewhere ({@link Cascades}).
   */
  private void outage(int h, double t, double len, int mark) {
    cascades.setOff(h, t, len, mark);
    IntervalBuffer buffer = into[h];
    if (buffer != null) {
      double rideThrough = p.hazardRideThrough[h];
      if (rideThrough == 0) {
        buffer.add(t, t + len, h | mark);
      } else if (len > rideThrough) {
        // A cooling failure: the IT runs on its thermal mass for the ride-through.
        buffer.add(t + rideThrough, t + len, h | mark);
      }
      damages.outageEnds(h, t + len, len > rideThrough || rideThrough == 0, mark);
      return;
    }
    if (!supply[h]) {
      return; // a common-cause event: its effects are all it does
    }
    int g = p.hazardTarget[h];
    if (p.feedsSeveral[g]) {
      grids[g].add(t, t + len, h | mark);
    }
    // A site with several feeds takes the times enough of them are out once every grid is sampled
    // (PowerLoss.utility).
    for (int s : p.gridSoleSites[g]) {
      power.supplyOutage(s, h, t, len, mark);
    }
  }

  /**
   * Hazard h's stationary state at t = 0 ({@link HazardDraws#stationaryState}): the outage in
   * progress, or the one before the up time in progress, goes where its effect puts it; returns the
   * first failure after 0.
   */
  private double stationaryStart(int h) {
    draws.stationaryState(p.hazardTtf[h], p.hazardOutage[h]);
    if (draws.initialOutage) {
      history(h, draws.initialStart);
      outage(h, draws.initialStart, draws.initialLength, 0);
    }
    return draws.nextFailure;
  }

  /**
   * Hazard h's failures before the outage that starts at {@code b} (its stationary state's
   * earliest), back to its warm-up ({@link Plan#hazardWarmUp}; none for a hazard without effects or
   * trips): drawn backwards from its history substream (a stationary alternating renewal process
   * read backwards is one with the same up, onset and outage distributions), they set off only
   * their effects and the chillers' trips of the sites the hazard alone feeds, each with its own
   * draw numbers, so that a warm-up moves no draw after 0 (common random numbers).
   */
  private void history(int h, double b) {
    final double w = p.hazardWarmUp[h];
    if (w == 0) {
      return;
    }
    final int up = p.hazardTtf[h];
    final int down = p.hazardOutage[h];
    final int onset = p.hazardOnset[h];
    draws.history(p.hazardSource[h]);
    double start = b;
    for (long k = 0; ; k++) {
      double u = draws.historySample(up);
      double o = onset == Plan.NONE ? 0 : draws.historySample(onset);
      double d = draws.historySample(down);
      start = start - u - o - d;
      if (!(start >= -w)) {
        return;
      }
      draws.count(h);
      cascades.setOffHistory(h, start, d, k);
      damages.historyOutageEnds(
          h, start + d, d > p.hazardRideThrough[h] || p.hazardRideThrough[h] == 0, k);
      if (supply[h]) {
        for (int s : p.gridSoleSites[p.hazardTarget[h]]) {
          power.historyTrips(s, h, start, k);
        }
      }
    }
  }

  /**
   * The stationary state at t = 0 of hazard h, which has an onset ({@link
   * HazardDraws#stationaryStateWithOnset}): the outage in progress, or the last one before 0, goes
   * where its effect puts it; returns the next failure, which lies before 0 when t = 0 falls in an
   * onset ({@link HazardDraws#pendingOnset} is then the rest of it).
   */
  private double stationaryStartWithOnset(int h) {
    draws.stationaryStateWithOnset(p.hazardTtf[h], p.hazardOnset[h], p.hazardOutage[h]);
    if (draws.initialOutage) {
      history(h, draws.initialStart);
      outage(h, draws.initialStart, draws.initialLength, 0);
    }
    return draws.nextFailure;
  }
}
