package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * Cascades: the effects a hazard's failure sets off at sites ({@code also}, docs/simulation.md,
 * "Cascades"). At each failure of a hazard with effects (each outage of a grid, network, fault or
 * cooling failure, after its onset; each uncontained fire), each effect is set off with its
 * probability, begins its delay after the initiating outage begins (a fire's ignition) and lasts
 * its own outage or the initiating one's; it carries the initiating hazard's cause (and its
 * scenario mark), so that causes follow the chain back to the event that began it.
 *
 * <p>Where an effect goes: {@code power}, into the site's utility cuts, merged with its feeds'
 * outages before its UPS and generator ({@link SiteTimelines#utilityOut}); {@code dark}, into the
 * site's power losses, which merge with its others and are followed by its restart ({@link
 * PowerLoss#restarts}); {@code cooling}, the same after the site's cooling ride-through; {@code
 * network}, into its cut-off times ({@link SiteTimelines#cutOff}), which join its blocked intervals
 * with its loss of networks. So every sampler of a hazard with effects must run before any site's
 * timelines are combined ({@link Hazards#sample}).
 *
 * <p>Each effect draws from its own source, {@code KIND@TARGET>SITE}, with the failure's number in
 * the trial as its draw number ({@link HazardDraws#effect}): a uniform for the probability, then
 * the delay and the outage when the model gives them, always all of them. So an effect changes no
 * draw of its hazard or of any other source (common random numbers), and a hazard without effects
 * draws nothing here. A {@code dark} or {@code cooling} effect with {@code damage} may then damage
 * the hardware it took down, from its end ({@link Damages#effectEnds}).
 */
final class Cascades {
  private final Plan p;
  private final HazardDraws draws;
  private final SiteTimelines timelines;
  private final Damages damages;

  /** Failures of each hazard with effects so far in the trial: the draw number of the next. */
  private final int[] failures;

  /** Whether any hazard has effects (else a trial has nothing to clear). */
  private final boolean any;

  Cascades(Plan plan, HazardDraws draws, SiteTimelines timelines, Damages damages) {
    this.p = plan;
    this.damages = damages;
    this.draws = draws;
    this.timelines = timelines;
    this.failures = new int[plan.hazards];
    this.any = plan.effectSite.length > 0;
  }

  /** Starts a trial: no failure yet. */
  void startTrial() {
    if (any) {
      Arrays.fill(failures, 0);
    }
  }

  /**
   * Hazard h's outage begins at {@code t} and lasts {@code len} hours (a fire: it ignites, dark for
   * {@code len}); sets off its effects, marked {@code mark} ({@link ScenarioForcing#FORCED} or 0).
   *
   * @throws Kernel.TooManyEvents past the trial's limit of hazard events
   */
  void setOff(int h, double t, double len, int mark) {
    if (p.hazardAlso[h].length > 0) {
      setOff(h, t, len, mark, failures[h]++);
    }
  }

  /**
   * The k-th failure (from 0) of hazard h's history before a stationary start ({@link
   * RenewalHazards}, {@link FireHazards}): its outage at {@code t} of {@code len} hours sets off
   * its effects, with draw numbers −1 − k, apart from those of the failures after it.
   */
  void setOffHistory(int h, double t, double len, long k) {
    setOff(h, t, len, 0, -1 - k);
  }

  private void setOff(int h, double t, double len, int mark, long n) {
    final int[] also = p.hazardAlso[h];
    for (int e : also) {
      draws.effect(p.effectSource[e], n);
      boolean on = draws.effectUniform() < p.effectProbability[e];
      double delay = p.effectDelay[e] == Plan.NONE ? 0 : draws.effectSample(p.effectDelay[e]);
      double dur = p.effectOutage[e] == Plan.NONE ? len : draws.effectSample(p.effectOutage[e]);
      double start = t + delay;
      if (!on || !(dur > 0) || start >= p.horizonHours) {
        continue;
      }
      draws.count(h);
      int s = p.effectSite[e];
      double end = start + dur;
      IntervalBuffer into =
          switch (p.effectKind[e]) {
            case POWER -> timelines.cuts[s];
            case DARK -> timelines.power[s];
            case NETWORK -> timelines.cutOff[s];
            case COOLING -> {
              // The IT runs on for the ride-through of its cooling.
              start += p.effectRideThrough[e];
              yield timelines.power[s];
            }
          };
      if (start < end) {
        into.add(start, end, h | mark);
      }
      // Water, heat: the hardware it took down may be damaged (dark and cooling effects only).
      damages.effectEnds(e, h, end, start < end, mark, n);
    }
  }
}
