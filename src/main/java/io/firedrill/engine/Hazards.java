package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * The first phase of a trial: every hazard sampled up to the horizon into the site timelines.
 *
 * <p>The one place where a hazard's effect ({@link io.firedrill.plan.HazardEffect}) chooses its
 * sampler: {@code SUPPLY_OUTAGE}, {@code NETWORK_DOWN} and {@code BLOCK_THEN_RESTART} hazards are
 * alternating renewal processes sampled by one loop ({@link RenewalHazards}), which puts each
 * outage where its effect says; {@code DARK_THEN_RAMP} hazards (fires) by {@link FireHazards}. Both
 * draw through {@link HazardDraws}; then, per site, the effects that combine timelines: the outages
 * of several feeds intersected, with the utility cuts of effects ({@link PowerLoss#utility}), power
 * losses merged and followed by restarts ({@link PowerLoss}), loss of all networks with its
 * reconvergence blip ({@link SiteTimelines#unreachable}), the site's fires, and the merge of its
 * blocked intervals.
 *
 * <p>Every hazard draws from its own substream, keyed by (run seed, trial, its source id, draw
 * number) ({@link StreamKeys}): its name {@code KIND@TARGET} ({@code grid@G}, {@code routing@N},
 * {@code fault@S}, {@code cooling@S}, {@code fire@S}), with {@code restart@S} for the site's
 * restarts and {@code power@S} for the generator's draws at the site's n-th supply outage. So the
 * order in which {@link #sample} visits the hazards changes no number, and a change to one hazard
 * (its parameters, or its removal) leaves every other hazard's draws as they were (common random
 * numbers). Within a source, every draw that a branch might skip is drawn anyway, so that one
 * parameter of a hazard moves none of its own later draws.
 */
final class Hazards {
  private final Plan p;
  private final HazardDraws draws;
  private final SiteTimelines timelines;
  private final PowerLoss power;
  private final RenewalHazards renewals;
  private final FireHazards fires;
  private final Cascades cascades;
  private final Damages damages;
  private final Reconnects reconnects;

  /** Whether any hazard or effect damages hardware (else no unit has repairs to fold). */
  private final boolean anyDamage;

  private final RepairDecisions repairs;

  private final ScenarioForcing forcing;

  /**
   * Whether a trial in which no hazard failed before the horizon skips the combination of its
   * sites' timelines ({@code true}, the default): the same empty timelines either way, which
   * QuietTrialTest checks by running each model both ways.
   */
  boolean skipQuietTrials = true;

  Hazards(
      Plan plan,
      HazardDraws draws,
      ScenarioForcing forcing,
      SiteTimelines timelines,
      RepairDecisions repairs) {
    this.repairs = repairs;
    this.forcing = forcing;
    this.p = plan;
    this.draws = draws;
    this.timelines = timelines;
    this.damages = new Damages(plan, draws, timelines);
    this.power = new PowerLoss(plan, draws, forcing, timelines, damages, repairs);
    this.reconnects = new Reconnects(plan, draws, timelines);
    this.anyDamage = plan.damageRepair.length > 0;
    this.cascades = new Cascades(plan, draws, timelines, damages);
    // The one place where an effect chooses its sampler; a switch expression, so that a new
    // effect does not compile until it has one.
    int[] renewal = new int[plan.hazards];
    int n = 0;
    for (int h = 0; h < plan.hazards; h++) {
      boolean isRenewal =
          switch (plan.hazardEffect[h]) {
            case SUPPLY_OUTAGE, NETWORK_DOWN, BLOCK_THEN_RESTART, EFFECTS_ONLY -> true;
            case DARK_THEN_RAMP -> false; // per site, by FireHazards (plan.siteRampHazards)
          };
      if (isRenewal) {
        renewal[n++] = h;
      }
    }
    this.renewals =
        new RenewalHazards(
            plan,
            Arrays.copyOf(renewal, n),
            draws,
            forcing,
            power,
            cascades,
            damages,
            timelines,
            repairs);
    this.fires = new FireHazards(plan, draws, forcing, cascades, damages, timelines, repairs);
  }

  /**
   * Counts the intervals of {@code of} (site s's power losses, blocked intervals or ramps; s has
   * zones) that each zone but the first takes a copy of, towards the trial's limit on events,
   * before they are copied: a site with many zones holds no more than the limit says.
   */
  private void countCopies(int s, IntervalBuffer of) {
    long copies = (long) of.size * (p.siteZones[s].length - 1);
    if (copies > 0) {
      draws.countCopies(s, copies);
    }
  }

  /**
   * Samples the hazards of trial number {@code trial}: afterwards each site's blocked intervals are
   * sorted, disjoint and tagged with the cause that began each, and its ramps are listed in time
   * order.
   *
   * @return false if no hazard failed before the horizon: every timeline is then empty
   */
  boolean sample(long trial) {
    draws.startTrial(trial);
    power.startTrial();
    cascades.startTrial();
    damages.startTrial();
    timelines.clear();
    if (repairs.on()) {
      repairs.startSampling();
    }
    // Every hazard first, since the effects of one may reach any site (Cascades); then each site's
    // timelines combined.
    renewals.sample();
    for (int u = 0; u < p.units; u++) {
      fires.sample(u);
    }
    // The sites are not combined when no hazard failed before the horizon (most trials of a model
    // whose hazards are rare): every interval a timeline gets comes from a failure, which counts
    // itself (HazardDraws#count)
    // before any interval is added, except a stationary start's outage in progress at t = 0. So
    // every timeline is still as clear() left it, and combining the sites' empty timelines, which
    // draws nothing, would leave them empty.
    boolean anyFailed = !skipQuietTrials || draws.drawn() > 0 || forcing.stationary();
    if (anyFailed) {
      combineSites();
    }
    if (repairs.on()) {
      repairs.endSampling();
    }
    return anyFailed;
  }

  /** Each site's timelines combined: utility feeds, restarts, damage, networks, zones. */
  private void combineSites() {
    for (int s : p.utilitySites) {
      power.utility(s);
    }

    for (int s = 0; s < p.sites; s++) {
      if (p.siteZones[s].length == 0) {
        power.restarts(s);
        // Damaged hardware (a grid's surge is known only now) caps the site's capacity.
        if (anyDamage) {
          timelines.foldDamage(s);
        }
        timelines.unreachable(s);
        reconnects.reconnect(s);
        timelines.finishBlocked(s);
      } else {
        // Each zone restarts after the site's losses and its own; the site's fires and loss of
        // networks strike every zone.
        countCopies(s, timelines.power[s]);
        power.zoneRestarts(s);
        // Damaged hardware caps each zone's capacity: the site's damage strikes every zone alike,
        // and adds up with the zone's own as overlapping damage of one target does (docs/
        // simulation.md, "Damage"), before the site's ramps go to its zones.
        if (anyDamage) {
          for (int z : p.siteZones[s]) {
            timelines.damage[z].addAllRamps(timelines.damage[s]);
            timelines.foldDamage(z);
          }
        }
        timelines.unreachable(s);
        reconnects.reconnect(s);
        countCopies(s, timelines.blocked[s]);
        countCopies(s, timelines.ramps[s]);
        timelines.spread(s);
      }
    }
  }
}
