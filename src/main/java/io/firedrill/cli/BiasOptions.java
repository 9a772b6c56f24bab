package io.firedrill.cli;

import io.firedrill.dist.UserText;
import io.firedrill.engine.HazardBias;
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
        "HAZARD.outage=xG draws its outages G times longer. A time to failure must be"
            + " exponential (rate) or weibull; an outage exponential, weibull, lognormal or gamma."
            + " Not with --outages or --per-trial."
      })
  List<String> bias;

  /** Whether any {@code --bias} was given. */
  boolean any() {
    return bias != null && !bias.isEmpty();
  }

  /** The suffix of a hazard's outage: {@code fire@pangyo.outage=x3}. */
  static final String OUTAGE = ".outage";

  /**
   * The tilts of {@code plan}'s hazards ({@link Plan#hazard}), 1 for a hazard not named; null
   * without {@code --bias}.
   *
   * @throws UsageException for a text that is not HAZARD=xF or HAZARD.outage=xG, an unknown hazard
   *     (with the nearest name and the list), a tilt given twice, a factor outside [1e-6, 1e6], a
   *     hazard whose time to failure is neither exponential nor Weibull, or an outage that is
   *     neither exponential, Weibull, lognormal nor gamma
   */
  HazardBias factors(Plan plan) {
    if (!any()) {
      return null;
    }
    HazardBias out = HazardBias.none(plan.hazards);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String text : bias) {
      String typed = text == null ? "" : UserText.strip(text);
      int eq = typed.lastIndexOf('=');
      if (eq < 0) {
        throw new UsageException(
            "--bias "
                + UserText.quote(typed)
                + ": write HAZARD=xFACTOR, such as fire@pangyo=x50 (or fire@pangyo.outage=x3 for"
                + " outages 3 times as long)");
      }
      String name = UserText.strip(typed.substring(0, eq));
      boolean outage = name.endsWith(OUTAGE);
      String hazardName = outage ? name.substring(0, name.length() - OUTAGE.length()) : name;
      int h = hazard(plan, hazardName);
      double factor = factor(typed, UserText.strip(typed.substring(eq + 1)));
      if (!seen.add(name)) {
        throw new UsageException("--bias " + name + " is given twice; tilt each once");
      }
      int d = outage ? plan.hazardOutage[h] : plan.hazardTtf[h];
      if (outage ? plan.durationFamily[d] == Plan.NONE : !(plan.hazardShape[d] > 0)) {
        throw new UsageException(
            "--bias "
                + name
                + ": its "
                + (outage ? "outage" : "time to failure")
                + " is "
                + plan.distributions.get(d).syntax()
                + (outage
                    ? "; only an exponential, weibull, lognormal or gamma outage can be lengthened"
                    : "; only an exponential (rate) or weibull time to failure can be tilted"));
      }
      out = outage ? out.withOutage(h, factor) : out.withRate(h, factor);
    }
    return out;
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

  /**
   * The tilts for run.json and the console: {@code HAZARD} (its rate) or {@code HAZARD.outage} to
   * its factor, in hazard order.
   */
  static Map<String, Double> describe(Plan plan, HazardBias b) {
    Map<String, Double> out = new LinkedHashMap<>();
    double[] rate = b.rate();
    double[] outage = b.outage();
    for (int h = 0; h < plan.hazards; h++) {
      if (rate[h] != 1) {
        out.put(plan.causeNames[h], rate[h]);
      }
      if (outage[h] != 1) {
        out.put(plan.causeNames[h] + OUTAGE, outage[h]);
      }
    }
    return out;
  }
}
