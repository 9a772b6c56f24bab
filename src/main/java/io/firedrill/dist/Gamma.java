package io.firedrill.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.statistics.distribution.GammaDistribution;

/** {@code gamma(shape=k, mean=D)}: scale {@code theta = mean / k}. */
public record Gamma(double shape, double mean) implements Distribution {
  public Gamma {
    Distribution.positive("gamma shape", shape);
    Distribution.positive("gamma mean", mean);
  }

  /** The scale parameter theta. */
  public double scale() {
    return mean / shape;
  }

  private GammaDistribution exact() {
    return GammaDistribution.of(shape, scale());
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
    return AhrensDieterMarsagliaTsangGammaSampler.of(rng, shape, scale());
  }

  /** Length-biased gamma: gamma(shape + 1, the same scale). */
  @Override
  public ContinuousSampler lengthBiasedSampler(UniformRandomProvider rng) {
    return AhrensDieterMarsagliaTsangGammaSampler.of(rng, shape + 1, scale());
  }

  @Override
  public String syntax() {
    return "gamma(shape=" + Units.exact(shape) + ", mean=" + Units.formatDuration(mean) + ")";
  }
}
