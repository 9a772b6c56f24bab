package io.firedrill.study;

import io.firedrill.dist.Distribution;
import io.firedrill.dist.Exponential;
import io.firedrill.dist.Gamma;
import io.firedrill.dist.LogNormal;
import io.firedrill.dist.Weibull;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.WeibullDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Maximum-likelihood fits of duration distributions to observed durations (in hours), with
 * log-likelihood, AIC and a Kolmogorov–Smirnov test.
 *
 * <p>Exponential and lognormal have closed forms. Weibull and gamma shapes solve their likelihood
 * equations, each a monotone function of the shape, by bisection (robust where Newton's method can
 * overshoot); the scale then follows in closed form. The KS p-value treats the fitted parameters as
 * known, so it is optimistic (Lilliefors): read it as a ranking aid, and compare families with the
 * AIC.
 */
public final class Fit {
  /** The families {@code fit} knows. */
  public static final List<String> FAMILIES =
      List.of("exponential", "lognormal", "weibull", "gamma");

  /** A fitted distribution and how well it fits. */
  public record Result(
      String family,
      Distribution distribution,
      int parameters,
      double logLikelihood,
      double aic,
      double ks,
      double ksPValue) {}

  private Fit() {}

  /** Fits {@code family} to {@code x} (all positive, at least 3 values). */
  public static Result fit(String family, double[] x) {
    double n = x.length;
    double sum = 0;
    double sumLog = 0;
    for (double v : x) {
      sum += v;
      sumLog += Math.log(v);
    }
    double mean = sum / n;
    double meanLog = sumLog / n;
    switch (family) {
      case "exponential":
        {
          Exponential d = new Exponential(round(mean));
          return result(family, d, 1, ExponentialDistribution.of(mean), x);
        }
      case "lognormal":
        {
          double ss = 0;
          for (double v : x) {
            double e = Math.log(v) - meanLog;
            ss += e * e;
          }
          double sigma = Math.sqrt(ss / n);
          if (!(sigma > 0)) {
            throw new IllegalArgumentException("all values are equal: a lognormal needs spread");
          }
          LogNormal d =
              new LogNormal(
                  round(Math.exp(meanLog)), round(Math.exp(meanLog + LogNormal.Z90 * sigma)));
          return result(family, d, 2, LogNormalDistribution.of(meanLog, sigma), x);
        }
      case "weibull":
        {
          double max = 0;
          for (double v : x) {
            max = Math.max(max, v);
          }
          final double scaleRef = max;
          // g(k) = Σ y^k ln y / Σ y^k − 1/k − mean(ln y), y = x / max: increasing in k.
          DoubleUnaryOperator g =
              k -> {
                double a = 0;
                double b = 0;
                double c = 0;
                for (double v : x) {
                  double y = v / scaleRef;
                  double yk = Math.pow(y, k);
                  a += yk * Math.log(y);
                  b += yk;
                  c += Math.log(y);
                }
                return a / b - 1 / k - c / x.length;
              };
          double k = bisect(g, 1e-3, 1e3, true);
          double mk = 0;
          for (double v : x) {
            mk += Math.pow(v / scaleRef, k);
          }
          double scale = scaleRef * Math.pow(mk / n, 1 / k);
          Weibull d = new Weibull(round(k), round(scale));
          return result(family, d, 2, WeibullDistribution.of(k, scale), x);
        }
      case "gamma":
        {
          double s = Math.log(mean) - meanLog;
          if (!(s > 0)) {
            throw new IllegalArgumentException("all values are equal: a gamma needs spread");
          }
          // ln k − ψ(k) = s: the left side decreases in k.
          double k =
              bisect(
                  v -> Math.log(v) - org.apache.commons.math3.special.Gamma.digamma(v) - s,
                  1e-4,
                  1e6,
                  false);
          Gamma d = new Gamma(round(k), round(mean));
          return result(family, d, 2, GammaDistribution.of(k, mean / k), x);
        }
      default:
        throw new IllegalArgumentException(
            "unknown family '"
                + family
                + "' (families: "
                + String.join(", ", FAMILIES)
                + ", auto)");
    }
  }

  /** Every family, best (lowest AIC) first. */
  public static List<Result> fitAll(double[] x) {
    List<Result> out = new ArrayList<>();
    for (String f : FAMILIES) {
      try {
        out.add(fit(f, x));
      } catch (IllegalArgumentException e) {
        // A family that cannot describe the data is left out of the ranking.
      }
    }
    out.sort(Comparator.comparingDouble(Result::aic));
    return out;
  }

  private static Result result(
      String family,
      Distribution printed,
      int parameters,
      ContinuousDistribution exact,
      double[] x) {
    double ll = 0;
    for (double v : x) {
      ll += exact.logDensity(v);
    }
    SignificanceResult ks =
        KolmogorovSmirnovTest.withDefaults().test(x, exact::cumulativeProbability);
    return new Result(
        family,
        printed,
        parameters,
        ll,
        2 * parameters - 2 * ll,
        ks.getStatistic(),
        ks.getPValue());
  }

  /** The root of a monotone function on [lo, hi] (increasing or decreasing). */
  private static double bisect(DoubleUnaryOperator f, double lo, double hi, boolean increasing) {
    for (int i = 0; i < 200; i++) {
      double mid = Math.sqrt(lo * hi);
      double v = f.applyAsDouble(mid);
      if ((v > 0) == increasing) {
        hi = mid;
      } else {
        lo = mid;
      }
      if (hi / lo < 1 + 1e-12) {
        break;
      }
    }
    return Math.sqrt(lo * hi);
  }

  /** Five significant digits: what a model file needs, and pastes cleanly. */
  static double round(double v) {
    return new BigDecimal(v).round(new MathContext(5)).doubleValue();
  }
}
