package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.plan.Plan;
import org.junit.jupiter.api.Test;

/**
 * The likelihood ratios of hazard tilting (docs/simulation.md, "Importance sampling") against their
 * closed forms, draw by draw, and a tilted kernel against an untilted one.
 */
class TiltsTest {
  /** One site: a fault of exponential mean 100 h (rate 1/100 h), and a Weibull cooling failure. */
  static final String MODEL =
      """
      name: tilts
      horizon: 1000h
      sites:
        s:
          fault: {rate: 0.01/h, outage: "fixed(1h)"}
          cooling: {ttf: "weibull(shape=2, scale=100h)", outage: "fixed(1h)"}
      services:
        api: {deploy: {s: 1}}
      """;

  static HazardBias factors(Plan plan, String hazard, double f) {
    return HazardBias.none(plan.hazards).withRate(plan.hazard(hazard), f);
  }

  @Test
  void exponentialDraw_isScaledDown_andItsRatioIsTheDensityRatio() throws Exception {
    // f(x) = e^{−x/100}/100; tilted by 4, g(x) = 4 f(4x). A draw y = 200 h becomes x = 50 h, and
    // f(50)/g(50) = e^{−0.5} / (4 e^{−2}) = e^{1.5}/4: log ratio 1.5 − ln 4.
    Plan plan = KernelAnalyticTest.plan(MODEL);
    int h = plan.hazard("fault@s");
    Tilts t = new Tilts(plan, factors(plan, "fault@s", 4));
    t.startTrial();
    assertEquals(50, t.draw(h, 200), 0);
    assertEquals(1.5 - Math.log(4), t.logWeight(), 1e-15);
  }

  @Test
  void exponentialDrawCutByTheHorizon_takesTheSurvivalRatio() throws Exception {
    // A time to failure begun at 400 h that passes the horizon (1000 h): cut at r = 600 h, ratio
    // S(600)/S_g(600) = e^{−6}/e^{−24} = e^{18}, whatever the draw was.
    Plan plan = KernelAnalyticTest.plan(MODEL);
    int h = plan.hazard("fault@s");
    Tilts t = new Tilts(plan, factors(plan, "fault@s", 4));
    t.startTrial();
    t.draw(h, 3000);
    t.censored(h, 400);
    assertEquals(18, t.logWeight(), 1e-12);
  }

  @Test
  void weibullDraw_ratioIsMinusKLnFPlusCumulativeHazardTerms() throws Exception {
    // Weibull k = 2, s = 100 h, tilted by 3: y = 150 h becomes 50 h; log f(50) − log(3 f(150)) =
    // −2 ln 3 + (1.5² − 0.5²) = 2 − 2 ln 3. Then a draw cut at r = 20 h: Λ(20)(3² − 1) = 0.04 × 8.
    Plan plan = KernelAnalyticTest.plan(MODEL);
    int h = plan.hazard("cooling@s");
    Tilts t = new Tilts(plan, factors(plan, "cooling@s", 3));
    t.startTrial();
    assertEquals(50, t.draw(h, 150), 0);
    assertEquals(2 - 2 * Math.log(3), t.logWeight(), 1e-14);
    t.draw(h, 999);
    t.censored(h, 980);
    assertEquals(2 - 2 * Math.log(3) + 0.32, t.logWeight(), 1e-14);
  }

  @Test
  void untiltedHazard_drawsAsTheModelSays_andAddsNothing() throws Exception {
    Plan plan = KernelAnalyticTest.plan(MODEL);
    Tilts t = new Tilts(plan, factors(plan, "cooling@s", 3));
    t.startTrial();
    int fault = plan.hazard("fault@s");
    assertEquals(123.25, t.draw(fault, 123.25), 0);
    t.censored(fault, 10);
    assertEquals(0, t.logWeight(), 0);
  }

