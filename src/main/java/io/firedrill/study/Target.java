package io.firedrill.study;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sizing target, {@code SERVICE.METRIC.STAT <= X} (or {@code >=}): for example {@code
 * talk.recover_h.p99 <= 24}. STAT is mean, p50, p90, p99, p999 or max.
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
   * Parses a target; the service is checked against {@code services}.
   *
   * @throws IllegalArgumentException one line saying what is wrong and what was expected
   */
  public static Target parse(String text, List<String> services) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--target '"
              + text
              + "': expected SERVICE.METRIC.STAT <= X, for example \"talk.recover_h.p99 <= 24\"");
    }
    // Names are lowercase in every model; the value keeps its case (10M is not 10m).
    String service = m.group(1).toLowerCase(Locale.ROOT);
    String metricName = m.group(2).toLowerCase(Locale.ROOT);
    String stat = m.group(3).toLowerCase(Locale.ROOT);
    if (!services.contains(service)) {
      throw new IllegalArgumentException(
          "--target: unknown service '"
              + m.group(1)
              + "' (known: "
              + String.join(", ", services)
              + ")");
    }
    Metric metric = Metric.byName(metricName);
    if (metric == null) {
      throw new IllegalArgumentException(
          "--target: unknown metric '"
              + m.group(2)
              + "' (metrics: downtime_h, outages, longest_h, user_hours, rto_breach, recover_h, recovered)");
    }
    if (!STATS.contains(stat)) {
      throw new IllegalArgumentException(
          "--target: unknown statistic '"
              + m.group(3)
              + "' (statistics: "
              + String.join(", ", STATS)
              + ")");
    }
    double x = bound(metric, m.group(5));
    return new Target(service, metric, stat, m.group(4).equals("<="), x);
  }

  /** X in the metric's unit, or a usage error saying what the metric takes. */
  private static double bound(Metric metric, String text) {
    double x;
    try {
      if (metric.csvName().endsWith("_h")) {
        x = Units.parseHours(text);
      } else if (metric.isProportion()) {
        x = Units.parseNumber(text, 0, "a number");
        if (x > 1) {
          throw new SyntaxException(0, "'" + text + "' is above 1");
        }
      } else {
        x = Units.parseCount(text);
      }
      if (x < 0) {
        throw new SyntaxException(0, "'" + text + "' is below 0");
      }
    } catch (SyntaxException e) {
      throw new IllegalArgumentException(
          "--target: " + e.getMessage() + "; " + metric.csvName() + " takes " + expected(metric));
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

  /** The statistic's value for these stats. */
  public double value(MetricStats s) {
    switch (stat) {
      case "mean":
        return s.mean();
      case "max":
        return s.max();
      default:
        return s.quantile(Double.parseDouble("0." + stat.substring(1)));
    }
  }

  /**
   * A 95 % interval for the statistic: the mean's (Wilson's for a proportion), or distribution-free
   * for a quantile.
   */
  public double[] interval(MetricStats s) {
    switch (stat) {
      case "mean":
        return s.interval95();
      case "max":
        return new double[] {s.max(), s.max()};
      default:
        return s.quantileInterval(Double.parseDouble("0." + stat.substring(1)));
    }
  }

  public boolean met(double value) {
    return atMost ? value <= bound : value >= bound;
  }

  @Override
  public String toString() {
    return service
        + "."
        + metric.csvName()
        + "."
        + stat
        + (atMost ? " <= " : " >= ")
        + io.firedrill.dist.Units.exact(bound);
  }
}
