package io.firedrill.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.ExponentialDistribution;

/** {@code exponential(mean=D)}; also the time to failure of a hazard given as a rate. */
public record Exponential(double mean) implements Distribution {
  public Exponential {
    Distribution.positive("exponential mean", mean);
  }

  /** The exponential time to failure of events at {@code perHour}. */
  public static Exponential ofRate(double perHour) {
    return new Exponential(1 / Distribution.positive("rate", perHour));
  }

  @Override
  public double quantile(double p) {
    return ExponentialDistribution.of(mean).inverseCumulativeProbability(p);
  }

  @Override
  public double cdf(double x) {
    return ExponentialDistribution.of(mean).cumulativeProbability(x);
  }

  @Override
  public ContinuousSampler sampler(UniformRandomProvider rng) {
    return ZigguratSampler.Exponential.of(rng, mean);
  }

  /** Length-biased exponential: gamma(shape 2, scale mean), the sum of two exponentials. */
  @Override
  public ContinuousSampler lengthBiasedSampler(UniformRandomProvider rng) {
    final ZigguratSampler.Exponential e = ZigguratSampler.Exponential.of(rng, mean);
    return () -> e.sample() + e.sample();
  }

  @Override
  public String syntax() {
    return "exponential(mean=" + Units.formatDuration(mean) + ")";
  }
}
