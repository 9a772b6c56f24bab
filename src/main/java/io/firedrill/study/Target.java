package io.firedrill.study;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.model.Model;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sizing target, {@code SERVICE.METRIC.STAT <= X} (or {@code >=}): for example {@code
 * talk.recover_h.p99 <= 24}. STAT is mean, p50, p90, p99, p999 or max. SERVICE may be {@code
 * total}, the sum over all services in each trial, for the metrics that have one (downtime_h,
 * outages, user_hours); the scenario metrics (recover_h, recovered, affected) need a scenario.
 *
 * <p>X is written in the model's syntax and the metric's unit (docs/model-format.md, "Values"): for
 * a metric in hours ({@code downtime_h}, {@code longest_h}, {@code recover_h}) a duration ({@code
 * 1d}, {@code 24h}, {@code 90m}) or a bare number of hours; for a 0/1 metric ({@code rto_breach},
 * {@code recovered}) a probability in [0, 1]; for the others ({@code user_hours}, {@code outages})
 * a count ({@code 10M}, {@code 2.5K}, {@code 1e6}). {@code bound} is in the metric's unit: hours, a
 * probability or a plain number.
 */
public record Target(String service, Metric metric, String stat, boolean atMost, double bound) {
  private static final Pattern FORM =
      Pattern.compile(
          "\\s*([A-Za-z0-9][A-Za-z0-9_-]*)\\.([A-Za-z_]+)\\.([A-Za-z0-9]+)\\s*(<=|>=)\\s*(\\S+)\\s*");
  private static final List<String> STATS = List.of("mean", "p50", "p90", "p99", "p999", "max");

  /**
   * Parses a target of a run ({@code scenario} false) or a scenario; the service is checked against
   * {@code services}.
   *
   * @throws IllegalArgumentException one line saying what is wrong and what was expected
   */
  public static Target parse(String typed, List<String> services, boolean scenario) {
    String text = UserText.asSpaces(typed);
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--target "
              + UserText.quote(text)
              + ": expected SERVICE.METRIC.STAT <= X, for example \"talk.recover_h.p99 <= 24\"");
    }
    // Names are lowercase in every model; the value keeps its case (10M is not 10m).
    String service = m.group(1).toLowerCase(Locale.ROOT);
    String metricName = m.group(2).toLowerCase(Locale.ROOT);
    String stat = m.group(3).toLowerCase(Locale.ROOT);
    if (!services.contains(service) && !service.equals(Model.TOTAL)) {
      throw new IllegalArgumentException(
          "--target: unknown service "
              + UserText.quote(m.group(1))
              + " (known: "
              + UserText.list(services)
              + ", or total for the sum over services)");
    }
    Metric metric = Metric.byName(metricName);
    if (metric == null) {
      throw new IllegalArgumentException(
          "--target: unknown metric "
              + UserText.quote(m.group(2))
              + " (metrics: "
              + String.join(
                  ", ",
                  Metric.withData(Metric.SCENARIO, true).stream().map(Metric::csvName).toList())
              + ")");
    }
    if (!scenario && Metric.SCENARIO.contains(metric) && !Metric.RUN.contains(metric)) {
      throw new IllegalArgumentException(
          "--target: "
              + metric.csvName()
              + " is a scenario metric (recovery from an event): give --event KIND@NAME, the"
              + " hazard that fails at t = 0");
    }
    if (service.equals(Model.TOTAL) && !metric.hasTotal()) {
      throw new IllegalArgumentException(
          "--target: "
              + metric.csvName()
              + " has no total over services (totals: "
              + String.join(", ", Metric.TOTALS.stream().map(Metric::csvName).toList())
              + ")");
    }
    if (!STATS.contains(stat)) {
      throw new IllegalArgumentException(
          "--target: unknown statistic "
              + UserText.quote(m.group(3))
              + " (statistics: "
              + String.join(", ", STATS)
              + ")");
    }
    double x = bound("--target", metric, m.group(5));
    return new Target(service, metric, stat, m.group(4).equals("<="), x);
  }

  /**
   * X in the metric's unit (a duration for a metric in hours, a probability for a 0-or-1 metric, a
   * count otherwise), or an error naming {@code option} and saying what the metric takes.
   *
   * @throws IllegalArgumentException one line saying what is wrong
   */
  public static double bound(String option, Metric metric, String text) {
    double x;
    try {
      if (metric.csvName().endsWith("_h")) {
        x = Units.parseHours(text);
      } else if (metric.isProportion()) {
        x = Units.parseNumber(text, 0, "a number");
        if (x > 1) {
          throw new SyntaxException(0, UserText.quote(text) + " is above 1");
        }
      } else {
        x = Units.parseCount(text);
      }
      if (x < 0) {
        throw new SyntaxException(0, UserText.quote(text) + " is below 0");
      }
    } catch (SyntaxException e) {
      throw new IllegalArgumentException(
          option + ": " + e.getMessage() + "; " + metric.csvName() + " takes " + expected(metric));
    }
    return x;
  }

  /** What a target on {@code metric} takes, for messages. */
  private static String expected(Metric metric) {
    if (metric.csvName().endsWith("_h")) {
      return "a duration such as 24h, 90m or 1d, or a number of hours";
    }
    return metric.isProportion()
        ? "a probability between 0 and 1"
        : "a count such as 1000, 2.5K, 10M or 1e6";
  }

  /** Whether the target is on the total over services. */
  public boolean isTotal() {
    return service.equals(Model.TOTAL);
  }

  /** The statistic's value for these stats. */
  public double value(MetricStats s) {
    return s.statistic(stat);
  }

  /**
   * A 95 % interval for the statistic: the mean's (Wilson's for a proportion), distribution-free
   * for a percentile; undefined (NaN) for the maximum and below 2 trials.
   */
  public double[] interval(MetricStats s) {
    return s.statisticInterval(stat);
  }

  /** Whether {@code value} meets the target. */
  public boolean met(double value) {
    return atMost ? value <= bound : value >= bound;
  }

  /**
   * Whether the interval {@code [low, high]} lies on the target's side as a whole (its far bound
   * meets it): what the conservative mode of {@code size} asks. False for an undefined interval.
   */
  public boolean metSurely(double[] interval) {
    double far = atMost ? interval[1] : interval[0];
    return Double.isFinite(far) && met(far);
  }

  /** Whether the interval contains the target's bound: the estimate's side is not certain. */
  public boolean straddles(double[] interval) {
    return !(interval[0] > bound) && !(interval[1] < bound);
  }

  @Override
  public String toString() {
    return service
        + "."
        + metric.csvName()
        + "."
        + stat
        + (atMost ? " <= " : " >= ")
        + (metric.csvName().endsWith("_h")
            ? Units.formatDuration(bound)
            : metric.isProportion() ? Units.exact(bound) : Units.formatCount(bound));
  }
}
