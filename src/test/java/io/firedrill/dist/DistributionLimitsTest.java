package io.firedrill.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Distributions whose arithmetic would overflow in a stationary start are refused where they are
 * written: a duration above 1e150 h, a mean above 1e150 h, a lognormal whose length-biased median
 * exp(μ + σ²) is above 1e300 h (median 3.7e-44 h, p90 2e-28 h: μ = −100, σ² = 799, mean 1e130 h).
 * Before, a triangular with max 1e155 h made the length-biased sampler loop forever (its draws were
 * not finite), and a lognormal with p90 1e15 h started its hazard up at t = 0 instead of down.
 */
class DistributionLimitsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "triangular(0, 0, 1e155h) | max must be at most 1e150h (about 1.1e146 years), got 1e+155h",
        "triangular(0, 0, 1.0000001e150h) | max must be at most 1e150h (about 1.1e146 years), got 1.0000001e+150h",
        "uniform(0, 1e160h) | max must be at most 1e150h",
        "fixed(1e308h) | value must be at most 1e150h",
        "weibull(shape=0.01, scale=1e200h) | scale must be at most 1e150h",
        "weibull(shape=0.01, scale=1e140h) | the mean (9.33262154e+297h) is above 1e150h",
        "weibull(shape=0.001, scale=1h) | the mean (more than 1.8e308h) is above 1e150h",
        "lognormal(median=1h, p90=1e15h) | the mean (5.28892247e+157h) is above 1e150h",
        "lognormal(median=3.7e-44h, p90=2e-28h) | is too far above the median",
      })
  void overflowingDistributions_areRefused_namingTheParameter(String text, String message) {
    SyntaxException e = assertThrows(SyntaxException.class, () -> DistributionParser.parse(text));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void atTheLimits_theLengthBiasedDrawsAreFinite() throws Exception {
    var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
    for (String text :
        new String[] {
          "triangular(0, 0, 1e150h)",
          "uniform(0, 1e150h)",
          "fixed(1e150h)",
          "lognormal(median=1h, p90=1e13h)",
          "weibull(shape=0.02, scale=1h)"
        }) {
      Distribution d = DistributionParser.parse(text);
      var biased = d.lengthBiasedSampler(rng);
      for (int i = 0; i < 1000; i++) {
        double x = biased.sample();
        assertTrue(Double.isFinite(x) && x >= 0, text + " drew " + x);
      }
      assertTrue(Double.isFinite(d.mean()), text);
    }
    assertEquals(1e150, DistributionParser.parse("fixed(1e150h)").mean());
  }
}
