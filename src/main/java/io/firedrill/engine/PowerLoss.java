package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * The power-loss effect: how an outage of a site's supply becomes a loss of power at the site,
 * through its UPS and generator, and the restart that follows every merged loss.
 *
 * <p>A supply outage of length G at t: without a generator, or when the generator fails to start
 * (probability {@code fail_to_start}), power is lost from t + ups to t + G if G > ups; a generator
 * that starts runs an exponential time F (rate per running hour) and power is lost from t + F + ups
 * to t + G if that is before t + G. Power losses and the outages of hazards that block the site and
 * then restart it (faults, cooling failures) are merged per site, and each merged loss is followed
 * by a sampled restart, which a new loss during the restart aborts.
 */
final class PowerLoss {
  private final Plan p;
  private final HazardDraws draws;
  private final SiteTimelines timelines;
  private final ScenarioForcing forcing;

  /** Supply outages that reached each site so far in the trial: the draw number of the next. */
  private final int[] supplyOutages;

  /**
   * Per site with trips: its losses of utility so far in the trial (the draw number of the next).
   */
  private final int[] utilityLosses;

  /** Whether any site's cooling trips (else a trial has no losses of utility to count). */
  private final boolean anyTrips;

  /** Scratch of {@link #plant}: every generator's stops, then the plant's. */
  private final IntervalBuffer plantDowns = new IntervalBuffer();

  private final IntervalBuffer plantStops = new IntervalBuffer();
  private final Overlaps overlaps = new Overlaps();

  /** Per site: whether a scenario's forced failure of its generator is still to come. */
  private final boolean[] forcedPending;

  /** Where a grid's surge damages hardware when power returns ({@link #surges}). */
  private final Damages damages;

  /** The paths of the repairs of coolings whose repair needs services, for their trips. */
  private final RepairDecisions repairs;

  PowerLoss(
      Plan plan,
      HazardDraws draws,
      ScenarioForcing forcing,
      SiteTimelines timelines,
      Damages damages,
      RepairDecisions repairs) {
    this.p = plan;
    this.damages = damages;
    this.repairs = repairs;
    this.draws = draws;
    this.forcing = forcing;
    this.timelines = timelines;
    this.supplyOutages = new int[plan.sites];
    this.forcedPending = new boolean[plan.sites];
    this.utilityLosses = new int[plan.sites];
    boolean trips = false;
    for (double t : plan.coolingTrips) {
      trips |= t > 0;
    }
    this.anyTrips = trips;
  }

  /** Starts a trial: no supply outage yet, every forced generator failure still to come. */
  void startTrial() {
    Arrays.fill(supplyOutages, 0);
    if (anyTrips) {
      Arrays.fill(utilityLosses, 0);
    }
    if (forcing.scenario()) {
      for (int s = 0; s < p.sites; s++) {
        forcedPending[s] = p.hasGenerator[s] && forcing.forced(p.generatorCause[s]);
      }
    }
  }

