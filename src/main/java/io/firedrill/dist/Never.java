package io.firedrill.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The time to failure of a hazard given {@code rate: 0}: it never strikes on its own. A scenario
 * can still force it (it fails at t = 0 and never again), and a sweep may start a rate at 0. Its
 * mean is infinite, so its long-run probability of being down is 0.
 */
public record Never() implements Distribution {
  /** The one instance. */
  public static final Never INSTANCE = new Never();

  @Override
  public double mean() {
    return Double.POSITIVE_INFINITY;
  }

  @Override
  public double quantile(double p) {
    return Double.POSITIVE_INFINITY;
  }

  @Override
  public double cdf(double hours) {
    return 0;
  }

  @Override
  public ContinuousSampler sampler(UniformRandomProvider rng) {
    return () -> Double.POSITIVE_INFINITY;
  }

  /** Never covers a point of time: an infinite length, like the sampler's. */
  @Override
  public ContinuousSampler lengthBiasedSampler(UniformRandomProvider rng) {
    return () -> Double.POSITIVE_INFINITY;
  }

  /** {@code 0/y}: how the model gives it (there is no distribution syntax for it). */
  @Override
  public String syntax() {
    return "0/y";
  }
}
