package io.firedrill.run;

import io.firedrill.stats.Metric;

/**
 * A rare event of a trial whose probability importance sampling estimates and whose tilt the
 * cross-entropy method chooses ({@link CrossEntropy}): metric {@code metric} of service {@code
 * service} (dependency order; −1 for the total over services) above {@code threshold} in the
 * metric's unit.
 *
 * @param text the event as the user wrote it, for the console and run.json
 */
public record RareEvent(int service, Metric metric, double threshold, String text) {
  /**
   * The event's value in a trial's row ({@link TrialRunner#trialValues} layout: {@code row[a *
   * METRICS + m]}): the service's metric, or the sum over the {@code services} services.
   */
  public double value(double[] row, int services) {
    if (service >= 0) {
      return row[service * TrialRunner.METRICS + metric.ordinal()];
    }
    double sum = 0;
    for (int a = 0; a < services; a++) {
      sum += row[a * TrialRunner.METRICS + metric.ordinal()];
    }
    return sum;
  }

  /** Whether a trial of value {@code v} is in the event: v above the threshold. */
  public boolean in(double v) {
    return v > threshold;
  }
}
