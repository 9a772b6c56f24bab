package io.firedrill.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Scenario forcing: which hazards (and generators) fail when in a scenario, and how the other
 * hazards behave.
 *
 * <p>A run forces nothing and every hazard runs from an all-up start. A scenario names one or more
 * causes by their ids in the plan ({@link io.firedrill.plan.Plan#causeNames}: hazards and
 * generators), each with the time it fails, hours from t = 0. A forced hazard is up until that time
 * and fails there (a fire is uncontained); a forced generator fails there (docs/simulation.md,
 * "Scenarios"). Everything a forced event sets off carries the {@link #FORCED} mark in its cause,
 * so that recovery is measured from the forced events alone. The others run as {@link
 * Kernel.Background} says. The samplers ask {@link #active} whether to sample a hazard at all,
 * {@link #forced} whether it is forced and {@link #at} when.
 */
final class ScenarioForcing {
  /**
   * Marks a cause as a forced event of a scenario (and everything it set off): the interval, the
   * event and the outage it begins carry it.
   */
  static final int FORCED = 1 << 30;

  /** The cause id without the {@link #FORCED} mark. */
  static final int CAUSE = FORCED - 1;

  /** By cause id: when it is forced to fail, hours, or NaN when it is not forced. */
  private final double[] at;

  private boolean scenario;
  private boolean background = true;
  private boolean stationary;

  /** Forcing for a plan of {@code causes} causes: nothing forced (a run). */
  ScenarioForcing(int causes) {
    at = new double[causes];
    Arrays.fill(at, Double.NaN);
  }

  /**
   * Forces cause {@code causes[i]} to fail at {@code hours[i]}, with the others as {@code mode}
   * says; forgets what was forced before.
   */
  void set(int[] causes, double[] hours, Kernel.Background mode) {
    Arrays.fill(at, Double.NaN);
    for (int i = 0; i < causes.length; i++) {
      at[causes[i]] = hours[i];
    }
    this.scenario = causes.length > 0;
    this.background = mode != Kernel.Background.OFF;
    this.stationary = mode == Kernel.Background.STATIONARY;
  }

  /**
   * A value equal for two forcings exactly when they force the same causes at the same times with
   * the same background: the trials' timelines then depend on nothing else of them.
   */
  Object key() {
    return List.of(Arrays.toString(at), background, stationary); // scenario() follows from at
  }

  /** Whether anything is forced (scenario mode). */
  boolean scenario() {
    return scenario;
  }

  /** Whether cause c (a hazard or a generator) is forced. */
  boolean forced(int c) {
    return at[c] == at[c]; // not NaN
  }

  /** When cause c is forced to fail, hours from t = 0; NaN when it is not forced. */
  double at(int c) {
    return at[c];
  }

  /** Whether hazard h is sampled at all. */
  boolean active(int h) {
    return background || forced(h);
  }

  /** Whether hazards renew after their first failure (false: background off). */
  boolean background() {
    return background;
  }

  /** Whether unforced hazards start in their stationary state rather than all up. */
  boolean stationary() {
    return stationary;
  }
}
