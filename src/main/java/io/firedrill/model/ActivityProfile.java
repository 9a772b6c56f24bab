package io.firedrill.model;

import java.util.List;

/**
 * The weekly activity profile w(t) that weights user impact: 168 hourly weights from Monday 00:00,
 * scaled to mean 1, and where in the week the simulation starts.
 *
 * @param weights empty for a flat profile, else 168 weights with mean 1
 * @param startHour hours from Monday 00:00 to t = 0, in [0, 168)
 */
public record ActivityProfile(List<Double> weights, double startHour) {
  /** Hours in a week. */
  public static final int HOURS_PER_WEEK = 168;

  public ActivityProfile {
    weights = List.copyOf(weights);
    if (!weights.isEmpty() && weights.size() != HOURS_PER_WEEK) {
      throw new IllegalArgumentException("weights has not 168 entries: " + weights.size());
    }
    if (!(startHour >= 0 && startHour < HOURS_PER_WEEK)) {
      throw new IllegalArgumentException("startHour is not in [0, 168): " + startHour);
    }
  }

  /** The flat profile starting Monday 00:00. */
  public static ActivityProfile flat() {
    return new ActivityProfile(List.of(), 0);
  }

  public boolean isFlat() {
    return weights.isEmpty();
  }
}