  @Test
  void lognormalTimeToFailure_cannotBeTilted() throws Exception {
    Plan plan =
        KernelAnalyticTest.plan(
            MODEL.replace("rate: 0.01/h,", "ttf: \"lognormal(median=1y, p90=3y)\","));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Tilts(plan, factors(plan, "fault@s", 2)));
    assertTrue(e.getMessage().contains("fault@s"), e.getMessage());
  }

  @Test
  void kernelTiltedByOne_isTheUntiltedKernel_toTheBit() throws Exception {
    Plan plan = KernelAnalyticTest.plan(MODEL);
    Kernel plain = new Kernel(plan, 7);
    Kernel ones = new Kernel(plan, 7);
    ones.bias(HazardBias.none(plan.hazards));
    assertFalse(ones.biased());
    for (long trial = 0; trial < 2000; trial++) {
      assertEquals(plain.run(trial), ones.run(trial));
      assertArrayEquals(plain.downtime, ones.downtime, 0);
      assertEquals(1, ones.weight(), 0);
    }
  }

  @Test
  void tiltedKernel_failsMoreOften_andWeighsEachTrialByItsExactRatio() throws Exception {
    // Only the fault is tilted (x5), and its outages are fixed: a trial's weight is 5^{−N}
    // e^{4 λ T}, N its faults and T the time it was up, T = H − N hours (each outage 1 h, none
    // cut by the horizon when the last fault begins before 999 h).
    Plan plan = KernelAnalyticTest.plan(MODEL.replaceAll("(?m)^\\s*cooling:.*\n", ""));
    Kernel k = new Kernel(plan, 11);
    k.bias(factors(plan, "fault@s", 5));
    int checked = 0;
    for (long trial = 0; trial < 500; trial++) {
      k.run(trial);
      int n = (int) k.causeOutages[plan.hazard("fault@s")];
      k.clearCauses();
      if (n > 0 && k.downtime[0] != n) {
        continue; // the horizon cut the last outage: T is not H − N
      }
      double expected = -n * Math.log(5) + 4 * 0.01 * (1000 - n);
      assertEquals(expected, Math.log(k.weight()), 1e-9, "trial " + trial + ", faults " + n);
      checked++;
    }
    assertTrue(checked > 400, "checked " + checked);
  }

  @Test
  void tiltedKernel_refusesScenariosAndKeptHazards() throws Exception {
    Plan plan = KernelAnalyticTest.plan(MODEL);
    Kernel k = new Kernel(plan, 1);
    k.bias(factors(plan, "fault@s", 2));
    assertThrows(
        IllegalStateException.class,
        () ->
            k.force(new int[] {plan.hazard("fault@s")}, new double[] {0}, Kernel.Background.FRESH));
    assertThrows(IllegalArgumentException.class, () -> new Kernel(plan, 1, k));
  }

  /** Faults whose outages are exponential (mean 10 h), lognormal (μ 0, σ 1) and gamma (2, 5 h). */
  static final String OUTAGES =
      """
      name: outages
      horizon: 1000h
      sites:
        e: {fault: {rate: 0.01/h, outage: "exponential(mean=10h)"}}
        l: {fault: {rate: 0.01/h, outage: "lognormal(median=1h, p90=%sh)"}}
        g: {fault: {rate: 0.01/h, outage: "gamma(shape=2, mean=10h)"}}
        u: {fault: {rate: 0.01/h, outage: "uniform(1h, 2h)"}}
      services:
        api: {deploy: {e: 1, l: 1, g: 1, u: 1}}
      """
          .formatted(Math.exp(1.2815515655446004));

  @Test
  void lengthenedOutage_isScaledUp_andItsRatioIsGfOfGyOverFOfY() throws Exception {
    Plan plan = KernelAnalyticTest.plan(OUTAGES);
    HazardBias none = HazardBias.none(plan.hazards);
    // Exponential, mean 10 h, G = 3, y = 5 h: ratio 3 e^{−15/10} / e^{−5/10}: log ln 3 − 1.
    int e = plan.hazard("fault@e");
    Tilts t = new Tilts(plan, none.withOutage(e, 3));
    t.startTrial();
    assertEquals(15, t.outage(e, 5), 0);
    assertEquals(Math.log(3) - 1, t.logWeight(), 1e-15);
    // Lognormal μ = 0, σ = 1 (median 1 h, p90 e^{1.2816} h), G = e, y = 1 h: −(0 + 1)/2.
    int l = plan.hazard("fault@l");
    t = new Tilts(plan, none.withOutage(l, Math.E));
    t.startTrial();
    assertEquals(Math.E, t.outage(l, 1), 1e-15);
    assertEquals(-0.5, t.logWeight(), 1e-12);
    // Gamma shape 2, scale 5 h, G = 2, y = 10 h: 2 ln 2 − (2 − 1) 10 / 5.
    int g = plan.hazard("fault@g");
    t = new Tilts(plan, none.withOutage(g, 2));
    t.startTrial();
    assertEquals(20, t.outage(g, 10), 0);
    assertEquals(2 * Math.log(2) - 2, t.logWeight(), 1e-14);
  }

  @Test
  void uniformOutage_cannotBeLengthened() throws Exception {
    Plan plan = KernelAnalyticTest.plan(OUTAGES);
    int u = plan.hazard("fault@u");
    IllegalArgumentException x =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Tilts(plan, HazardBias.none(plan.hazards).withOutage(u, 2)));
    assertTrue(x.getMessage().contains("fault@u"), x.getMessage());
  }
}