  /**
   * Supply outage {@code [t, t + len)} of hazard g (a grid) reaching site s: adds the power loss it
   * causes, if any, to the site's power timeline with cause g (or the site's generator, when it
   * starts) and {@code mark} ({@link ScenarioForcing#FORCED} or 0). Draws twice when the site has a
   * generator (three more per repair, {@link #repairs}), from the power stream at (site's {@code
   * power@S}, number of this supply outage at the site).
   *
   * <p>A scenario's forced failure of the generator at f falls in the first supply outage that ends
   * after f: the generator fails to start if the outage begins at or after f, and stops at f if it
   * is running then; the draws are made as without it (common random numbers).
   */
  void supplyOutage(int s, int g, double t, double len, int mark) {
    for (int u : p.siteSingleCorded[s]) {
      // Single-corded IT: on utility alone, it loses power for the whole outage.
      timelines.power[u].add(t, t + len, g | mark);
    }
    if (p.siteTripUnits[s].length > 0) {
      trips(s, g, t, mark);
    }
    double ups = p.upsHours[s];
    if (!p.hasGenerator[s]) {
      if (len > ups) {
        timelines.power[s].add(t + ups, t + len, g | mark);
      }
      return;
    }
    int n = supplyOutages[s]++;
    double forcedAt = Double.POSITIVE_INFINITY;
    if (forcedPending[s] && t + len > forcing.at(p.generatorCause[s])) {
      forcedPending[s] = false;
      forcedAt = forcing.at(p.generatorCause[s]);
    }
    if (len <= ups) {
      return; // the UPS rides it out, whatever the generator would do (its draws are its own)
    }
    if (p.generatorCount[s] > 1) {
      plant(s, n, t, t + len, p.generatorCause[s] | mark, forcedAt);
      return;
    }
    draws.supplyOutage(p.powerSource[s], n);
    boolean failsToStart = draws.powerUniform() < p.failToStart[s];
    double rate = p.generatorFailuresPerHour[s];
    double runs = rate > 0 ? draws.powerExponential() / rate : Double.POSITIVE_INFINITY;
    int cause = p.generatorCause[s] | mark;
    if (p.generatorRepair[s] != Plan.NONE) {
      repairs(s, t, t + len, failsToStart, runs, cause, forcedAt);
      return;
    }
    if (!failsToStart && forcedAt < t + Math.min(runs, len)) {
      // The forced failure comes first: at the start (f <= t) or while it runs.
      failsToStart = forcedAt <= t;
      runs = forcedAt - t;
      cause = p.generatorCause[s] | ScenarioForcing.FORCED;
    }
    if (failsToStart) {
      timelines.power[s].add(t + ups, t + len, cause);
    } else if (runs + ups < len) {
      timelines.power[s].add(t + runs + ups, t + len, cause);
    }
  }

  /**
   * The chillers of site s may trip at a loss of its utility at t caused by g (and {@code mark}):
   * with probability {@code cooling.trips}, a cooling failure of the cooling's outage D, which
   * shuts the site down over [t + ride-through, t + D) and then restarts it, as the cooling
   * hazard's own failures do; caused by g. Draws a uniform and D from the effect stream at (the
   * site's {@code cooling@S}, 1 + the number of this loss of utility in the trial): draw number 0
   * is the cooling hazard's own stream, so a trip moves none of its draws.
   */
  private void trips(int s, int g, double t, int mark) {
    long n = 1 + (long) utilityLosses[s]++;
    for (int u : p.siteTripUnits[s]) {
      trips(u, g, t, mark, n);
    }
  }

  /**
   * A loss of utility at site s at {@code t}, the k-th of grid g's history before a stationary
   * start ({@link RenewalHazards}): its chillers may trip, with draw number −1 − k.
   */
  void historyTrips(int s, int g, double t, long k) {
    for (int u : p.siteTripUnits[s]) {
      trips(u, g, t, 0, -1 - k);
    }
  }

  /**
   * The chillers of unit s (a site, or a zone with its own cooling) may trip at a loss of the
   * site's utility at t, its n-th in the trial (draw number n of the unit's cooling source).
   */
  private void trips(int s, int g, double t, int mark, long n) {
    int h = p.coolingHazard[s];
    draws.effect(p.hazardSource[h], n);
    boolean tripped = draws.effectUniform() < p.coolingTrips[s];
    double d = draws.effectSample(p.hazardOutage[h]);
    double rideThrough = p.hazardRideThrough[h];
    if (tripped) {
      // Judged at the trip, as the cooling's own failures are.
      d = repairs.trip(h, t, d, n);
    }
    if (tripped && d > rideThrough) {
      draws.count(h);
      timelines.power[s].add(t + rideThrough, t + d, g | mark);
    }
  }

