package io.firedrill.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/** {@code fixed(D)}: always exactly {@code hours}. */
public record Fixed(double hours) implements Distribution {
  public Fixed {
    Distribution.positive("fixed duration", hours);
  }

  @Override
  public double mean() {
    return hours;
  }

  @Override
  public double quantile(double p) {
    return hours;
  }

  @Override
  public double cdf(double x) {
    return x >= hours ? 1 : 0;
  }

  @Override
  public ContinuousSampler sampler(UniformRandomProvider rng) {
    final double value = hours;
    return () -> value;
  }

  /** A fixed length is its own length-biased length. */
  @Override
  public ContinuousSampler lengthBiasedSampler(UniformRandomProvider rng) {
    return sampler(rng);
  }

  @Override
  public String syntax() {
    return "fixed(" + Units.formatDuration(hours) + ")";
  }
}
