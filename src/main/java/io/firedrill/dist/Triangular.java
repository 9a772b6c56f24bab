package io.firedrill.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.statistics.distribution.TriangularDistribution;

/** {@code triangular(min=A, mode=C, max=B)}: the usual three-point estimate. */
public record Triangular(double min, double mode, double max) implements Distribution {
  public Triangular {
    Distribution.nonNegative("triangular min", min);
    Distribution.nonNegative("triangular mode", mode);
    Distribution.positive("triangular max", max);
    if (!(max > min)) {
      throw new IllegalArgumentException("triangular max is not above min: " + max);
    }
    if (mode < min || mode > max) {
      throw new IllegalArgumentException("triangular mode is outside [min, max]: " + mode);
    }
  }

  private TriangularDistribution exact() {
    return TriangularDistribution.of(min, mode, max);
  }

  @Override
  public double mean() {
    return (min + mode + max) / 3;
  }

  @Override
  public double quantile(double p) {
    return exact().inverseCumulativeProbability(p);
  }

  @Override
  public double cdf(double x) {
    return exact().cumulativeProbability(x);
  }

  @Override
  public ContinuousSampler sampler(UniformRandomProvider rng) {
    return exact().createSampler(rng)::sample;
  }

  /**
   * Length-biased triangular, by rejection: propose X from the triangle and accept it with
   * probability X / max (acceptance mean / max, at least 1/3).
   */
  @Override
  public ContinuousSampler lengthBiasedSampler(UniformRandomProvider rng) {
    final ContinuousSampler x = sampler(rng);
    final double b = max;
    return () -> {
      while (true) {
        double v = x.sample();
        if (rng.nextDouble() * b < v) {
          return v;
        }
      }
    };
  }

  @Override
  public String syntax() {
    return "triangular(min="
        + Units.formatDuration(min)
        + ", mode="
        + Units.formatDuration(mode)
        + ", max="
        + Units.formatDuration(max)
        + ")";
  }
}
