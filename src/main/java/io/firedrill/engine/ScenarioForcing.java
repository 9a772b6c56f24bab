package io.firedrill.engine;

/**
 * Scenario forcing: which hazard fails at t = 0 in a scenario, and how the other hazards behave.
 *
 * <p>A run forces nothing and every hazard runs from an all-up start. A scenario names one hazard
 * by its id in the plan ({@link io.firedrill.plan.Plan#hazard}); that hazard fails at t = 0 (a fire
 * is uncontained) and everything it sets off carries the {@link #FORCED} mark in its cause, so that
 * recovery is measured from that event alone. The others run as {@link Kernel.Background} says. The
 * samplers ask {@link #active} whether to sample a hazard at all and {@link #forced} whether it is
 * the forced one.
 */
final class ScenarioForcing {
  /**
   * Marks a cause as the forced event of a scenario (and everything it set off): the interval, the
   * event and the outage it begins carry it.
   */
  static final int FORCED = 1 << 30;

  /** The cause id without the {@link #FORCED} mark. */
  static final int CAUSE = FORCED - 1;

  private int hazard = -1;
  private boolean background = true;
  private boolean stationary;

  /** Forces hazard {@code hazard} (its plan id), with the others as {@code mode} says. */
  void set(int hazard, Kernel.Background mode) {
    this.hazard = hazard;
    this.background = mode != Kernel.Background.OFF;
    this.stationary = mode == Kernel.Background.STATIONARY;
  }

  /** Whether a hazard is forced (scenario mode). */
  boolean scenario() {
    return hazard >= 0;
  }

  /** Whether hazard h is the forced one. */
  boolean forced(int h) {
    return hazard == h;
  }

  /** Whether hazard h is sampled at all. */
  boolean active(int h) {
    return background || hazard == h;
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
