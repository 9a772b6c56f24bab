package io.firedrill.cli;

import io.firedrill.dist.UserText;
import io.firedrill.load.NearNames;
import io.firedrill.plan.Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --bias HAZARD=xF} of {@code run}: importance sampling by hazard tilting
 * (docs/simulation.md, "Importance sampling"). Each names a hazard of the model ({@code
 * fire@pangyo}, as {@code --event} does) and the factor its failures are made more frequent by
 * ({@code x50}: its times to failure drawn 50 times shorter); every estimate then weights each
 * trial by its likelihood ratio.
 */
final class BiasOptions {
  /**
   * The largest factor (the error message says 1e6): a tilt far stronger makes likelihood ratios
   * beyond what a double holds in all but the shortest runs.
   */
  static final double MAX_FACTOR = 1e6;

  /** The smallest factor (the error message says 1e-6). */
  static final double MIN_FACTOR = 1e-6;

  @Option(
      names = "--bias",
      paramLabel = "HAZARD=xF",
      description = {
        "Importance sampling: make HAZARD (fire@SITE, grid@GRID, ...) fail F times as often, e.g."
            + " fire@pangyo=x50, and weight every trial by its likelihood ratio, so that rare"
            + " overlaps are estimated with fewer trials. Repeat for several hazards.",
        "Its time to failure must be exponential (rate) or weibull. Not with --outages or"
            + " --per-trial."
      })
  List<String> bias;

  /** Whether any {@code --bias} was given. */
  boolean any() {
    return bias != null && !bias.isEmpty();
  }

  /**
   * The factors per hazard id of {@code plan} ({@link Plan#hazard}), 1 for a hazard not named; null
   * without {@code --bias}.
   *
   * @throws UsageException for a text that is not HAZARD=xF, an unknown hazard (with the nearest
   *     name and the list), a hazard given twice, a factor outside [1e-6, 1e6], or a hazard whose
   *     time to failure is neither exponential nor Weibull
   */
  double[] factors(Plan plan) {
    if (!any()) {
      return null;
    }
    double[] f = new double[plan.hazards];
    Arrays.fill(f, 1);
    boolean[] seen = new boolean[plan.hazards];
    for (String text : bias) {
      String typed = text == null ? "" : UserText.strip(text);
      int eq = typed.lastIndexOf('=');
      if (eq < 0) {
        throw new UsageException(
            "--bias " + UserText.quote(typed) + ": write HAZARD=xFACTOR, such as fire@pangyo=x50");
      }
      String name = UserText.strip(typed.substring(0, eq));
      int h = hazard(plan, name);
      double factor = factor(typed, UserText.strip(typed.substring(eq + 1)));
      if (seen[h]) {
        throw new UsageException("--bias " + name + " is given twice; tilt each hazard once");
      }
      seen[h] = true;
      int d = plan.hazardTtf[h];
      if (!(plan.hazardShape[d] > 0)) {
        throw new UsageException(
            "--bias "
                + name
                + ": its time to failure is "
                + plan.distributions.get(d).syntax()
                + "; only an exponential (rate) or weibull time to failure can be tilted");
      }
      f[h] = factor;
    }
    return f;
  }

  /** The hazard {@code name} names in {@code plan}, or a usage error listing them. */
  private static int hazard(Plan plan, String name) {
    int h = plan.hazard(name);
    if (h != Plan.NONE) {
      return h;
    }
    List<String> valid = new ArrayList<>(Arrays.asList(plan.causeNames).subList(0, plan.hazards));
    String near = new NearNames().closest(name, valid);
    throw new UsageException(
        "--bias: unknown hazard "
            + UserText.quote(name)
            + (near == null ? "" : ", did you mean " + UserText.quote(near) + "?")
            + (valid.isEmpty()
                ? " (the model has no hazard)"
                : " (hazards: " + UserText.list(valid) + ")"));
  }

  /** The factor of {@code xF}, or a usage error quoting {@code typed}. */
  private static double factor(String typed, String text) {
    String digits = text.startsWith("x") || text.startsWith("X") ? text.substring(1) : null;
    double f = Double.NaN;
    if (digits != null && digits.matches("[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
      f = Double.parseDouble(digits);
    }
    if (!(f >= MIN_FACTOR && f <= MAX_FACTOR)) {
      throw new UsageException(
          "--bias "
              + UserText.quote(typed)
              + ": the factor is x followed by a number from 1e-6 to 1e6, such as x50");
    }
    return f;
  }

  /** The tilts for run.json and the console: hazard name to factor, in hazard order. */
  static Map<String, Double> describe(Plan plan, double[] factors) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int h = 0; h < plan.hazards; h++) {
      if (factors[h] != 1) {
        out.put(plan.causeNames[h], factors[h]);
      }
    }
    return out;
  }
}
