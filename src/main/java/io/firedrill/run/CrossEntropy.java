package io.firedrill.run;

import io.firedrill.engine.HazardBias;
import io.firedrill.engine.Kernel;
import io.firedrill.plan.Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the tilts of importance sampling for a rare event by the multilevel cross-entropy method
 * (Rubinstein and Kroese, The Cross-Entropy Method, 2004, ch. 3; de Boer, Kroese, Mannor and
 * Rubinstein, "A tutorial on the cross-entropy method", Annals of OR, 2005, §3): pilot runs, each
 * tilted by the last one's answer, until the event is common enough to fit the tilt that minimises
 * the variance's proxy, the cross-entropy to the zero-variance sampler.
 *
 * <p>The event is "metric of service A (or the total over services) above x in a trial". A pilot
 * iteration runs {@code pilotTrials} trials with the current tilt, keeping for each trial its value
 * S, its likelihood ratio w to the model, and for each candidate hazard h its failures N_h and its
 * exposure C_h = Σ Λ_h(x) ({@link Kernel#exposure}). The level γ is the (1 − ρ) quantile of S (ρ =
 * {@value #RHO}); once it reaches x (or ρ of the trials are in the event, S > x, or every trial
 * with S ≥ min(γ, x) and S > 0 is in it) and at least {@value #MIN_ELITE} trials are in the event,
 * that is the last level, whose elite trials are those in the event; before, the elite trials are
 * those with S ≥ min(γ, x) and S > 0. For a time to failure of cumulative hazard (x / s)^k
 * time-scaled by v, the cross-entropy program max Σ w I (N k ln v − v^k C) gives v^k = Σ w I N / Σ
 * w I C over the elite trials (I their indicator): the next factor, smoothed geometrically with the
 * last (weight {@value #SMOOTHING} on the new one) and kept within [1, 1e6]. When no pilot trial
 * has S > 0, every candidate's factor is multiplied by {@value #BOOST}. The method stops after the
 * iteration whose level is x, or after {@code maxIterations}. Factors below {@value #KEEP_ABOVE}
 * are then set back to 1: a hazard the event does not need adds only noise to the weights (high
 * dimensions degrade the cross-entropy answer; Botev, L'Ecuyer and Tuffin 2013).
 *
 * <p>A pilot trial that draws more events than a trial may hold ({@link Kernel.TooManyEvents}: the
 * factors were raised too far without reaching the event) ends the method with the factors before
 * the last raise, not reached.
 *
 * <p>Deterministic: a pilot iteration i draws the trials of seed {@code seed} + (i + 1) ×
 * 0x9E3779B97F4A7C15, numbered from 0, on one thread, so the tilt chosen depends on the model,
 * seed, event and pilot size only, never on the thread count; and the pilot's trials are not the
 * run's.
 */
public final class CrossEntropy {
  private CrossEntropy() {}

  /** The share of pilot trials at or above each intermediate level. */
  public static final double RHO = 0.1;

  /** Weight of the new factor in the geometric smoothing of each iteration. */
  public static final double SMOOTHING = 0.7;

  /** Factor every candidate is raised by when no pilot trial reaches above 0. */
  public static final double BOOST = 10;

  /** Factors below this are set back to 1 at the end. */
  public static final double KEEP_ABOVE = 1.5;

  /** Trials in the event the last level needs: fewer make the fitted tilt noise. */
  public static final int MIN_ELITE = 100;

  /** The largest factor the method gives. */
  public static final double MAX_FACTOR = 1e6;

  /**
   * One pilot iteration: its level, the trials above it (elite), and the factors of the candidates
   * after it (in the order of the candidates).
   */
  public record Iteration(double level, int elite, double[] factors) {}

  /** The tilt chosen and the iterations that led to it; {@code reached} if the last level was x. */
  public record Result(HazardBias bias, List<Iteration> iterations, boolean reached) {}

  /**
   * Chooses the factors of {@code candidates} (hazard ids whose times to failure are exponential or
   * Weibull) for {@code event}, starting from {@code start} (hazards not among the candidates keep
   * their factors).
   *
   * @param pilotTrials trials per pilot iteration, at least 100
   * @param maxIterations pilot iterations at most, at least 1
   * @param cancellation checked every 1,024 pilot trials (may be null)
   * @throws Cancellation.Stopped if cancelled
   * @throws IllegalArgumentException if a candidate's time to failure cannot be tilted, or the
   *     counts are out of range
   */
  public static Result choose(
      Plan plan,
      long seed,
      HazardBias start,
      int[] candidates,
      RareEvent event,
      int pilotTrials,
      int maxIterations,
      Cancellation cancellation) {
    if (pilotTrials < 100 || maxIterations < 1) {
      throw new IllegalArgumentException(
          "pilot trials below 100 or no iteration: " + pilotTrials + ", " + maxIterations);
    }
    double threshold = event.threshold();
    int k = candidates.length;
    double[] factors = new double[k];
    double[] shape = new double[k];
    double[] startRates = start.rate();
    for (int j = 0; j < k; j++) {
      factors[j] = startRates[candidates[j]];
      shape[j] = plan.hazardShape[plan.hazardTtf[candidates[j]]];
    }
    double[] s = new double[pilotTrials];
    double[] w = new double[pilotTrials];
    double[] n = new double[pilotTrials * k];
    double[] c = new double[pilotTrials * k];
    double[] row = new double[(plan.services + 1) * TrialRunner.METRICS];
    List<Iteration> iterations = new ArrayList<>();
    boolean reached = false;
    for (int it = 0; it < maxIterations && !reached; it++) {
      HazardBias bias = with(start, candidates, factors);
      Kernel kernel = new Kernel(plan, seed + (it + 1) * 0x9E3779B97F4A7C15L);
      kernel.bias(bias, candidates);
      boolean tooMany = false;
      for (int t = 0; t < pilotTrials && !tooMany; t++) {
        if (cancellation != null && (t & 1023) == 0) {
          cancellation.throwIfCancelled("choosing the tilts");
        }
        boolean swept;
        try {
          swept = kernel.run(t);
        } catch (Kernel.TooManyEvents e) {
          tooMany = true; // boosted too far without reaching the event: stop with the last tilt
          continue;
        }
        TrialRunner.trialValues(kernel, swept, false, plan.services, row);
        s[t] = event.value(row, plan.services);
        w[t] = kernel.weight();
        for (int j = 0; j < k; j++) {
          n[t * k + j] = kernel.failures(candidates[j]);
          c[t * k + j] = kernel.exposure(candidates[j]);
        }
      }
      if (tooMany) {
        for (int j = 0; j < k; j++) {
          factors[j] = iterations.size() < 2 ? startRates[candidates[j]] : previous(iterations, j);
        }
        break;
      }
      double[] sorted = s.clone();
      Arrays.sort(sorted);
      double level = sorted[(int) Math.floor((1 - RHO) * (pilotTrials - 1))];
      if (sorted[pilotTrials - 1] <= 0) {
        for (int j = 0; j < k; j++) {
          factors[j] = Math.min(MAX_FACTOR, factors[j] * BOOST);
        }
        iterations.add(new Iteration(0, 0, factors.clone()));
        continue;
      }
      int above = 0;
      int atLevel = 0;
      for (double v : s) {
        above += v > threshold ? 1 : 0;
        atLevel += v >= Math.min(level, threshold) && v > 0 ? 1 : 0;
      }
      // The last level: the level reached x (or ρ of the trials are in the event, or every trial
      // this level would fit on is in it), and enough of them are in it to fit the tilt on.
      reached =
          above >= MIN_ELITE
              && (level >= threshold || above >= RHO * pilotTrials || above == atLevel);
      double[] num = new double[k];
      double[] den = new double[k];
      int elite = 0;
      for (int t = 0; t < pilotTrials; t++) {
        boolean in = reached ? s[t] > threshold : s[t] >= Math.min(level, threshold) && s[t] > 0;
        if (!in) {
          continue;
        }
        elite++;
        for (int j = 0; j < k; j++) {
          num[j] += w[t] * n[t * k + j];
          den[j] += w[t] * c[t * k + j];
        }
      }

      for (int j = 0; j < k; j++) {
        if (den[j] > 0 && num[j] > 0) {
          double fitted = Math.pow(num[j] / den[j], 1 / shape[j]);
          double smoothed =
              Math.exp(SMOOTHING * Math.log(fitted) + (1 - SMOOTHING) * Math.log(factors[j]));
          factors[j] = Math.max(1, Math.min(MAX_FACTOR, smoothed));
        }
      }
      iterations.add(
          new Iteration(reached ? threshold : Math.min(level, threshold), elite, factors.clone()));
    }
    for (int j = 0; j < k; j++) {
      if (factors[j] < KEEP_ABOVE) {
        factors[j] = 1;
      }
    }
    return new Result(with(start, candidates, factors), iterations, reached);
  }

  /** The factor of candidate j before the last iteration. */
  private static double previous(List<Iteration> iterations, int j) {
    return iterations.get(iterations.size() - 2).factors()[j];
  }

  /** {@code start} with the candidates' rate factors set to {@code factors}. */
  private static HazardBias with(HazardBias start, int[] candidates, double[] factors) {
    HazardBias b = start;
    for (int j = 0; j < candidates.length; j++) {
      b = b.withRate(candidates[j], factors[j]);
    }
    return b;
  }
}
