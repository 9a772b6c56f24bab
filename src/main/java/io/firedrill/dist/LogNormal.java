package io.firedrill.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.LogNormalDistribution;

/**
 * {@code lognormal(median=m, p90=q)}: {@code mu = ln m}, {@code sigma = (ln q - ln m) / z90} with
 * {@code z90 = 1.2815515655446004}, the 90th percentile of the standard normal. Incident durations
 * are usually quoted as a typical value and a bad case, which is exactly these two parameters.
 */
public record LogNormal(double median, double p90) implements Distribution {
  /** The standard normal's 90th percentile, as docs/model-format.md fixes it. */
  public static final double Z90 = 1.2815515655446004;

  public LogNormal {
    Distribution.positive("lognormal median", median);
    Distribution.positive("lognormal p90", p90);
    if (!(p90 > median)) {
      throw new IllegalArgumentException("lognormal p90 is not above the median: " + p90);
    }
  }

  /** The log-scale location. */
  public double mu() {
    return Math.log(median);
  }

  /** The log-scale spread. */
  public double sigma() {
    return (Math.log(p90) - Math.log(median)) / Z90;
  }

  private LogNormalDistribution exact() {
    return LogNormalDistribution.of(mu(), sigma());
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
    return LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), mu(), sigma());
  }

  /** The standard normal draw of one sample, without its {@code exp}: the same numbers taken. */
  @Override
  public ContinuousSampler skipSampler(UniformRandomProvider rng) {
    return ZigguratSampler.NormalizedGaussian.of(rng)::sample;
  }

  /** Length-biased lognormal: lognormal(mu + sigma^2, sigma). */
  @Override
  public ContinuousSampler lengthBiasedSampler(UniformRandomProvider rng) {
    double sigma = sigma();
    return LogNormalSampler.of(
        ZigguratSampler.NormalizedGaussian.of(rng), mu() + sigma * sigma, sigma);
  }

  @Override
  public String syntax() {
    return "lognormal(median="
        + Units.formatDuration(median)
        + ", p90="
        + Units.formatDuration(p90)
        + ")";
  }
}