  /**
   * A supply outage [t, end) at site s whose generator is repaired when it fails: it fails to start
   * ({@code failsToStart}) or runs {@code runs} hours and fails; each time, it is down for a repair
   * and then starts again (and may fail to start again, each start a fresh fail-to-start draw and
   * running time), until the grid returns at {@code end}. A stop of the generator runs from its
   * failure to the next successful start (failed starts after repairs extend it) or the grid's
   * return. The UPS carries the site through a stop while its charge lasts: full ({@code ups}
   * hours) at the grid's failure, drained hour for hour during a stop, and recharged at the same
   * rate while the generator runs, up to full; the rest of the stop is a power loss. Draws, from
   * the same power stream, per repair: the repair time, then the start and the running time of the
   * attempt after it. Nothing after the horizon is drawn: what happens there changes no result.
   *
   * @throws Kernel.TooManyEvents if one outage takes more repairs than firedrill simulates (a
   *     generator that never starts, with repairs of almost no time)
   */
  private void repairs(
      int s, double t, double end, boolean failsToStart, double runs, int cause, double forcedAt) {
    final double ups = p.upsHours[s];
    final double rate = p.generatorFailuresPerHour[s];
    final int repair = p.generatorRepair[s];
    final double until = Math.min(end, p.horizonHours);
    boolean fails = failsToStart;
    double run = runs;
    double start = t;
    double charge = ups;
    if (forcedAt <= t) {
      // Forced before the grid failed: the generator fails to start (unless it does anyway).
      if (!fails) {
        fails = true;
        cause = p.generatorCause[s] | ScenarioForcing.FORCED;
      }
      forcedAt = Double.POSITIVE_INFINITY;
    }
    while (true) {
      if (forcedAt < start) {
        forcedAt = Double.POSITIVE_INFINITY; // it fell while the generator was down: no change
      } else if (!fails && forcedAt < start + run) {
        // The forced failure stops this run (at its start, if it falls there).
        run = forcedAt - start;
        cause = p.generatorCause[s] | ScenarioForcing.FORCED;
        forcedAt = Double.POSITIVE_INFINITY;
      }
      double down = fails ? start : start + run;
      if (down >= until) {
        return; // it carried the site until the grid returned (or the horizon)
      }
      charge = Math.min(ups, charge + (down - start));
      double back = down;
      do {
        draws.count(cause);
        back = p.workDone(back, draws.powerSample(repair));
        fails = draws.powerUniform() < p.failToStart[s];
        run = rate > 0 ? draws.powerExponential() / rate : Double.POSITIVE_INFINITY;
      } while (fails && back < until);
      double lostTo = Math.min(back, end);
      if (down + charge < lostTo) {
        timelines.power[s].add(down + charge, lostTo, cause);
      }
      if (back >= until) {
        return;
      }
      charge = Math.max(0, charge - (back - down));
      start = back;
    }
  }

  /**
   * A supply outage [t, end) at site s with a plant of n ≥ 2 generators of which k must run ({@code
   * count}, {@code needed}): each generator, one after the other, starts (or fails to, a fresh
   * draw), runs an exponential time and fails, and with a {@code repair} is repaired and started
   * again while the grid is out, as one generator is ({@link #repairs}); without, it stays down.
   * The plant stops while more than n − k are down ({@link Overlaps}); the UPS carries it through
   * its stops while its charge lasts, drained during a stop and recharged at the same rate between
   * them, up to full; the rest is a power loss. A forced failure at {@code forcedAt} stops every
   * generator of the plant there (or makes every one fail to start). Generator i draws from its own
   * substream, (site's {@code power@S}, 256 n + i) at the site's n-th supply outage: start and
   * running time, then per repair the repair time and the next start's two draws.
   */
  private void plant(int s, int n, double t, double end, int cause, double forcedAt) {
    final double ups = p.upsHours[s];
    final double rate = p.generatorFailuresPerHour[s];
    final int repair = p.generatorRepair[s];
    final double fts = p.failToStart[s];
    final double until = Math.min(end, p.horizonHours);
    final int forced = p.generatorCause[s] | ScenarioForcing.FORCED;
    IntervalBuffer downs = plantDowns;
    downs.clear();
    for (int i = 0; i < p.generatorCount[s]; i++) {
      // Each generator its own substream: draws it skips (past the horizon, or a repair fewer)
      // move none of the others'.
      draws.supplyOutage(p.powerSource[s], ((long) n << 8) | i);
      boolean fails = draws.powerUniform() < fts;
      double run = rate > 0 ? draws.powerExponential() / rate : Double.POSITIVE_INFINITY;
      int c = cause;
      double f = forcedAt;
      if (f <= t) {
        if (!fails) {
          fails = true;
          c = forced;
        }
        f = Double.POSITIVE_INFINITY;
      }
      double start = t;
      while (true) {
        if (f < start) {
          f = Double.POSITIVE_INFINITY; // it fell while this generator was down
        } else if (!fails && f < start + run) {
          run = f - start;
          c = forced;
          f = Double.POSITIVE_INFINITY;
        }
        double down = fails ? start : start + run;
        if (down >= until) {
          break;
        }
        if (repair == Plan.NONE) {
          downs.add(down, end, c);
          break;
        }
        double back = down;
        do {
          draws.count(cause);
          back = p.workDone(back, draws.powerSample(repair));
          fails = draws.powerUniform() < fts;
          run = rate > 0 ? draws.powerExponential() / rate : Double.POSITIVE_INFINITY;
        } while (fails && back < until);
        downs.add(down, Math.min(back, end), c);
        if (back >= until) {
          break;
        }
        start = back;
      }
    }
    downs.sortByStart();
    overlaps.atLeast(downs, p.generatorCount[s] - p.generatorNeeded[s] + 1, plantStops);
    double charge = ups;
    double last = t;
    for (int j = 0; j < plantStops.size; j++) {
      double a = plantStops.start[j];
      double b = plantStops.end[j];
      charge = Math.min(ups, charge + (a - last));
      if (a + charge < b) {
        timelines.power[s].add(a + charge, b, plantStops.cause[j]);
      }
      charge = Math.max(0, charge - (b - a));
      last = b;
    }
  }

