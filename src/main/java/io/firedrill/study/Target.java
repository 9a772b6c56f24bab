package io.firedrill.study;

import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sizing target, {@code SERVICE.METRIC.STAT <= X} (or {@code >=}): for example {@code
 * talk.recover_h.p99 <= 24}. STAT is mean, p50, p90, p99, p999 or max.
 */
public record Target(String service, Metric metric, String stat, boolean atMost, double bound) {
  private static final Pattern FORM =
      Pattern.compile(
          "\\s*([a-z0-9][a-z0-9_-]*)\\.([a-z_]+)\\.([a-z0-9]+)\\s*(<=|>=)\\s*(\\S+)\\s*");
  private static final List<String> STATS = List.of("mean", "p50", "p90", "p99", "p999", "max");

  /** Parses a target; the service is checked against {@code services}. */
  public static Target parse(String text, List<String> services) {
    Matcher m = FORM.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--target '"
              + text
              + "': expected SERVICE.METRIC.STAT <= X, for example \"talk.recover_h.p99 <= 24\"");
    }
    if (!services.contains(m.group(1))) {
      throw new IllegalArgumentException(
          "--target: unknown service '"
              + m.group(1)
              + "' (known: "
              + String.join(", ", services)
              + ")");
    }
    Metric metric = Metric.byName(m.group(2));
    if (metric == null) {
      throw new IllegalArgumentException(
          "--target: unknown metric '"
              + m.group(2)
              + "' (metrics: downtime_h, outages, longest_h, user_hours, rto_breach, recover_h, recovered)");
    }
    if (!STATS.contains(m.group(3))) {
      throw new IllegalArgumentException(
          "--target: unknown statistic '"
              + m.group(3)
              + "' (statistics: "
              + String.join(", ", STATS)
              + ")");
    }
    double x;
    try {
      x = Double.parseDouble(m.group(5));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--target: '" + m.group(5) + "' is not a number");
    }
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("--target: '" + m.group(5) + "' is not a finite number");
    }
    return new Target(m.group(1), metric, m.group(3), m.group(4).equals("<="), x);
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
