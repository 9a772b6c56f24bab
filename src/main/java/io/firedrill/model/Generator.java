package io.firedrill.model;

import io.firedrill.dist.Distribution;

/**
 * A standby generator that carries a site through a grid outage.
 *
 * @param failToStart probability that it does not start, at the grid's failure and at every restart
 *     after a repair
 * @param failuresPerRunningHour rate at which a running generator fails
 * @param repair distribution of the time to repair it after it failed to start or failed while
 *     running, hours; then it starts again while the grid is still out (docs/simulation.md,
 *     "Power"). Null: a failed generator stays down until the grid returns
 */
public record Generator(double failToStart, double failuresPerRunningHour, Distribution repair) {
  public Generator {
    if (!(failToStart >= 0 && failToStart <= 1)) {
      throw new IllegalArgumentException("failToStart is not in [0, 1]: " + failToStart);
    }
    if (!(failuresPerRunningHour >= 0) || !Double.isFinite(failuresPerRunningHour)) {
      throw new IllegalArgumentException(
          "failuresPerRunningHour is negative or not finite: " + failuresPerRunningHour);
    }
  }
}
