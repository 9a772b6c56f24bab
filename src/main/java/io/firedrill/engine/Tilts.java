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

  /** The log ratio the last tilted draw added, taken back if the horizon cuts it. */
  private double lastTerm;

  /**
   * Tilts of {@code plan}'s hazards.
   *
   * @param factors per hazard id ({@link Plan#hazard}), the factor F in (0, ∞); 1 leaves the hazard
   *     as the model has it
   * @throws IllegalArgumentException if the length is not the plan's hazard count, a factor is not
   *     positive and finite, or a tilted hazard's time to failure is neither exponential nor
   *     Weibull ({@link #tiltable})
   */
  Tilts(Plan plan, double[] factors) {
    int n = plan.hazards;
    if (factors.length != n) {
      throw new IllegalArgumentException(
          "one factor per hazard: " + factors.length + " for " + n + " hazards");
    }
    factor = factors.clone();
    shape = new double[n];
    perScale = new double[n];
    kLogF = new double[n];
    shrink = new double[n];
    grow = new double[n];
    horizon = plan.horizonHours;
    for (int h = 0; h < n; h++) {
      double f = factor[h];
      if (!(f > 0 && f < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("a tilt factor is not positive and finite: " + f);
      }
      if (f == 1) {
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
    lastTerm = 0;
  }

  /**
   * A time to failure of hazard {@code h} from the model's draw {@code y} (hours): y / F, its ratio
   * counted as a draw that ended before the horizon ({@link #censored} corrects that).
   */
  double draw(int h, double y) {
    double f = factor[h];
    if (f == 1) {
      lastTerm = 0;
      return y;
    }
    lastTerm = cumulativeHazard(h, y) * shrink[h] - kLogF[h];
    logWeight += lastTerm;
    return y / f;
  }

  /**
   * The last draw of hazard {@code h} ({@link #draw}, the draw just made) reached the horizon: its
   * time to failure began at {@code start} hours, so the horizon cut it at r = horizon − start; its
   * ratio is the survival ratio Λ(r)(F^k − 1) instead.
   */
  void censored(int h, double start) {
    if (factor[h] == 1) {
      return;
    }
    logWeight += cumulativeHazard(h, Math.max(0, horizon - start)) * grow[h] - lastTerm;
    lastTerm = 0;
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
