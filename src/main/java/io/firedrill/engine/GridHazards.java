package io.firedrill.engine;

import io.firedrill.plan.Plan;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The grid hazard kind: each grid is an alternating renewal process (up for a time to failure, down
 * for an outage), and each of its outages reaches every site it feeds through the power-loss effect
 * ({@link PowerLoss#supplyOutage}). Cause ids: grid g is cause g.
 */
final class GridHazards {
  private final Plan p;
  private final HazardDraws draws;
  private final ScenarioForcing forcing;
  private final PowerLoss power;

  GridHazards(Plan plan, HazardDraws draws, ScenarioForcing forcing, PowerLoss power) {
    this.p = plan;
    this.draws = draws;
    this.forcing = forcing;
    this.power = power;
  }

  /**
   * Samples every active grid up to the horizon, each from its own source {@code grid@G}, into the
   * power timelines of the sites it feeds. A forced grid fails at t = 0 and, without background,
   * only then; with a stationary background the others start in their stationary state.
   */
  void sample() {
    final double h = p.horizonHours;
    for (int g = 0; g < p.grids; g++) {
      if (!forcing.active(Kernel.FORCE_GRID, g)) {
        continue;
      }
      draws.source(p.gridSource[g]);
      ContinuousSampler ttf = draws.sampler(p.gridTtf[g]);
      ContinuousSampler out = draws.sampler(p.gridOutage[g]);
      int[] fed = p.gridSites[g];
      int mark = forcing.forced(Kernel.FORCE_GRID, g) ? ScenarioForcing.FORCED : 0;
      double first;
      if (mark != 0) {
        first = 0;
      } else if (forcing.stationary()) {
        first = stationaryStart(g, fed);
      } else {
        first = ttf.sample();
      }
      for (double t = first; t < h; ) {
        draws.count(g);
        double len = out.sample();
        for (int s : fed) {
          power.supplyOutage(s, g, t, len, mark);
        }
        if (!forcing.background()) {
          break;
        }
        mark = 0;
        t += len + ttf.sample();
      }
    }
  }

  /**
   * Grid g's stationary state at t = 0 ({@link HazardDraws#stationaryState}): the outage in
   * progress, or the one before the up time in progress, reaches the fed sites; returns the first
   * failure after 0. A method of its own so that {@link #sample} stays small enough for the JIT to
   * inline.
   */
  private double stationaryStart(int g, int[] fed) {
    draws.stationaryState(p.gridTtf[g], p.gridOutage[g]);
    for (int s = 0; draws.initialOutage && s < fed.length; s++) {
      power.supplyOutage(fed[s], g, draws.initialStart, draws.initialLength, 0);
    }
    return draws.nextFailure;
  }
}
