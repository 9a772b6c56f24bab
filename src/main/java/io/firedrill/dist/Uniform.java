package io.firedrill.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/** {@code uniform(A, B)}: any duration between A and B equally likely. */
public record Uniform(double min, double max) implements Distribution {
  public Uniform {
    Distribution.nonNegative("uniform min", min);
    Distribution.positive("uniform max", max);
    if (!(max > min)) {
      throw new IllegalArgumentException("uniform max is not above min: " + max);
    }
  }

  @Override
  public double mean() {
    return (min + max) / 2;
  }

  @Override
  public double quantile(double p) {
    return UniformContinuousDistribution.of(min, max).inverseCumulativeProbability(p);
  }

  @Override
  public double cdf(double x) {
    return UniformContinuousDistribution.of(min, max).cumulativeProbability(x);
  }

  @Override
  public ContinuousSampler sampler(UniformRandomProvider rng) {
    return ContinuousUniformSampler.of(rng, min, max);
  }

  /**
   * Length-biased uniform: density proportional to x on [min, max], by inversion: X = sqrt(min^2 +
   * U (max^2 - min^2)).
   */
  @Override
  public ContinuousSampler lengthBiasedSampler(UniformRandomProvider rng) {
    final double a2 = min * min;
    final double span = max * max - a2;
    return () -> Math.sqrt(a2 + rng.nextDouble() * span);
  }

  @Override
  public String syntax() {
    return "uniform(" + Units.formatDuration(min) + ", " + Units.formatDuration(max) + ")";
  }
}
