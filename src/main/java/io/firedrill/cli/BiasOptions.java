package io.firedrill.cli;

import io.firedrill.dist.UserText;
import io.firedrill.engine.HazardBias;
import io.firedrill.load.NearNames;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.run.CrossEntropy;
import io.firedrill.run.RareEvent;
import io.firedrill.stats.Metric;
import io.firedrill.study.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @Option(
      names = "--rare",
      paramLabel = "EVENT",
      description = {
        "Importance sampling for a rare event, SERVICE.METRIC > X (e.g. \"talk.downtime_h > 24h\","
            + " total.user_hours > 10M): pilot runs choose the tilts by the cross-entropy method,"
            + " the run estimates P(EVENT) and every figure with them. Tilts the hazards given as"
            + " --bias HAZARD=auto, or, without any, every hazard whose time to failure can be."
            + " 'off' (default): none."
      })
  String rare;

  /** Pilot trials per cross-entropy iteration. */
  static final int PILOT_TRIALS = 20_000;

  /** Cross-entropy iterations at most. */
  static final int PILOT_ITERATIONS = 12;

  private static final Pattern EVENT =
      Pattern.compile("\\s*([A-Za-z0-9][A-Za-z0-9_-]*)\\.([A-Za-z_]+)\\s*>\\s*(\\S+)\\s*");

  /** Whether any {@code --bias} or {@code --rare} other than off was given. */
  boolean any() {
    return (bias != null && !bias.isEmpty()) || rareEvent();
  }

  /** Whether {@code --rare} names an event. */
  boolean rareEvent() {
    return rare != null && !UserText.strip(rare).equalsIgnoreCase("off");
  }

  /**
   * The event of {@code --rare}, or null without one (or with {@code off}).
   *
   * @throws UsageException if it is not SERVICE.METRIC > X with a known service (or total, for a
   *     metric with a total), a metric of a run, and X in the metric's unit
   */
  RareEvent event(Plan plan) {
    if (!rareEvent()) {
      return null;
    }
    String text = UserText.asSpaces(rare);
    Matcher m = EVENT.matcher(text);
    if (!m.matches()) {
      throw new UsageException(
          "--rare "
              + UserText.quote(text)
              + ": expected SERVICE.METRIC > X, for example \"talk.downtime_h > 24h\", or off");
    }
    String service = m.group(1).toLowerCase(Locale.ROOT);
    List<String> services = Arrays.asList(plan.serviceNames);
    int a = services.indexOf(service);
    if (a < 0 && !service.equals(Model.TOTAL)) {
      throw new UsageException(
          "--rare: unknown service "
              + UserText.quote(m.group(1))
              + " (known: "
              + UserText.list(services)
              + ", or total for the sum over services)");
    }
    Metric metric = Metric.byName(m.group(2).toLowerCase(Locale.ROOT));
    List<Metric> run = Metric.withData(Metric.RUN, plan.hasData());
    if (metric == null || !run.contains(metric)) {
      throw new UsageException(
          "--rare: unknown metric "
              + UserText.quote(m.group(2))
              + " (metrics of a run: "
              + String.join(", ", run.stream().map(Metric::csvName).toList())
              + ")");
    }
    if (a < 0 && !metric.hasTotal()) {
      throw new UsageException(
          "--rare: "
              + metric.csvName()
              + " has no total over services (totals: "
              + String.join(", ", Metric.TOTALS.stream().map(Metric::csvName).toList())
              + ")");
    }
    double x;
    try {
      x = Target.bound("--rare", metric, m.group(3));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return new RareEvent(a, metric, x, text.strip());
  }

  /**
   * The hazards the cross-entropy method tilts for {@code --rare}: those given as {@code
   * HAZARD=auto}, or, without any, every hazard whose time to failure can be tilted and that {@code
   * --bias} does not set by hand.
   */
  int[] candidates(Plan plan) {
    List<Integer> auto = new ArrayList<>();
    java.util.Set<Integer> byHand = new java.util.HashSet<>();
    if (bias != null) {
      for (String text : bias) {
        String typed = text == null ? "" : UserText.strip(text);
        int eq = typed.lastIndexOf('=');
        String name = eq < 0 ? typed : UserText.strip(typed.substring(0, eq));
        int h = plan.hazard(name.endsWith(OUTAGE) ? "" : name);
        if (h == Plan.NONE) {
          continue;
        }
        if (eq >= 0 && UserText.strip(typed.substring(eq + 1)).equalsIgnoreCase("auto")) {
          auto.add(h);
        } else {
          byHand.add(h);
        }
      }
    }
    if (auto.isEmpty()) {
      for (int h = 0; h < plan.hazards; h++) {
        if (plan.hazardShape[plan.hazardTtf[h]] > 0 && !byHand.contains(h)) {
          auto.add(h);
        }
      }
    }
    return auto.stream().mapToInt(Integer::intValue).toArray();
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
    if (bias == null) {
      return out;
    }
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
      String value = UserText.strip(typed.substring(eq + 1));
      if (value.equalsIgnoreCase("auto")) {
        if (outage) {
          throw new UsageException(
              "--bias " + name + "=auto: only a rate is chosen automatically; give xG by hand");
        }
        if (!rareEvent()) {
          throw new UsageException(
              "--bias "
                  + name
                  + "=auto: the tilt is chosen for an event; give --rare SERVICE.METRIC > X");
        }
        if (!(plan.hazardShape[plan.hazardTtf[h]] > 0)) {
          throw new UsageException(
              "--bias "
                  + name
                  + ": its time to failure is "
                  + plan.distributions.get(plan.hazardTtf[h]).syntax()
                  + "; only an exponential (rate) or weibull time to failure can be tilted");
        }
        if (!seen.add(name)) {
          throw new UsageException("--bias " + name + " is given twice; tilt each once");
        }
        continue;
      }
      double factor = factor(typed, value);
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
                : " (hazards: "
                    + UserText.list(valid)
                    + "; HAZARD.outage for a hazard's outages)"));
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

  /**
   * The cross-entropy pilot of {@code --rare}, one line per iteration (its level, the pilot trials
   * at or above it, the factors then), and the tilt chosen; a warning line if the event was not
   * reached.
   */
  static void printPilot(
      java.io.PrintWriter out, Plan plan, int[] candidates, CrossEntropy.Result chosen) {
    int i = 1;
    for (CrossEntropy.Iteration it : chosen.iterations()) {
      out.printf(
          Locale.ROOT,
          "cross-entropy pilot %d: level %s, %,d of %,d trials fit the tilt; %s%n",
          i++,
          io.firedrill.report.Numbers.brief(it.level(), 4),
          it.elite(),
          PILOT_TRIALS,
          factorsText(plan, candidates, it.factors()));
    }
    if (!chosen.reached()) {
      out.println(
          "warning: the pilot runs did not reach the event; the tilt is the last one found, and"
              + " the estimates may rest on few trials");
    }
  }

  /** The cross-entropy pilot for run.json: per iteration its level, elite and factors. */
  static Map<String, Object> pilotJson(Plan plan, int[] candidates, CrossEntropy.Result chosen) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pilot_trials", PILOT_TRIALS);
    out.put("reached", chosen.reached());
    List<Map<String, Object>> its = new ArrayList<>();
    for (CrossEntropy.Iteration it : chosen.iterations()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("level", it.level());
      one.put("elite", it.elite());
      Map<String, Double> f = new LinkedHashMap<>();
      for (int j = 0; j < candidates.length; j++) {
        f.put(plan.causeNames[candidates[j]], it.factors()[j]);
      }
      one.put("factors", f);
      its.add(one);
    }
    out.put("iterations", its);
    return out;
  }

  /** The factors above 1, "fire@a x52.1, grid@b x3.2", or "no tilt". */
  private static String factorsText(Plan plan, int[] candidates, double[] factors) {
    List<String> parts = new ArrayList<>();
    for (int j = 0; j < candidates.length; j++) {
      if (factors[j] != 1) {
        parts.add(
            plan.causeNames[candidates[j]]
                + " x"
                + io.firedrill.report.Numbers.brief(factors[j], 3));
      }
    }
    return parts.isEmpty() ? "no tilt" : String.join(", ", parts);
  }
}
