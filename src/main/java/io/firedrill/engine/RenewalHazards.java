package io.firedrill.engine;

import io.firedrill.plan.Plan;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * A hazard kind whose every hazard is a plain alternating renewal process written as it is into one
 * timeline per hazard: up for a time to failure, down for an outage, up again with a fresh time to
 * failure, until the horizon. Site faults (into the site's power timeline, {@link #faults}) and
 * networks (into the network's down timeline, {@link #networks}) are two instances.
 */
final class RenewalHazards {
  private final int kind;
  private final int[] ttf;
  private final int[] outage;
  private final long[] source;
  private final IntervalBuffer[] out;
  private final int causeBase;
  private final double horizon;
  private final HazardDraws draws;
  private final ScenarioForcing forcing;

  /**
   * Hazard i of this kind ({@code Kernel.FORCE_*} {@code kind}) has distributions {@code ttf[i]}
   * ({@link Plan#NONE}: no such hazard) and {@code outage[i]}, draws from random source {@code
   * source[i]}, writes into {@code out[i]} and is cause {@code causeBase + i}.
   */
  RenewalHazards(
      int kind,
      int[] ttf,
      int[] outage,
      long[] source,
      IntervalBuffer[] out,
      int causeBase,
      Plan plan,
      HazardDraws draws,
      ScenarioForcing forcing) {
    this.kind = kind;
    this.ttf = ttf;
    this.outage = outage;
    this.source = source;
    this.out = out;
    this.causeBase = causeBase;
    this.horizon = plan.horizonHours;
    this.draws = draws;
    this.forcing = forcing;
  }

  /** Site faults: into each site's power timeline (they end with a restart, like power losses). */
  static RenewalHazards faults(
      Plan plan, HazardDraws draws, ScenarioForcing forcing, SiteTimelines timelines) {
    return new RenewalHazards(
        Kernel.FORCE_FAULT,
        plan.faultTtf,
        plan.faultOutage,
        plan.faultSource,
        timelines.power,
        plan.causeFaultBase,
        plan,
        draws,
        forcing);
  }

  /** Networks: into each network's down timeline (network n is cause grids + n). */
  static RenewalHazards networks(
      Plan plan, HazardDraws draws, ScenarioForcing forcing, SiteTimelines timelines) {
    return new RenewalHazards(
        Kernel.FORCE_NETWORK,
        plan.netTtf,
        plan.netOutage,
        plan.netSource,
        timelines.netDown,
        plan.grids,
        plan,
        draws,
        forcing);
  }

  /** Samples every active hazard of the kind, each from its own random source. */
  void sample() {
    for (int i = 0; i < ttf.length; i++) {
      if (ttf[i] != Plan.NONE && forcing.active(kind, i)) {
        renewal(i);
      }
    }
  }

  /**
   * Up for a time to failure, down for an outage, until the horizon; a forced process fails at t =
   * 0 and, without background, only then; with a stationary background the others start in their
   * stationary state.
   */
  private void renewal(int i) {
    draws.source(source[i]);
    ContinuousSampler up = draws.sampler(ttf[i]);
    ContinuousSampler down = draws.sampler(outage[i]);
    IntervalBuffer into = out[i];
    int cause = causeBase + i;
    boolean forcedNow = forcing.forced(kind, i);
    int mark = forcedNow ? ScenarioForcing.FORCED : 0;
    double first;
    if (forcedNow) {
      first = 0;
    } else if (forcing.stationary()) {
      draws.stationaryState(ttf[i], outage[i]);
      if (draws.initialOutage) {
        into.add(draws.initialStart, draws.initialStart + draws.initialLength, cause);
      }
      first = draws.nextFailure;
    } else {
      first = up.sample();
    }
    for (double t = first; t < horizon; ) {
      draws.count(cause);
      double len = down.sample();
      into.add(t, t + len, cause | mark);
      if (!forcing.background()) {
        break;
      }
      mark = 0;
      t += len + up.sample();
    }
  }
}
