package io.firedrill.model;

import io.firedrill.dist.Distribution;

/**
 * Hardware a hazard damages where it strikes (docs/simulation.md, "Damage"): with probability
 * {@code probability}, each outage of the hazard at its site or zone (each uncontained fire; each
 * cooling failure that outlasts its ride-through) damages {@code share} of the hardware there. The
 * damaged share stays out after the outage ends, while it is repaired for {@code repair}, or for
 * good (to the end of the trial) with probability {@code destroyed}; the rest comes back as it
 * would without damage (its restart, a fire's restore). Restart after a loss of power and repair of
 * damaged hardware run side by side from the outage's end.
 *
 * @param probability that an outage damages hardware, in [0, 1]
 * @param share of the place's hardware (capacity) damaged, in [0, 1]
 * @param repair the time to repair or replace the damaged share, from the end of the outage; null
 *     only when {@code destroyed} is 1 (never repaired)
 * @param destroyed probability that the damaged share is destroyed rather than repaired (it does
 *     not return within the trial: only standby elsewhere helps), in [0, 1]
 */
public record Damage(double probability, double share, Distribution repair, double destroyed) {
  public Damage {
    if (repair == null && destroyed != 1) {
      throw new IllegalArgumentException("repair is null, but destroyed is not 1: " + destroyed);
    }
    check("probability", probability);
    check("share", share);
    check("destroyed", destroyed);
  }

  private static void check(String what, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " is not in [0, 1]: " + p);
    }
  }
}