  /**
   * The supply outages of site s when its utility comes from timelines ({@link Plan#utilitySites}:
   * several feeds, or cuts from effects): utility is lost while enough feeds are out or a cut holds
   * ({@link SiteTimelines#utilityOut}), and each such interval, in time order, goes through the UPS
   * and generator as one supply outage ({@link #supplyOutage}), caused by the feed whose outage
   * completed it or the hazard whose effect cut it. Every grid must be sampled, and every hazard
   * with effects.
   */
  void utility(int s) {
    IntervalBuffer out = timelines.utilityOut(s);
    for (int i = 0; i < out.size; i++) {
      int c = out.cause[i];
      supplyOutage(
          s,
          c & ScenarioForcing.CAUSE,
          out.start[i],
          out.end[i] - out.start[i],
          c & ScenarioForcing.FORCED);
    }
  }

  /**
   * Merges site s's power losses and adds each one, with its restart, to the site's blocked
   * intervals; a loss that begins during a restart aborts it, and capacity returns only after the
   * restart that follows the last loss. Draws one restart per merged loss, in time order, from the
   * site's {@code restart@S} source.
   */
  void restarts(int s) {
    IntervalBuffer pw = timelines.power[s];
    pw.sortByStart();
    pw.mergeOverlaps();
    surges(s, pw);
    restartsOf(s, pw, s);
  }

  /**
   * Unit u of site s (the site, or a zone) restarts after its merged losses pw: into its blocked
   * intervals, and along the site's restart curve into its ramps.
   */
  private void restartsOf(int s, IntervalBuffer pw, int u) {
    restartRamps.clear();
    restarts(s, pw, timelines.blocked[u], restartRamps);
    timelines.lowerInto(u, restartRamps);
  }

  /** Scratch: the ramps of a unit's restarts along its site's restart curve. */
  private final IntervalBuffer restartRamps = new IntervalBuffer();

  /** Scratch of {@link #zoneRestarts}: the ramps of the site's own losses' restarts. */
  private final IntervalBuffer siteOnlyRamps = new IntervalBuffer();

  /**
   * The restarts of the zones of site s: each zone's power losses are the site's merged with its
   * own (its faults and cooling failures, single-corded losses, effects on it), and each merged
   * loss is followed by a restart of the site's distribution, as at a site ({@link #restarts}).
   * Every zone draws from the site's {@code restart@S} source from its first draw, one draw per
   * merged loss in time order: zones with the same losses restart together.
   */
  void zoneRestarts(int s) {
    IntervalBuffer site = timelines.power[s];
    site.sortByStart();
    site.mergeOverlaps();
    surges(s, site);
    boolean shared = false;
    int sharedCopies = 0;
    for (int u : p.siteZones[s]) {
      IntervalBuffer own = timelines.power[u];
      if (own.size > 0) {
        own.addAll(site);
        own.sortByStart();
        own.mergeOverlaps();
        restartsOf(s, own, u);
      } else {
        // The site's losses alone: the same restarts for every such zone, drawn once.
        if (!shared) {
          siteOnly.clear();
          siteOnlyRamps.clear();
          restarts(s, site, siteOnly, siteOnlyRamps);
          shared = true;
        }
        timelines.blocked[u].addAll(siteOnly);
        if (siteOnlyRamps.size > 0 && sharedCopies++ > 0) {
          draws.countCopies(s, siteOnlyRamps.size);
        }
        timelines.lowerInto(u, siteOnlyRamps);
      }
    }
  }

