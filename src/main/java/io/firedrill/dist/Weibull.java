package io.firedrill.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.WeibullDistribution;

/** {@code weibull(shape=k, scale=D)}: {@code P(X > x) = exp(-(x / scale)^k)}. */
public record Weibull(double shape, double scale) implements Distribution {
  public Weibull {
    Distribution.positive("weibull shape", shape);
    Distribution.positive("weibull scale", scale);
  }

  private WeibullDistribution exact() {
    return WeibullDistribution.of(shape, scale);
  }

  @Override
  public double mean() {
    return exact().getMean();
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
    // X = scale * E^(1/k) with E ~ Exp(1): the ziggurat exponential is cheaper than inverting
    // the CDF from a uniform (one log saved), and exact.
    final ZigguratSampler.Exponential e = ZigguratSampler.Exponential.of(rng);
    final double inverseShape = 1 / shape;
    final double s = scale;
    return inverseShape == 1 ? () -> s * e.sample() : () -> s * Math.pow(e.sample(), inverseShape);
  }

  /**
   * Length-biased Weibull: with Y = (X / scale)^k, the density x f(x) makes Y gamma(1 + 1/k, 1), so
   * X = scale Y^(1/k).
   */
  @Override
  public ContinuousSampler lengthBiasedSampler(UniformRandomProvider rng) {
    final double inverseShape = 1 / shape;
    final double s = scale;
    final ContinuousSampler y = AhrensDieterMarsagliaTsangGammaSampler.of(rng, 1 + inverseShape, 1);
    return () -> s * Math.pow(y.sample(), inverseShape);
  }

  @Override
  public String syntax() {
    return "weibull(shape=" + Units.exact(shape) + ", scale=" + Units.formatDuration(scale) + ")";
  }
}
