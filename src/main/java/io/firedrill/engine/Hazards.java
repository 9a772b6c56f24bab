package io.firedrill.engine;

import io.firedrill.plan.Plan;

/**
 * The first phase of a trial: every hazard sampled up to the horizon into the site timelines.
 *
 * <p>One sampler per hazard kind (grids, site faults, networks, fires), each drawing from the
 * hazard stream through {@link HazardDraws}, and the effects they share: power loss through UPS,
 * generator and restart ({@link PowerLoss}), loss of all networks with its reconvergence blip
 * ({@link SiteTimelines#unreachable}), dark then a ramp ({@link FireHazards}).
 *
 * <p>The order of the draws is fixed, and {@link #sample} is where it is written down: grids,
 * faults and networks in index order, then per site its restarts and its fires. Common random
 * numbers depend on it: the same stream position feeds the same hazard from trial to trial, and
 * every draw that a branch might skip is drawn anyway.
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
   * Samples one trial's hazards: afterwards each site's blocked intervals are sorted, disjoint and
   * tagged with the cause that began each, and its ramps are listed in time order.
   */
  void sample() {
    draws.startTrial();
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
