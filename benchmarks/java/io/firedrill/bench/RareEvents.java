package io.firedrill.bench;

import io.firedrill.engine.HazardBias;
import io.firedrill.engine.Kernel;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 16's variance-reduction table: for each rare case of benchmarks/models/rare, how many
 * trials plain Monte Carlo and importance sampling need for the same relative error of the mean
 * downtime of the model's first service, and what a trial of each costs.
 *
 * <p>Both figures come from one tilted run of n trials (values x, weights w): the importance
 * sampling estimator's relative variance per trial is (mean of w² x² − μ²) / μ², and plain Monte
 * Carlo's is (E[x²] − μ²) / μ², its E[x²] estimated without bias by the mean of w x² (plain Monte
 * Carlo cannot see the rare cases in any feasible run; a plain run of the same trials gives it
 * directly where it sees the event, as a check). Trials for a relative error e (one standard error
 * over the mean): relative variance / e². The variance reduction factor is the ratio of the two
 * relative variances; the work ratio multiplies it by the ratio of the time per trial (plain over
 * tilted), measured side by side by alternating 40,000-trial slices of the two kernels, medians of
 * the slices (the first two of each are warm-up and dropped).
 *
 * <p>Usage: {@code RareEvents TRIALS SEED} from the repository's root; prints a Markdown table.
 */
public final class RareEvents {
  private RareEvents() {}

  /** A case: its model, the hazards tilted and by how much, and its exact mean downtime. */
  record Case(String model, String[] hazards, double factor, double exact, String what) {}

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
   * The exact mean hours that n of n alike feeds (rate λ per hour, mean outage m h) are all out.
   */
  static double allOut(double lambda, double m, int n, double hours) {
    double k = lambda + 1 / m;
    return integralOfPower(lambda / k, k, n, hours);
  }

  public static void main(String[] args) throws Exception {
    long trials = Long.parseLong(args[0]);
    long seed = Long.parseLong(args[1]);
    double year = 8766;
    String[] feeds = {"grid@a", "grid@b", "grid@c"};
    List<Case> cases =
        List.of(
            new Case(
                "three-feeds", feeds, 100, allOut(0.01 / year, 0.1 * year, 3, year), "all 3 out"),
            new Case(
                "two-fires",
                new String[] {"fire@a", "fire@b"},
                100,
                allOut(0.01 / year, 72, 2, year),
                "both dark"),
            new Case(
                "three-feeds-common",
                feeds,
                3,
                allOut(1 / year, 0.1 * year, 3, year),
                "all 3 out"));
    System.out.println(
        "| case | exact mean h | tilt | IS mean h ± SE | plain trials with the event |"
            + " rel. var. plain, measured | rel. var. plain, from IS | rel. var. IS |"
            + " trials for 10 %: plain | IS | variance reduction | ns/trial plain | IS |"
            + " work reduction |");
    System.out.println("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Case c : cases) {
      row(c, trials, seed);
    }
  }

  private static void row(Case c, long trials, long seed) throws Exception {
    Plan plan =
        Plan.compile(
            ModelLoader.load(Path.of("benchmarks/models/rare", c.model() + ".yaml"), List.of())
                .model());
    HazardBias bias = HazardBias.none(plan.hazards);
    for (String h : c.hazards()) {
      bias = bias.withRate(plan.hazard(h), c.factor());
    }
    Kernel tilted = new Kernel(plan, seed);
    tilted.bias(bias);
    double sumWx = 0;
    double sumW2x2 = 0;
    double sumWx2 = 0;
    for (long t = 0; t < trials; t++) {
      double x = tilted.run(t) ? tilted.downtime[0] : 0;
      double w = tilted.weight();
      sumWx += w * x;
      sumW2x2 += w * w * x * x;
      sumWx2 += w * x * x;
    }
    Kernel plain = new Kernel(plan, seed);
    double sumX = 0;
    double sumX2 = 0;
    long seen = 0;
    for (long t = 0; t < trials; t++) {
      double x = plain.run(t) ? plain.downtime[0] : 0;
      sumX += x;
      sumX2 += x * x;
      seen += x > 0 ? 1 : 0;
    }
    double plainMean = sumX / trials;
    double plainRel = (sumX2 / trials - plainMean * plainMean) / (plainMean * plainMean);
    double mu = sumWx / trials;
    double relIs = (sumW2x2 / trials - mu * mu) / (mu * mu);
    double relPlain = (sumWx2 / trials - mu * mu) / (mu * mu);
    double se = Math.sqrt(relIs / trials) * mu;
    double[] ns = timePerTrial(plan, bias, seed);
    double nPlain = relPlain / 0.01;
    double nIs = relIs / 0.01;
    System.out.printf(
        Locale.ROOT,
        "| %s (%s) | %.4g | %s ×%s | %.4g ± %.2g | %d | %s | %.4g | %.4g | %.3g | %.3g | %.3g |"
            + " %.0f | %.0f | %.3g |%n",
        c.model(),
        c.what(),
        c.exact(),
        String.join(", ", c.hazards()),
        c.factor() == Math.rint(c.factor()) ? String.valueOf((long) c.factor()) : c.factor(),
        mu,
        se,
        seen,
        seen > 1 ? String.format(Locale.ROOT, "%.4g", plainRel) : "—",
        relPlain,
        relIs,
        nPlain,
        nIs,
        relPlain / relIs,
        ns[0],
        ns[1],
        relPlain / relIs * ns[0] / ns[1]);
  }

  /** Median ns per trial of a plain and a tilted kernel, alternating slices. */
  private static double[] timePerTrial(Plan plan, HazardBias bias, long seed) {
    Kernel plain = new Kernel(plan, seed);
    Kernel tilted = new Kernel(plan, seed);
    tilted.bias(bias);
    int slices = 12;
    int slice = 40_000;
    List<Double> p = new ArrayList<>();
    List<Double> t = new ArrayList<>();
    long trial = 0;
    double sink = 0;
    for (int s = 0; s < slices; s++) {
      long start = System.nanoTime();
      for (int i = 0; i < slice; i++) {
        sink += plain.run(trial + i) ? plain.downtime[0] : 0;
      }
      p.add((System.nanoTime() - start) / (double) slice);
      start = System.nanoTime();
      for (int i = 0; i < slice; i++) {
        sink += tilted.run(trial + i) ? tilted.downtime[0] * tilted.weight() : 0;
      }
      t.add((System.nanoTime() - start) / (double) slice);
      trial += slice;
    }
    if (sink < 0) {
      System.out.println(sink);
    }
    return new double[] {median(p.subList(2, slices)), median(t.subList(2, slices))};
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
