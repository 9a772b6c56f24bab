package io.firedrill.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.dist.Distribution;
import io.firedrill.dist.DistributionParser;
import io.firedrill.dist.Gamma;
import io.firedrill.dist.LogNormal;
import io.firedrill.dist.Units;
import io.firedrill.dist.Weibull;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

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
  void lognormal_recoversMuAndSigma() throws Exception {
    LogNormal truth = new LogNormal(1.5, 6);
    LogNormal fit = (LogNormal) Fit.fit("lognormal", sample(truth, 21), 'h').distribution();
    double sigma = truth.sigma();
    // Var(mu^) = sigma^2 / n, Var(sigma^) = sigma^2 / (2n).
    assertEquals(truth.mu(), fit.mu(), 5 * sigma / Math.sqrt(N), "mu, seed 21");
    assertEquals(sigma, fit.sigma(), 5 * sigma / Math.sqrt(2.0 * N), "sigma, seed 21");
    assertEquals(
        "lognormal",
        Fit.fitAll(sample(truth, 22), 'h').fitted().get(0).family(),
        "AIC ranks it first");
  }

  @Test
  void weibull_recoversShapeAndScale() throws Exception {
    Weibull truth = new Weibull(1.7, 10);
    Weibull fit = (Weibull) Fit.fit("weibull", sample(truth, 23), 'h').distribution();
    // Var(k^) = 0.6079 k^2 / n; Var(ln lambda^) = 1.1087 / (k^2 n).
    assertEquals(1.7, fit.shape(), 5 * Math.sqrt(0.6079 * 1.7 * 1.7 / N), "shape, seed 23");
    assertEquals(
        Math.log(10),
        Math.log(fit.scale()),
        5 * Math.sqrt(1.1087 / (1.7 * 1.7 * N)),
        "scale, seed 23");
  }

  @Test
  void gamma_recoversShapeAndMean() throws Exception {
    Gamma truth = new Gamma(2.5, 6);
    Gamma fit = (Gamma) Fit.fit("gamma", sample(truth, 24), 'h').distribution();
    double k = 2.5;
    double trigamma = org.apache.commons.math3.special.Gamma.trigamma(k);
    // Var(k^) = k / (n (k psi'(k) - 1)); the mean estimate is the sample mean: sd = mean/sqrt(nk).
    assertEquals(k, fit.shape(), 5 * Math.sqrt(k / (N * (k * trigamma - 1))), "shape, seed 24");
    assertEquals(6, fit.mean(), 5 * 6 / Math.sqrt(N * k), "mean, seed 24");
  }

  @Test
  void exponential_recoversTheMean() throws Exception {
    double[] x = sample(new io.firedrill.dist.Exponential(3), 25);
    assertEquals(
        3, Fit.fit("exponential", x, 'h').distribution().mean(), 5 * 3 / Math.sqrt(N), "seed 25");
  }

  // --- The optimum itself, against references solved independently at 60 digits ---------------
  //
  // The references come from src/test/resources/io/firedrill/study/fit-references.py: mpmath at
  // 60 significant digits solves each likelihood equation for the exact binary values of the
  // doubles below (findroot from a moment estimate). Tolerances follow from the error analysis in
  // Fit's class comment: each equation is evaluated to about 10 ulps of its terms (weights,
  // centred logarithms, sums and one division; s from non-negative terms; ln k − psi(k) to 1.6e-15)
  // and Brent's rule stops within 4 ulps, so 1e-14 relative (45 ulps) bounds the error with
  // room to spare, and is still eleven orders of magnitude finer than the old search bounds.

  static final double[] NEAR_EQUAL_MINUTES = {99.99, 100, 100.01};
  static final double[] SPREAD_HOURS = {0.5, 1, 2, 4, 7};
  static final double EXACT = 1e-14;

  @Test
  void weibull_nearEqualMinutes_isTheRootOfTheLikelihoodEquation() throws Exception {
    Weibull w = (Weibull) Fit.fit("weibull", NEAR_EQUAL_MINUTES, 'm').distribution();
    // Reference: k = 13949.77898858741419047644, scale = 100.004055867121293124903 minutes.
    assertEquals(13949.77898858741419047644, w.shape(), 13949.78 * EXACT, "shape");
    assertEquals(100.004055867121293124903, w.scale() * 60, 100 * EXACT, "scale in minutes");
  }

  @Test
  void weibull_spreadData_isTheRootOfTheLikelihoodEquation() throws Exception {
    Weibull w = (Weibull) Fit.fit("weibull", SPREAD_HOURS, 'h').distribution();
    assertEquals(1.21405380631542792576335, w.shape(), 1.214 * EXACT, "shape");
    assertEquals(3.100290956263095618598607, w.scale(), 3.1 * EXACT, "scale in hours");
  }

  @Test
  void gamma_nearEqualData_matchesTheAsymptoticClosedForm() throws Exception {
    Gamma g = (Gamma) Fit.fit("gamma", NEAR_EQUAL_MINUTES, 'm').distribution();
    // s = ln mean − mean ln x = 3.333333350003410716276867e-9 (reference script). For small s,
    // ln k − psi(k) = 1/(2k) + 1/(12k^2) + O(k^-4) = s gives k = 1/(2s) + 1/6 + O(s): the O(s)
    // term is below 1e-8, 1e-16 of k.
    double s = 3.333333350003410716276867e-9;
    double closedForm = 1 / (2 * s) + 1.0 / 6;
    assertEquals(closedForm, g.shape(), closedForm * EXACT, "shape against 1/(2s) + 1/6");
    assertEquals(149999999.4165131880005574, g.shape(), 1.5e8 * EXACT, "shape against the root");
    assertEquals(100, g.mean() * 60, 100 * EXACT, "the mean is the sample mean");
  }

  @Test
  void gamma_spreadData_isTheRootOfTheLikelihoodEquation() throws Exception {
    Gamma g = (Gamma) Fit.fit("gamma", SPREAD_HOURS, 'h').distribution();
    assertEquals(1.39867351138769858200137, g.shape(), 1.4 * EXACT, "shape (digamma branch)");
  }

  @Test
  void logLikelihoods_inClosedForm_equalTheSumOfLogDensities() throws Exception {
    // Commons Statistics densities, summed: each accurate to a few ulps of its largest term (below
    // 20 for these values), so 1e-12 absolute.
    for (Fit.Result r : Fit.fitAll(SPREAD_HOURS, 'h').fitted()) {
      double sum = 0;
      for (double v : SPREAD_HOURS) {
        sum += exact(r.distribution()).logDensity(v);
      }
      assertEquals(sum, r.logLikelihood(), 1e-12, r.family());
      assertEquals(2 * r.parameters() - 2 * r.logLikelihood(), r.aic(), 0, "AIC");
    }
  }

  @Test
  void logLikelihoods_ofNearEqualValues_matchTheHighPrecisionReferences() throws Exception {
    // Summed densities cancel here ((ln x − mu) / sigma with sigma = 8e-5 loses 11 digits, so the
    // lognormal sum is off by 1e-11); the closed forms do not. References from the script above;
    // the closed forms add terms below 30 in size, each to a few ulps: 1e-13 absolute.
    Map<String, Double> reference =
        Map.of(
            "exponential", -16.81551055796427410410795,
            "lognormal", 10.16689261926096768244429,
            "weibull", 10.11668770807815449152434,
            "gamma", 10.16689262134430102410152);
    for (Fit.Result r : Fit.fitAll(NEAR_EQUAL_MINUTES, 'h').fitted()) {
      assertEquals(reference.get(r.family()), r.logLikelihood(), 1e-13, r.family());
    }
  }

  // --- What cannot be fitted is said, not printed as a fit --------------------------------------

  @Test
  void equalValues_areAllEqualAndFixedDescribesThem() {
    String expected =
        "all 3 values are equal to 10m: fixed(10m) describes them (a fitted family needs values"
            + " that differ)";
    Fit.NotFittedException all =
        assertThrows(
            Fit.NotFittedException.class, () -> Fit.fitAll(new double[] {10, 10, 10}, 'm'));
    assertEquals(expected, all.getMessage());
    for (String family : Fit.FAMILIES) {
      Fit.NotFittedException one =
          assertThrows(
              Fit.NotFittedException.class, () -> Fit.fit(family, new double[] {10, 10, 10}, 'm'));
      assertEquals(expected, one.getMessage(), family);
    }
  }

  @Test
  void shapeBeyondTheSearchedRange_isRefusedWithTheReason() throws Exception {
    // Coefficient of variation 8.2e-7: the gamma shape would be about 1.5e12 (> 1e10), the
    // Weibull one 1.39e6 (inside the range).
    Fit.Ranking r = Fit.fitAll(new double[] {1000.001, 1000.002, 1000.003}, 'h');
    assertEquals(
        List.of(
            new Fit.Refusal(
                "gamma",
                "its shape would be above 1e10: the values differ too little (coefficient of"
                    + " variation 8.2e-7) for the data to determine it; fixed(5.95239w) describes"
                    + " them to 0.000082 %")),
        r.refused());
    assertEquals(
        List.of("lognormal", "weibull", "exponential"),
        r.fitted().stream().map(Fit.Result::family).toList());
    // Relative spread 1e-11: both shapes beyond the range; lognormal needs 12 digits to print.
    Fit.Ranking tiny = Fit.fitAll(new double[] {1, 1 + 1e-11, 1 + 2e-11}, 'h');
    assertEquals(
        List.of("weibull", "gamma"), tiny.refused().stream().map(Fit.Refusal::family).toList());
    assertEquals(
        "lognormal(median=1.00000000001h, p90=1.00000000002h)", tiny.fitted().get(0).syntax());
  }

  // --- Printing: one unit, enough digits, parses back --------------------------------------------

  @Test
  void syntax_isInOneUnitChosenFromTheMedian() throws Exception {
    // Median 100 minutes: printed in hours (the largest unit in which it is at least 1).
    Fit.Ranking r = Fit.fitAll(NEAR_EQUAL_MINUTES, 'm');
    assertEquals(
        List.of(
            "gamma(shape=150000000, mean=1.66667h)",
            "lognormal(median=1.66667h, p90=1.66684h)",
            "weibull(shape=13949.8, scale=1.66673h)",
            "exponential(mean=1.66667h)"),
        r.fitted().stream().map(Fit.Result::syntax).toList());
    assertEquals('s', Fit.displayUnit(0.5 / 3600));
    assertEquals('m', Fit.displayUnit(59.0 / 60));
    assertEquals('h', Fit.displayUnit(1));
    assertEquals('d', Fit.displayUnit(24));
    assertEquals('w', Fit.displayUnit(2000));
  }

  @Test
  void lognormalWithATinySpread_getsTheDigitsItNeeds() throws Exception {
    // p90 / median − 1 is 1.05e-7: six digits would print p90 equal to the median.
    Fit.Result r = Fit.fit("lognormal", new double[] {1000.0001, 1000.0002, 1000.0003}, 'h');
    assertEquals("lognormal(median=5.952382w, p90=5.952383w)", r.syntax());
  }

  @Test
  void printedSyntax_parsesBackToThePrintedValues() throws Exception {
    Pattern number = Pattern.compile("=([0-9.e+-]+)([smhdw]?)");
    for (double[] x :
        List.of(
            SPREAD_HOURS,
            NEAR_EQUAL_MINUTES,
            new double[] {1000.0001, 1000.0002, 1000.0003},
            new double[] {0.01, 0.02, 0.5, 3},
            new double[] {1e-6, 2e-6, 7e-6},
            new double[] {3e5, 1e6, 9e6, 2e7})) {
      for (Fit.Result r : Fit.fitAll(x, 'm').fitted()) {
        Distribution parsed = DistributionParser.parse(r.syntax());
        double[] params = parameters(parsed);
        Matcher m = number.matcher(r.syntax());
        for (double p : params) {
          assertTrue(m.find(), r.syntax());
          double printed = new BigDecimal(m.group(1)).doubleValue();
          double expected =
              m.group(2).isEmpty() ? printed : printed * Units.hoursPer(m.group(2).charAt(0));
          assertEquals(expected, p, 0, r.syntax());
        }
      }
    }
  }

  @Test
  void theSameNumbersInAnyUnit_giveTheSameFamiliesInTheSameOrderWithTheSameShapes()
      throws Exception {
    // Six significant digits in hours made p90 equal the median for --unit s and m, not h, and the
    // lognormal dropped out of the ranking silently.
    double[] x = {599.99, 600, 600.01};
    List<String> families = null;
    List<String> shapes = null;
    for (char unit : "smhdw".toCharArray()) {
      Fit.Ranking r = Fit.fitAll(x, unit);
      assertEquals(List.of(), r.refused(), "unit " + unit);
      List<String> f = r.fitted().stream().map(Fit.Result::family).toList();
      List<String> k =
          r.fitted().stream()
              .map(Fit.Result::syntax)
              .map(s -> s.replaceAll("=[0-9.e+-]+[smhdw]", "=D"))
              .toList();
      if (families == null) {
        families = f;
        shapes = k;
      }
      assertEquals(families, f, "unit " + unit);
      assertEquals(shapes, k, "unit " + unit);
    }
    assertEquals(List.of("gamma", "lognormal", "weibull", "exponential"), families);
  }

  /** The Commons Statistics distribution of a fit, for an independent sum of log-densities. */
  static org.apache.commons.statistics.distribution.ContinuousDistribution exact(Distribution d) {
    if (d instanceof io.firedrill.dist.Exponential e) {
      return org.apache.commons.statistics.distribution.ExponentialDistribution.of(e.mean());
    }
    if (d instanceof LogNormal l) {
      return org.apache.commons.statistics.distribution.LogNormalDistribution.of(l.mu(), l.sigma());
    }
    if (d instanceof Weibull w) {
      return org.apache.commons.statistics.distribution.WeibullDistribution.of(
          w.shape(), w.scale());
    }
    Gamma g = (Gamma) d;
    return org.apache.commons.statistics.distribution.GammaDistribution.of(g.shape(), g.scale());
  }

  /** A distribution's parameters in the order its syntax prints them (durations in hours). */
  static double[] parameters(Distribution d) {
    if (d instanceof io.firedrill.dist.Exponential e) {
      return new double[] {e.mean()};
    }
    if (d instanceof LogNormal l) {
      return new double[] {l.median(), l.p90()};
    }
    if (d instanceof Weibull w) {
      return new double[] {w.shape(), w.scale()};
    }
    Gamma g = (Gamma) d;
    return new double[] {g.shape(), g.mean()};
  }
}
