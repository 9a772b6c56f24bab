package io.firedrill.engine;

import io.firedrill.plan.Plan;

/**
 * Traffic that returns gradually after a site was cut off (docs/simulation.md, "Reachability"): for
 * a site with a {@code reconnect}, each interval in which all its networks are down (or a network
 * effect cuts it off) is followed by a linear ramp of its capacity from 0 to 1 over a draw of
 * {@code reconnect}, caused by what cut it off; a new cut during the ramp ends it there. Draws one
 * reconnect time per interval, in time order, from the site's source {@code reconnect@S}.
 */
final class Reconnects {
  private final Plan p;
  private final HazardDraws draws;
  private final SiteTimelines timelines;
  private final IntervalBuffer ramps = new IntervalBuffer();

  Reconnects(Plan plan, HazardDraws draws, SiteTimelines timelines) {
    this.p = plan;
    this.draws = draws;
    this.timelines = timelines;
  }

  /**
   * Adds site s's reconnect ramps to its ramps ({@link SiteTimelines#lowerInto}); nothing for a
   * site without {@code reconnect}. Call right after {@link SiteTimelines#unreachable} for s, whose
   * cut-off times ({@link SiteTimelines#cutOffNow}) it reads.
   */
  void reconnect(int s) {
    final int reconnect = p.reconnect[s];
    if (reconnect == Plan.NONE) {
      return;
    }
    IntervalBuffer cut = timelines.cutOffNow;
    if (cut.size == 0) {
      return;
    }
    draws.source(p.reconnectSource[s]);
    ramps.clear();
    for (int i = 0; i < cut.size; i++) {
      double e = cut.end[i];
      double r = draws.sample(reconnect);
      if (r > 0) {
        draws.count(cut.cause[i]);
        double next = i + 1 < cut.size ? cut.start[i + 1] : Double.POSITIVE_INFINITY;
        double until = e + r;
        if (until <= next) {
          ramps.addRamp(e, until, cut.cause[i], 0, 1);
        } else {
          ramps.addRamp(e, next, cut.cause[i], 0, (next - e) / r);
        }
      }
    }
    timelines.lowerInto(s, ramps);
  }
}
