package io.firedrill.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.cli.Cli;
import io.firedrill.dist.Distribution;
import io.firedrill.dist.Gamma;
import io.firedrill.dist.LogNormal;
import io.firedrill.dist.Weibull;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maximum-likelihood fits recover the parameters that generated the data, within 5 standard errors
 * of the estimator (asymptotic variances from the Fisher information, stated per case); each check
 * fails falsely with probability about 5.7e-7. N = 20,000, seeds fixed and printed.
 */
class FitTest {
  static final int N = 20_000;

  static double[] sample(Distribution d, long seed) {
    ContinuousSampler s = d.sampler(RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = s.sample();
    }
    return x;
  }

  @Test
  void lognormal_recoversMuAndSigma() {
    LogNormal truth = new LogNormal(1.5, 6);
    LogNormal fit = (LogNormal) Fit.fit("lognormal", sample(truth, 21)).distribution();
    double sigma = truth.sigma();
    // Var(mu^) = sigma^2 / n, Var(sigma^) = sigma^2 / (2n).
    assertEquals(truth.mu(), fit.mu(), 5 * sigma / Math.sqrt(N), "mu, seed 21");
    assertEquals(sigma, fit.sigma(), 5 * sigma / Math.sqrt(2.0 * N), "sigma, seed 21");
    assertEquals("lognormal", Fit.fitAll(sample(truth, 22)).get(0).family(), "AIC ranks it first");
  }

  @Test
  void weibull_recoversShapeAndScale() {
    Weibull truth = new Weibull(1.7, 10);
    Weibull fit = (Weibull) Fit.fit("weibull", sample(truth, 23)).distribution();
    // Var(k^) = 0.6079 k^2 / n; Var(ln lambda^) = 1.1087 / (k^2 n).
    assertEquals(1.7, fit.shape(), 5 * Math.sqrt(0.6079 * 1.7 * 1.7 / N), "shape, seed 23");
    assertEquals(
        Math.log(10),
        Math.log(fit.scale()),
        5 * Math.sqrt(1.1087 / (1.7 * 1.7 * N)),
        "scale, seed 23");
  }

  @Test
  void gamma_recoversShapeAndMean() {
    Gamma truth = new Gamma(2.5, 6);
    Gamma fit = (Gamma) Fit.fit("gamma", sample(truth, 24)).distribution();
    double k = 2.5;
    double trigamma = org.apache.commons.math3.special.Gamma.trigamma(k);
    // Var(k^) = k / (n (k psi'(k) - 1)); the mean estimate is the sample mean: sd = mean/sqrt(nk).
    assertEquals(k, fit.shape(), 5 * Math.sqrt(k / (N * (k * trigamma - 1))), "shape, seed 24");
    assertEquals(6, fit.mean(), 5 * 6 / Math.sqrt(N * k), "mean, seed 24");
  }

  @Test
  void exponential_recoversTheMean() {
    double[] x = sample(new io.firedrill.dist.Exponential(3), 25);
    assertEquals(
        3, Fit.fit("exponential", x).distribution().mean(), 5 * 3 / Math.sqrt(N), "seed 25");
  }

  @Test
  void badCsv_isOneClearLineNamingTheRow(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("incidents.csv");
    List<String[]> cases =
        List.of(
            new String[] {"a,b\n1,2\n3,4\n5,6\n", "c", ": no column 'c' (columns: a, b)"},
            new String[] {"a,b\n1,2\nx,4\n5,6\n", "a", ":3: column 'a': 'x' is not a number"},
            new String[] {
              "a,b\n1,2\n-3,4\n5,6\n", "a", ":3: column 'a': -3 is not a positive duration"
            },
            new String[] {
              "a,b\n1,2\n3,4\n", "a", ": column 'a' has 2 values; a fit needs at least 3"
            });
    for (String[] c : cases) {
      Files.writeString(f, c[0]);
      Cli.Result r = Cli.run("fit", f.toString(), "--column", c[1]);
      assertEquals(2, r.code(), r::toString);
      assertEquals(List.of("firedrill fit: " + f + c[2]), r.errLines());
    }
    Cli.Result missing = Cli.run("fit", tmp.resolve("none.csv").toString(), "--column", "a");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no such file"), missing::toString);
  }
}
