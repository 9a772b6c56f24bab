package io.firedrill.model;

import io.firedrill.dist.Distribution;

/**
 * A site's standby generators, which carry it through a grid outage: {@code count} alike, of which
 * {@code needed} must run to carry the load (k-of-n; one of one by default).
 *
 * @param failToStart probability that it does not start, at the grid's failure and at every restart
 *     after a repair
 * @param failuresPerRunningHour rate at which a running generator fails
 * @param repair distribution of the time to repair it after it failed to start or failed while
 *     running, hours; then it starts again while the grid is still out (docs/simulation.md,
 *     "Power"). Null: a failed generator stays down until the grid returns
 * @param count how many generators, each with these parameters, from 1
 * @param needed how many must run to carry the site, from 1 to {@code count}
 */
public record Generator(
    double failToStart, double failuresPerRunningHour, Distribution repair, int count, int needed) {
  /** One generator. */
  public Generator(double failToStart, double failuresPerRunningHour, Distribution repair) {
    this(failToStart, failuresPerRunningHour, repair, 1, 1);
  }

  public Generator {
    if (count < 1 || needed < 1 || needed > count) {
      throw new IllegalArgumentException(
          "count is not positive or needed is not in [1, count]: " + count + ", " + needed);
    }
    if (!(failToStart >= 0 && failToStart <= 1)) {
      throw new IllegalArgumentException("failToStart is not in [0, 1]: " + failToStart);
    }
    if (!(failuresPerRunningHour >= 0) || !Double.isFinite(failuresPerRunningHour)) {
      throw new IllegalArgumentException(
          "failuresPerRunningHour is negative or not finite: " + failuresPerRunningHour);
    }
  }
}
