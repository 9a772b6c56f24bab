package io.firedrill.engine;

import io.firedrill.plan.Plan;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * One sampler per distribution of a plan, by id, on one stream, with the two families nearly every
 * model uses (exponential times to failure, lognormal durations) called through their own types.
 *
 * <p>Why: a call through {@link ContinuousSampler} from one place of the kernel reaches samplers of
 * several classes, so the JIT cannot inline it (a megamorphic call); typed calls to {@link
 * ZigguratSampler.Exponential} and {@link LogNormalSampler} can be. The samplers are the very ones
 * {@link io.firedrill.dist.Distribution#sampler} builds, so every draw is the same number.
 */
final class Samplers {
  private static final byte OTHER = 0;
  private static final byte EXPONENTIAL = 1;
  private static final byte LOGNORMAL = 2;

  private final byte[] family;
  private final ContinuousSampler[] other;
  private final ZigguratSampler.Exponential[] exponential;
  private final LogNormalSampler[] lognormal;

  /** The samplers of {@code plan}'s distributions on {@code rng}. */
  Samplers(Plan plan, UniformRandomProvider rng) {
    int nd = plan.distributions.size();
    family = new byte[nd];
    other = new ContinuousSampler[nd];
    exponential = new ZigguratSampler.Exponential[nd];
    lognormal = new LogNormalSampler[nd];
    for (int i = 0; i < nd; i++) {
      ContinuousSampler s = plan.distributions.get(i).sampler(rng);
      other[i] = s;
      if (s instanceof ZigguratSampler.Exponential e) {
        family[i] = EXPONENTIAL;
        exponential[i] = e;
      } else if (s instanceof LogNormalSampler l) {
        family[i] = LOGNORMAL;
        lognormal[i] = l;
      }
    }
  }

  /** One draw of distribution {@code id}, hours. */
  double sample(int id) {
    switch (family[id]) {
      case EXPONENTIAL:
        return exponential[id].sample();
      case LOGNORMAL:
        return lognormal[id].sample();
      default:
        return other[id].sample();
    }
  }
}
