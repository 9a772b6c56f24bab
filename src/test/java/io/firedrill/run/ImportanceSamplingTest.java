package io.firedrill.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.engine.HazardBias;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Importance sampling by hazard tilting against exact answers (docs/simulation.md, "Importance
 * sampling"): rare overlaps of independent outages whose probabilities have closed forms.
 *
 * <p>Each stochastic check allows 5 standard errors of the estimate itself (the sample standard
 * deviation of the weighted values over √n): for a correct estimator one check fails falsely with
 * probability about 5.7e-7 (two-sided normal tail at z = 5), so the checks here fail falsely less
 * than once in 100,000 runs. Seeds are fixed and printed with every figure.
 */
class ImportanceSamplingTest {
  private static final double Z = 5;

  static Plan plan(String yaml) throws Exception {
    return Plan.compile(
        ModelLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of()).model());
  }

  /** Factors for {@code plan}'s hazards: {@code factor} for each named one, 1 for the rest. */
  static HazardBias bias(Plan plan, double factor, String... hazards) {
    HazardBias b = HazardBias.none(plan.hazards);
    for (String h : hazards) {
      int id = plan.hazard(h);
      assertTrue(id >= 0, h);
      b = b.withRate(id, factor);
    }
    return b;
  }

  static RunStats run(Plan plan, long trials, long seed, int threads, HazardBias bias)
      throws Exception {
    return TrialRunner.run(
        plan, new TrialRunner.Options(trials, seed, threads, 0, false, null, bias));
  }

  /** ∫_0^H (ρ(1 − e^{−kt}))^n dt, by the binomial expansion. */
  static double integralOfPower(double rho, double k, int n, double h) {
    double sum = 0;
    double binom = 1;
    for (int j = 0; j <= n; j++) {
      double term = j == 0 ? h : -Math.expm1(-j * k * h) / (j * k);
      sum += (j % 2 == 0 ? 1 : -1) * binom * term;
      binom = binom * (n - j) / (j + 1);
    }
    return Math.pow(rho, n) * sum;
  }

  /**
   * Asserts the estimate within 5 of its standard errors of {@code exact}; returns its rel. error.
   */
  static double assertWithin(double exact, MetricStats m, String what, long seed) {
    double se = m.tally().standardError();
    double z = (m.mean() - exact) / se;
    System.out.printf(
        "%s: exact %.6g, estimate %.6g, se %.3g (relative %.3g), z %.2f, seed %d, n %d%n",
        what, exact, m.mean(), se, se / m.mean(), z, seed, m.count());
    assertEquals(
        exact,
        m.mean(),
        Z * se,
        () -> what + ": exact " + exact + ", estimate " + m.mean() + " ± " + se + ", seed " + seed);
    return se / m.mean();
  }

  private static final String THREE_FEEDS =
      """
      name: three-feeds
      horizon: 1y
      grids:
        a: {rate: 0.01/y, outage: "exponential(mean=%1$s)"}
        b: {rate: 0.01/y, outage: "exponential(mean=%1$s)"}
        c: {rate: 0.01/y, outage: "exponential(mean=%1$s)"}
      sites:
        s: {grid: [a, b, c]}
      services:
        api: {deploy: {s: 1}}
      """;

  @Test
  void threeFeeds_allDownAboutOnceInABillionHours_tiltedEstimateMatchesTheClosedForm()
      throws Exception {
    // Each feed fails at λ = 1/(100 y) and is out for an exponential time of mean m = 876.6 h
    // (0.1 y), from the all-up start: out with probability q(t) = ρ(1 − e^{−kt}), k = λ + 1/m,
    // ρ = λ/k ≈ 1e-3. The site has no UPS or generator and needs one feed, so it is dark while
    // all three are out, about 1e-9 of the hours: E[dark hours in a year] = ∫_0^H q³ dt. It goes
    // dark when the last of three feeds fails while the other two are out: E[outages] = 3λ ∫_0^H
    // (q² − q³) dt. Plain Monte Carlo sees such a year about 3 times in 10 million; every feed
    // failing 50 times as often makes it about one in 50.
    long seed = 20261202;
    double hours = 8766;
    double lambda = 1 / (100 * hours);
    double m = 0.1 * hours;
    double k = lambda + 1 / m;
    double rho = lambda / k;
    double q2 = integralOfPower(rho, k, 2, hours);
    double q3 = integralOfPower(rho, k, 3, hours);
    Plan plan = plan(String.format(THREE_FEEDS, "0.1y"));
    RunStats r = run(plan, 200_000, seed, 2, bias(plan, 100, "grid@a", "grid@b", "grid@c"));
    double rel = assertWithin(q3, r.metric(0, Metric.DOWNTIME_H), "all three feeds out, h", seed);
    assertTrue(rel <= 0.10, "relative error " + rel + " above 10 %");
    assertWithin(3 * lambda * (q2 - q3), r.metric(0, Metric.OUTAGES), "outages", seed);
    System.out.printf(
        "mean weight %.6f ± %.2g, effective sample size %.0f of %d, largest share %.3g%n",
        r.weights().mean(),
        r.weights().meanStandardError(),
        r.weights().effectiveSampleSize(),
        r.weights().count(),
        r.weights().largestShare());
    assertEquals(1, r.weights().mean(), Z * r.weights().meanStandardError(), "E[w] = 1");
  }

  @Test
  void twoFires_bothSitesDarkOnlyIfTheyOverlap_tiltedEstimateMatchesTheClosedForm()
      throws Exception {
    // Sites a and b each have fires at λ = 0.01/y, dark for an exponential time of mean 3 d, then
    // back at once (a restore of 1 s at full capacity, which shifts the next ignition by 1 s: a
    // relative change of the closed form below 1e-5, far inside the errors here): each dark with
    // probability q(t) = ρ(1 − e^{−kt}), k = λ + 1/m,
    // ρ ≈ 8e-5, from the all-up start. The service runs on both and needs one: it is down only
    // while both are dark, about 7e-9 of the hours; E[down hours] = ∫_0^H q² dt, and it goes down
    // when one site catches fire while the other is dark: E[outages] = 2λ ∫_0^H (q − q²) dt.
    long seed = 16;
    double hours = 8766;
    double lambda = 0.01 / hours;
    double m = 72;
    double k = lambda + 1 / m;
    double rho = lambda / k;
    double q1 = integralOfPower(rho, k, 1, hours);
    double q2 = integralOfPower(rho, k, 2, hours);
    Plan plan = plan(TWO_FIRES);
    RunStats r = run(plan, 200_000, seed, 2, bias(plan, 100, "fire@a", "fire@b"));
    double rel = assertWithin(q2, r.metric(0, Metric.DOWNTIME_H), "both sites dark, h", seed);
    assertTrue(rel <= 0.10, "relative error " + rel + " above 10 %");
    assertWithin(2 * lambda * (q1 - q2), r.metric(0, Metric.OUTAGES), "outages", seed);
  }

  private static final String TWO_FIRES =
      """
      name: two-fires
      horizon: 1y
      sites:
        a: {fire: {rate: 0.01/y, outage: "exponential(mean=3d)", restore: "fixed(1s)", restore_curve: [[0, 1], [1, 1]]}}
        b: {fire: {rate: 0.01/y, outage: "exponential(mean=3d)", restore: "fixed(1s)", restore_curve: [[0, 1], [1, 1]]}}
      services:
        api: {deploy: {a: 1, b: 1}}
      """;

  @Test
  void caseThatPlainMonteCarloReaches_plainAndTiltedAgreeWithTheClosedFormAndEachOther()
      throws Exception {
    // The three feeds of the first test failing at 1/y instead of 0.01/y: ρ ≈ 0.09, all three out
    // about 7e-4 of the hours, which plain Monte Carlo sees in a few percent of its trials.
    long seed = 5;
    double hours = 8766;
    double lambda = 1 / hours;
    double m = 0.1 * hours;
    double k = lambda + 1 / m;
    double rho = lambda / k;
    double q3 = integralOfPower(rho, k, 3, hours);
    Plan plan = plan(String.format(THREE_FEEDS, "0.1y").replace("0.01/y", "1/y"));
    RunStats plain = run(plan, 200_000, seed, 2, null);
    RunStats tilted = run(plan, 200_000, seed, 2, bias(plan, 3, "grid@a", "grid@b", "grid@c"));
    MetricStats p = plain.metric(0, Metric.DOWNTIME_H);
    MetricStats t = tilted.metric(0, Metric.DOWNTIME_H);
    assertWithin(q3, p, "plain", seed);
    assertWithin(q3, t, "tilted", seed);
    double se = Math.hypot(p.tally().standardError(), t.tally().standardError());
    assertEquals(p.mean(), t.mean(), Z * se, "plain and tilted differ by more than 5 SE");
  }

  @Test
  void weightedRun_isTheSameBytesAtAnyThreadCount() throws Exception {
    Plan plan = plan(String.format(THREE_FEEDS, "0.1y"));
    HazardBias b = bias(plan, 100, "grid@a", "grid@b", "grid@c");
    String one = files(plan, run(plan, 30_000, 3, 1, b));
    for (int threads : new int[] {2, 3, 7}) {
      assertEquals(one, files(plan, run(plan, 30_000, 3, threads, b)), threads + " threads");
    }
    assertTrue(one.contains("importance sampling"), one);
  }

  /** summary.csv and causes.csv of a run, one after the other. */
  static String files(Plan plan, RunStats stats) throws Exception {
    java.io.StringWriter w = new java.io.StringWriter();
    io.firedrill.report.SummaryCsv.writeRun(w, plan, stats);
    java.io.StringWriter c = new java.io.StringWriter();
    io.firedrill.report.CausesCsv.write(c, plan, stats);
    return w + "\n" + c;
  }

  @Test
  void lengthenedOutages_estimateTheClosedForm_withMeanWeightOne() throws Exception {
    // The reachable three feeds (1/y, outages of mean 0.1 y), their outages drawn twice as long
    // and nothing else tilted: the estimate of ∫ q³ dt must still be unbiased, and E[w] = 1.
    long seed = 8;
    double hours = 8766;
    double lambda = 1 / hours;
    double m = 0.1 * hours;
    double k = lambda + 1 / m;
    double q3 = integralOfPower(lambda / k, k, 3, hours);
    Plan plan = plan(String.format(THREE_FEEDS, "0.1y").replace("0.01/y", "1/y"));
    HazardBias b = HazardBias.none(plan.hazards);
    for (String h : new String[] {"grid@a", "grid@b", "grid@c"}) {
      b = b.withOutage(plan.hazard(h), 2);
    }
    RunStats r = run(plan, 200_000, seed, 2, b);
    assertWithin(q3, r.metric(0, Metric.DOWNTIME_H), "outages x2", seed);
    assertEquals(1, r.weights().mean(), Z * r.weights().meanStandardError(), "E[w] = 1");
  }

  @Test
  void crossEntropy_findsATiltForTheThreeFeeds_thatEstimatesTheClosedForm() throws Exception {
    // The rare three feeds of the first test, the tilt chosen by the cross-entropy method for
    // "api dark at all in the year" (downtime_h > 0) from pilot runs of 20,000 trials, instead
    // of by hand: the run with it must estimate ∫ q³ dt within 5 SE, to 10 %.
    long seed = 31;
    double hours = 8766;
    double lambda = 0.01 / hours;
    double m = 0.1 * hours;
    double k = lambda + 1 / m;
    double q3 = integralOfPower(lambda / k, k, 3, hours);
    Plan plan = plan(String.format(THREE_FEEDS, "0.1y"));
    int[] feeds = {plan.hazard("grid@a"), plan.hazard("grid@b"), plan.hazard("grid@c")};
    CrossEntropy.Result ce =
        CrossEntropy.choose(
            plan,
            seed,
            HazardBias.none(plan.hazards),
            feeds,
            new RareEvent(0, Metric.DOWNTIME_H, 0, "api.downtime_h > 0"),
            20_000,
            12,
            null);
    for (CrossEntropy.Iteration i : ce.iterations()) {
      System.out.printf(
          "level %.4g, elite %d, factors %s%n",
          i.level(), i.elite(), java.util.Arrays.toString(i.factors()));
    }
    assertTrue(ce.reached(), "the event was not reached");
    RunStats r = run(plan, 200_000, seed, 2, ce.bias());
    double rel = assertWithin(q3, r.metric(0, Metric.DOWNTIME_H), "cross-entropy tilt", seed);
    assertTrue(rel <= 0.10, "relative error " + rel + " above 10 %");
  }
}