  /**
   * Restarts along site s's restart curve: each merged loss blocks the unit, and from its end
   * capacity returns along the curve over the restart (the same draw as a step restart); a loss
   * that begins during a restart aborts it there, at the capacity the curve had reached.
   */
  private void curveRestarts(
      int s, IntervalBuffer pw, IntervalBuffer blocked, IntervalBuffer ramps) {
    final int restart = p.restart[s];
    final double[] x = p.restartCurveAt[s];
    final double[] y = p.restartCurveCapacity[s];
    for (int i = 0; i < pw.size; i++) {
      double r = restart == Plan.NONE ? 0 : draws.sample(restart);
      double e = pw.end[i];
      blocked.add(pw.start[i], e, pw.cause[i]);
      double until = p.workDone(e, r);
      if (until > e) {
        double cut = i + 1 < pw.size ? pw.start[i + 1] : Double.POSITIVE_INFINITY;
        int before = ramps.size;
        ramps.addCurve(e, until - e, x, y, pw.cause[i], cut);
        // Each piece counts towards the trial's limit of events (a curve of 100 points after
        // every one of many short losses).
        for (int k = before; k < ramps.size; k++) {
          draws.count(pw.cause[i]);
        }
      }
    }
  }

  /**
   * A grid's surge at site s: each merged loss of the site's power (pw, sorted and disjoint) that a
   * grid with {@code damage} began may damage the site's hardware when power returns, at its end
   * ({@link Damages#surge}), with the loss's number at the site as draw number.
   */
  private void surges(int s, IntervalBuffer pw) {
    final int[] grids = p.siteSurgeHazard[s];
    if (grids.length == 0) {
      return;
    }
    for (int i = 0; i < pw.size; i++) {
      int c = pw.cause[i] & ScenarioForcing.CAUSE;
      for (int k = 0; k < grids.length; k++) {
        if (grids[k] == c) {
          damages.surge(p.siteSurgeDamage[s][k], pw.end[i], pw.cause[i], i);
        }
      }
    }
  }

  /** Scratch of {@link #zoneRestarts}: the site's own losses with their restarts. */
  private final IntervalBuffer siteOnly = new IntervalBuffer();

  /**
   * The merged losses pw (sorted, disjoint) of a unit of site s, each with the site's restart after
   * it, into blocked; with a restart curve, each loss into blocked and its restart into {@code
   * ramps} ({@link #curveRestarts}). Each restart ends where its drawn length of work is done
   * ({@link Plan#workDone}: the model's staffing).
   */
  private void restarts(int s, IntervalBuffer pw, IntervalBuffer blocked, IntervalBuffer ramps) {
    final int restart = p.restart[s];
    if (restart != Plan.NONE && pw.size > 0) {
      draws.source(p.restartSource[s]);
    }
    if (p.restartCurveAt[s] != null) {
      curveRestarts(s, pw, blocked, ramps);
      return;
    }
    double curStart = 0;
    double curEnd = -1;
    int curCause = 0;
    for (int i = 0; i < pw.size; i++) {
      double r = restart == Plan.NONE ? 0 : draws.sample(restart);
      if (curEnd >= 0 && pw.start[i] < curEnd) {
        curEnd = p.workDone(pw.end[i], r);
      } else {
        if (curEnd >= 0) {
          blocked.add(curStart, curEnd, curCause);
        }
        curStart = pw.start[i];
        curEnd = p.workDone(pw.end[i], r);
        curCause = pw.cause[i];
      }
    }
    if (curEnd >= 0) {
      blocked.add(curStart, curEnd, curCause);
    }
  }
}
