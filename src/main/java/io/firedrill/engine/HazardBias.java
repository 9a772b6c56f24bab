package io.firedrill.engine;

import io.firedrill.plan.Plan;
import java.util.Arrays;

/**
 * What importance sampling tilts (docs/simulation.md, "Importance sampling"): per hazard id of a
 * plan ({@link Plan#hazard}), the factor its failures are made more frequent by ({@code rate}: its
 * times to failure drawn that many times shorter) and the factor its outages are made longer by
 * ({@code outage}: drawn that many times longer); 1 leaves a hazard as the model has it.
 *
 * @param rate per hazard id, a factor in (0, ∞), one per hazard of the plan
 * @param outage per hazard id, a factor in (0, ∞), one per hazard of the plan
 */
public record HazardBias(double[] rate, double[] outage) {
  /**
   * @throws IllegalArgumentException if the arrays differ in length or a factor is not positive and
   *     finite
   */
  public HazardBias {
    if (rate.length != outage.length) {
      throw new IllegalArgumentException(
          "one rate and one outage factor per hazard: " + rate.length + " and " + outage.length);
    }
    rate = rate.clone();
    outage = outage.clone();
    for (double f : rate) {
      check(f);
    }
    for (double f : outage) {
      check(f);
    }
  }

  private static void check(double f) {
    if (!(f > 0 && f < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("a tilt factor is not positive and finite: " + f);
    }
  }

  /** No tilt for the {@code hazards} hazards of a plan: every factor 1. */
  public static HazardBias none(int hazards) {
    double[] ones = new double[hazards];
    Arrays.fill(ones, 1);
    return new HazardBias(ones, ones);
  }

  /** Whether every factor is 1: nothing tilted. */
  public boolean isNone() {
    for (int h = 0; h < rate.length; h++) {
      if (rate[h] != 1 || outage[h] != 1) {
        return false;
      }
    }
    return true;
  }

  /** This with hazard {@code h}'s rate factor set to {@code f}. */
  public HazardBias withRate(int h, double f) {
    double[] r = rate.clone();
    r[h] = f;
    return new HazardBias(r, outage);
  }

  /** This with hazard {@code h}'s outage factor set to {@code f}. */
  public HazardBias withOutage(int h, double f) {
    double[] o = outage.clone();
    o[h] = f;
    return new HazardBias(rate, o);
  }

  @Override
  public double[] rate() {
    return rate.clone();
  }

  @Override
  public double[] outage() {
    return outage.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HazardBias b
        && Arrays.equals(rate, b.rate)
        && Arrays.equals(outage, b.outage);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(rate) + Arrays.hashCode(outage);
  }

  @Override
  public String toString() {
    return "HazardBias[rate=" + Arrays.toString(rate) + ", outage=" + Arrays.toString(outage) + "]";
  }
}
