package io.firedrill.dist;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * A distribution of durations (in hours) from the model syntax: {@code fixed(D)}, {@code
 * exponential(mean=D)}, {@code lognormal(median=D, p90=D)}, {@code weibull(shape=X, scale=D)},
 * {@code gamma(shape=X, mean=D)}, {@code uniform(D, D)} and {@code triangular(min=D, mode=D,
 * max=D)}.
 *
 * <p>Each family is a record that checks its parameters where it is built. Its exact mean and
 * quantiles come from Commons Statistics; its sampler is a Commons RNG sampler bound to the
 * generator it is given, built once per stream and then called allocation-free.
 */
public sealed interface Distribution
    permits Fixed, Exponential, LogNormal, Weibull, Gamma, Uniform, Triangular, Never {

  /** The exact mean, in hours. */
  double mean();

  /** The exact quantile {@code Q(p)}, in hours, for p in [0, 1]. */
  double quantile(double p);

  /** The exact cumulative probability {@code P(X <= hours)}. */
  double cdf(double hours);

  /** A sampler that draws from this distribution with {@code rng}. */
  ContinuousSampler sampler(UniformRandomProvider rng);

  /**
   * A sampler that takes from {@code rng} exactly the numbers one sample of {@link #sampler} takes,
   * and returns a value of no use: for a draw whose value is not needed but which must be made so
   * that the later draws of the same stream stay where they were. It may leave out the sample's
   * last transform (a lognormal's {@code exp}); by default it is the sampler itself.
   */
  default ContinuousSampler skipSampler(UniformRandomProvider rng) {
    return sampler(rng);
  }

  /**
   * A sampler of the length-biased distribution, density {@code x f(x) / mean}: the length of the
   * interval that covers a random point of time in a renewal process of these durations (Cox,
   * Renewal Theory, 1962, §5.2). A point uniform within it gives the stationary residual time.
   * Allocation-free per sample, like {@link #sampler}.
   */
  ContinuousSampler lengthBiasedSampler(UniformRandomProvider rng);

  /** The model syntax, e.g. {@code lognormal(median=40m, p90=4h)}; it parses back to this. */
  String syntax();

  /** Checks a parameter and names it and its value when it is out of range. */
  static double positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " is not strictly positive: " + value);
    }
    return value;
  }

  /** Checks a parameter that may be zero. */
  static double nonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " is negative or not finite: " + value);
    }
    return value;
  }
}
