package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * Damaged hardware (docs/simulation.md, "Damage"): at the end of each outage of a hazard with
 * {@code damage} (a fire's dark time, a fault, a cooling failure's shutdown), with the damage's
 * probability a share of the hardware at the hazard's site or zone stays out of service for its
 * repair, or to the end of the trial when destroyed. Each such repair is a constant capacity of 1 −
 * share over [end of the outage, end of the repair), caused by the hazard (and marked as its
 * scenario event, if it was one); {@link SiteTimelines#foldDamage} turns a unit's repairs into
 * ramps of its capacity.
 *
 * <p>Each hazard's damage draws from its own source, {@code KIND@TARGET:damage}, with the outage's
 * number in the trial as its draw number, and always the same three numbers: a uniform for the
 * probability, a uniform for destruction, then the repair time (none for a damage that is always
 * destroyed and gives no repair). So damage moves no draw of its hazard or of any other source
 * (common random numbers); an outage that strikes no hardware (a cooling failure within its
 * ride-through) draws them too, so that the ride-through moves no later outage's draws.
 */
final class Damages {
  private final Plan p;
  private final HazardDraws draws;
  private final SiteTimelines timelines;

  /** Outages of each hazard with damage so far in the trial: the draw number of the next. */
  private final int[] outages;

  /** Whether any hazard damages hardware (else a trial has nothing to clear). */
  private final boolean any;

  Damages(Plan plan, HazardDraws draws, SiteTimelines timelines) {
    this.p = plan;
    this.draws = draws;
    this.timelines = timelines;
    this.outages = new int[plan.hazards];
    this.any = plan.damageRepair.length > 0;
  }

  /** Starts a trial: no outage yet. */
  void startTrial() {
    if (any) {
      Arrays.fill(outages, 0);
    }
  }

  /**
   * Hazard h's outage at its target ends at {@code end}, hours; {@code struck} says whether it took
   * the hardware down (false for a cooling failure within its ride-through). Marked {@code mark}
   * ({@link ScenarioForcing#FORCED} or 0). Draws nothing for a hazard without damage.
   *
   * @throws Kernel.TooManyEvents past the trial's limit of hazard events
   */
  void outageEnds(int h, double end, boolean struck, int mark) {
    int d = p.hazardDamage[h];
    if (d != Plan.NONE) {
      strike(d, end, struck, h | mark, outages[h]++);
    }
  }

  /**
   * Effect e, set off by hazard h at its n-th failure (n &lt; 0: a failure of its history before a
   * stationary start), ends at {@code end}; {@code struck} says whether it took the hardware down
   * (false for a cooling effect within the ride-through). Draws nothing for an effect without
   * damage.
   */
  void effectEnds(int e, int h, double end, boolean struck, int mark, long n) {
    int d = p.effectDamage[e];
    if (d != Plan.NONE) {
      strike(d, end, struck, h | mark, n);
    }
  }

  /**
   * A grid's surge, damage d at its site: power returns at {@code end} after the n-th merged loss
   * of the site's power in the trial, begun by the grid ({@code cause}, with its scenario mark).
   * Hardware destroyed by a loss that ended before t = 0 is not carried.
   */
  void surge(int d, double end, int cause, long n) {
    strike(d, end, true, cause, n);
  }

  /**
   * The k-th outage (from 0) of hazard h's history before a stationary start ends at {@code end}:
   * its damage, with draw number −1 − k, apart from the outages after it. Hardware destroyed by an
   * outage that ended before t = 0 is not carried into the trial.
   */
  void historyOutageEnds(int h, double end, boolean struck, long k) {
    int d = p.hazardDamage[h];
    if (d != Plan.NONE) {
      strike(d, end, struck, h, -1 - k);
    }
  }

  /**
   * Damage d at the end of an outage at {@code end}, caused by {@code cause} (with its scenario
   * mark), with draw number n.
   */
  private void strike(int d, double end, boolean struck, int cause, long n) {
    draws.effect(p.damageSource[d], n);
    boolean on = draws.effectUniform() < p.damageProbability[d];
    boolean destroyed = draws.effectUniform() < p.damageDestroyed[d];
    // Always destroyed (no repair given): nothing to draw for the repair.
    double repair =
        p.damageRepair[d] == Plan.NONE
            ? Double.POSITIVE_INFINITY
            : draws.effectSample(p.damageRepair[d]);
    final double horizon = p.horizonHours;
    // Hardware destroyed by an outage that ended before t = 0 (a stationary start's history, or
    // the outage before its up time in progress) is not carried: a trial begins with every site
    // built.
    if (!struck
        || !on
        || !(p.damageShare[d] > 0)
        || end >= horizon
        || (destroyed && (n < 0 || end < 0))) {
      return;
    }
    double stop = destroyed ? horizon : Math.min(p.workDone(end, repair), horizon);
    if (!(stop > end) || stop <= 0) {
      return;
    }
    draws.count(cause);
    double share = p.damageShare[d];
    timelines.damage[p.damageUnit[d]].addRamp(end, stop, cause, share, share);
    if (destroyed) {
      timelines.destroyed[p.damageUnit[d]].add(end, horizon, cause);
    }
  }
}
