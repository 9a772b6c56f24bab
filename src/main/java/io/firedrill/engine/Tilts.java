package io.firedrill.engine;

import io.firedrill.plan.Plan;

/**
 * Importance sampling by hazard tilting: the times to failure of chosen hazards drawn faster by a
 * factor F (time scaling: a draw y of the model's distribution becomes y / F, so the hazard fails F
 * times as often), and the trial's likelihood ratio, the product over every tilted time to failure
 * of the model's density over the tilted one (docs/simulation.md, "Importance sampling").
 *
 * <p>For a time to failure with cumulative hazard Λ(x) = (x / s)^k (exponential: k = 1, s its mean;
 * Weibull of shape k and scale s), tilting by F gives the density F f(F x), and the log likelihood
 * ratio of a draw x = y / F that ended before the horizon is log f(x) − log F − log f(y) = −k ln F
 * + Λ(y)(1 − F^−k); of a draw cut by the horizon at r hours from its start (the hazard did not fail
 * again before it) it is log S(r) − log S(F r) = Λ(r)(F^k − 1), the survival ratio (Asmussen and
 * Glynn, Stochastic Simulation, 2007, V.1; censoring by the survival ratio keeps the variance
 * finite, where the density of the censored draw would not). Other distributions cannot be tilted:
 * their Λ has no closed form here.
 *
 * <p>An outage of a hazard may be tilted too, drawn G times longer (x = G y), with the density
 * ratio of the draw ({@link #outage}): long outages make overlaps likelier, as frequent failures
 * do.
 *
 * <p>The tilted draws use the same random numbers as the untilted ones (y is the same draw), so a
 * tilted run and a plain one of the same seed share their streams (common random numbers), and a
 * tilt changes no other hazard's draws (each hazard draws from its own source). Nothing here
 * allocates per trial.
 */
final class Tilts {
  /** Per hazard id: the factor F, 1 for a hazard that is not tilted. */
  private final double[] factor;

  /** Per hazard id: the shape k of its time to failure's cumulative hazard. */
  private final double[] shape;

  /** Per hazard id: 1 / s, s the scale of its time to failure's cumulative hazard (hours). */
  private final double[] perScale;

  /** Per hazard id: k ln F. */
  private final double[] kLogF;

  /** Per hazard id: 1 − F^−k. */
  private final double[] shrink;

  /** Per hazard id: F^k − 1. */
  private final double[] grow;

  private final double horizon;

  /** The log likelihood ratio of the trial so far. */
  private double logWeight;

  /** The log ratio before the last time to failure drawn, for {@link #censored}. */
  private double beforeDraw;

  /** Per hazard id: the factor G its outages are drawn longer by, 1 for none. */
  private final double[] outageFactor;

  /** Per hazard id: the duration family of its outage ({@link Plan#durationFamily}). */
  private final int[] outageFamily;

  /** Per hazard id: ln G. */
  private final double[] logG;

  /** Per hazard id: its outage's parameters ({@link #outageRatio}). */
  private final double[] outageA;

  private final double[] outageB;

  /**
   * Tilts of {@code plan}'s hazards.
   *
   * @param bias per hazard id ({@link Plan#hazard}), the factor F of its times to failure and the
   *     factor G of its outages, one per hazard of the plan
   * @throws IllegalArgumentException if the bias has not one factor per hazard, a tilted hazard's
   *     time to failure is neither exponential nor Weibull ({@link #tiltable}), or a lengthened
   *     outage is neither exponential, Weibull, lognormal nor gamma ({@link #durationTiltable})
   */
  Tilts(Plan plan, HazardBias bias) {
    this(plan, bias, new int[0]);
  }

  /**
   * As {@link #Tilts(Plan, HazardBias)}, also keeping, per trial, the failures and the exposure of
   * each hazard in {@code recorded} ({@link #failures}, {@link #exposure}), tilted or not: what the
   * cross-entropy method fits a tilt from.
   *
   * @throws IllegalArgumentException also if a recorded hazard's time to failure cannot be tilted
   */
  Tilts(Plan plan, HazardBias bias, int[] recorded) {
    int n = plan.hazards;
    double[] factors = bias.rate();
    if (factors.length != n) {
      throw new IllegalArgumentException(
          "one factor per hazard: " + factors.length + " for " + n + " hazards");
    }
    factor = factors;
    shape = new double[n];
    perScale = new double[n];
    kLogF = new double[n];
    shrink = new double[n];
    grow = new double[n];
    horizon = plan.horizonHours;
    this.recorded = recorded.clone();
    recording = new boolean[n];
    failures = new double[n];
    exposure = new double[n];
    for (int h : this.recorded) {
      recording[h] = true;
    }
    for (int h = 0; h < n; h++) {
      double f = factor[h];
      if (f == 1 && !recording[h]) {
        continue;
      }
      int d = plan.hazardTtf[h];
      if (!tiltable(plan, d)) {
        throw new IllegalArgumentException(
            plan.causeNames[h]
                + "'s time to failure is not exponential or weibull: "
                + plan.distributions.get(d).syntax());
      }
      double k = plan.hazardShape[d];
      double s = plan.hazardScale[d];
      shape[h] = k;
      perScale[h] = 1 / s;
      kLogF[h] = k * Math.log(f);
      grow[h] = Math.expm1(kLogF[h]);
      shrink[h] = -Math.expm1(-kLogF[h]);
    }
    outageFactor = bias.outage();
    outageFamily = new int[n];
    logG = new double[n];
    outageA = new double[n];
    outageB = new double[n];
    for (int h = 0; h < n; h++) {
      if (outageFactor[h] == 1) {
        continue;
      }
      int d = plan.hazardOutage[h];
      if (!durationTiltable(plan, d)) {
        throw new IllegalArgumentException(
            plan.causeNames[h]
                + "'s outage is not exponential, weibull, lognormal or gamma: "
                + plan.distributions.get(d).syntax());
      }
      int family = plan.durationFamily[d];
      outageFamily[h] = family;
      logG[h] = Math.log(outageFactor[h]);
      outageA[h] = family == Plan.DURATION_WEIBULL ? plan.hazardShape[d] : plan.durationA[d];
      outageB[h] = family == Plan.DURATION_WEIBULL ? plan.hazardScale[d] : plan.durationB[d];
    }
  }

