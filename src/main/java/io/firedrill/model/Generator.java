package io.firedrill.model;

/**
 * A standby generator that carries a site through a grid outage.
 *
 * @param failToStart probability that it does not start when the grid fails
 * @param failuresPerRunningHour rate at which a running generator fails
 */
public record Generator(double failToStart, double failuresPerRunningHour) {
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
