package io.firedrill.engine;

import io.firedrill.plan.Plan;

/**
 * The first phase of a trial: every hazard sampled up to the horizon into the site timelines.
 *
 * <p>One sampler per hazard kind (grids, site faults, networks, fires), each drawing through {@link
 * HazardDraws}, and the effects they share: power loss through UPS, generator and restart ({@link
 * PowerLoss}), loss of all networks with its reconvergence blip ({@link
 * SiteTimelines#unreachable}), dark then a ramp ({@link FireHazards}).
 *
 * <p>Every hazard draws from its own substream, keyed by (run seed, trial, its source id, draw
 * number) ({@link StreamKeys}): {@code grid@G}, {@code routing@N}, {@code fault@S}, {@code fire@S},
 * {@code restart@S}, and {@code power@S} for the generator's draws at the site's n-th supply
 * outage. So the order in which {@link #sample} visits the hazards changes no number, and a change
 * to one hazard (its parameters, or its removal) leaves every other hazard's draws as they were
 * (common random numbers). Within a source, every draw that a branch might skip is drawn anyway, so
 * that one parameter of a hazard moves none of its own later draws.
 */
final class Hazards {
  private final Plan p;
  private final HazardDraws draws;
  private final SiteTimelines timelines;
  private final PowerLoss power;
  private final GridHazards grids;
  private final RenewalHazards faults;
  private final RenewalHazards networks;
  private final FireHazards fires;

  Hazards(Plan plan, HazardDraws draws, ScenarioForcing forcing, SiteTimelines timelines) {
    this.p = plan;
    this.draws = draws;
    this.timelines = timelines;
    this.power = new PowerLoss(plan, draws, timelines);
    this.grids = new GridHazards(plan, draws, forcing, power);
    this.faults = RenewalHazards.faults(plan, draws, forcing, timelines);
    this.networks = RenewalHazards.networks(plan, draws, forcing, timelines);
    this.fires = new FireHazards(plan, draws, forcing, timelines);
  }

  /**
   * Samples the hazards of trial number {@code trial}: afterwards each site's blocked intervals are
   * sorted, disjoint and tagged with the cause that began each, and its ramps are listed in time
   * order.
   */
  void sample(long trial) {
    draws.startTrial(trial);
    power.startTrial();
    timelines.clear();
    grids.sample();
    faults.sample();
    networks.sample();
    for (int s = 0; s < p.sites; s++) {
      power.restarts(s);
      timelines.unreachable(s);
      fires.sample(s);
      timelines.finishBlocked(s);
    }
  }
}