  /**
   * Whether an outage of distribution id {@code d} of {@code plan} can be lengthened: exponential,
   * Weibull, lognormal or gamma ({@link Plan#durationFamily}), whose support scaling keeps.
   */
  static boolean durationTiltable(Plan plan, int d) {
    return plan.durationFamily[d] != Plan.NONE;
  }

  /**
   * An outage of hazard {@code h} from the model's draw {@code y} (hours): G y, its likelihood
   * ratio f(G y) G / f(y), in logs: for Λ(x) = (x / s)^k (exponential, Weibull) k ln G − Λ(y)(G^k −
   * 1); for a lognormal of log-mean μ and log-sd σ −(2 (ln y − μ) ln G + (ln G)²) / (2 σ²); for a
   * gamma of shape k and scale θ, k ln G − (G − 1) y / θ. An outage the horizon cuts keeps the
   * density ratio: for G ≥ 1 it is bounded (by G^k) for exponential, Weibull of k ≥ 1 and gamma
   * outages, so the variance stays finite.
   */
  double outage(int h, double y) {
    double g = outageFactor[h];
    if (g == 1) {
      return y;
    }
    logWeight += outageRatio(h, y, g);
    return g * y;
  }

  private double outageRatio(int h, double y, double g) {
    double lg = logG[h];
    double a = outageA[h];
    double b = outageB[h];
    switch (outageFamily[h]) {
      case Plan.DURATION_WEIBULL:
        {
          double z = y / b;
          double cumulative = a == 1 ? z : Math.pow(z, a);
          return a * lg - cumulative * Math.expm1(a * lg);
        }
      case Plan.DURATION_LOGNORMAL:
        return -(2 * (Math.log(y) - a) * lg + lg * lg) / (2 * b * b);
      default: // Plan.DURATION_GAMMA
        return a * lg - (g - 1) * y / b;
    }
  }

  /**
   * Whether a time to failure of distribution id {@code d} of {@code plan} can be tilted:
   * exponential or Weibull ({@link Plan#hazardShape}).
   */
  static boolean tiltable(Plan plan, int d) {
    return plan.hazardShape[d] == plan.hazardShape[d];
  }

  /** Starts a trial: its likelihood ratio is 1. */
  void startTrial() {
    logWeight = 0;
    beforeDraw = 0;
    for (int h : recorded) {
      failures[h] = 0;
      exposure[h] = 0;
    }
  }

  /** The hazards whose failures and exposure are kept per trial. */
  private final int[] recorded;

  private final boolean[] recording;

  /** Per recorded hazard, this trial: its failures before the horizon. */
  private final double[] failures;

  /**
   * Per recorded hazard, this trial: Σ Λ(x) over its times to failure as drawn (tilted), the one
   * the horizon cut counted up to the horizon; Λ the model's cumulative hazard.
   */
  private final double[] exposure;

  /** Λ of the last recorded draw, taken back if the horizon cuts it. */
  private double lastExposure;

  /** Failures of recorded hazard {@code h} in the trial so far. */
  double failures(int h) {
    return failures[h];
  }

  /**
   * Exposure of recorded hazard {@code h} in the trial so far: Σ Λ(x) over its times to failure
   * (for an exponential, its hours up over its mean time to failure).
   */
  double exposure(int h) {
    return exposure[h];
  }

  /**
   * A time to failure of hazard {@code h} from the model's draw {@code y} (hours): y / F, its ratio
   * counted as a draw that ended before the horizon ({@link #censored} corrects that).
   */
  double draw(int h, double y) {
    double f = factor[h];
    double x = y;
    beforeDraw = logWeight;
    if (f != 1) {
      logWeight += cumulativeHazard(h, y) * shrink[h] - kLogF[h];
      x = y / f;
    }
    if (recording[h]) {
      lastExposure = cumulativeHazard(h, x);
      failures[h]++;
      exposure[h] += lastExposure;
    }
    return x;
  }

  /**
   * The last draw of hazard {@code h} ({@link #draw}, the draw just made) reached the horizon: its
   * time to failure began at {@code start} hours, so the horizon cut it at r = horizon − start; its
   * ratio is the survival ratio Λ(r)(F^k − 1) instead.
   */
  void censored(int h, double start) {
    double r = Math.max(0, horizon - start);
    if (recording[h]) {
      failures[h]--;
      exposure[h] += cumulativeHazard(h, r) - lastExposure;
    }
    if (factor[h] == 1) {
      return;
    }
    // From the ratio before the draw, not by taking the draw's term back: the same bits for every
    // trial whose draws the horizon cut alike.
    logWeight = beforeDraw + cumulativeHazard(h, r) * grow[h];
  }

  private double cumulativeHazard(int h, double x) {
    double z = x * perScale[h];
    return shape[h] == 1 ? z : Math.pow(z, shape[h]);
  }

  /** The natural log of the trial's likelihood ratio so far. */
  double logWeight() {
    return logWeight;
  }
}
