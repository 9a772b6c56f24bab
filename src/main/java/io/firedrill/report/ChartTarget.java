package io.firedrill.report;

import io.firedrill.dist.UserText;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import java.util.List;

/**
 * What a sweep's console table and charts show ({@code --chart}): a service of the model or {@code
 * total}, one of the command's metrics, and a statistic of {@link MetricStats#STATISTICS}.
 */
public record ChartTarget(String service, Metric metric, String stat) {
  /** True for the total over services. */
  public boolean isTotal() {
    return service.equals(Model.TOTAL);
  }

  /** {@code talk recover_h}: the service and metric, for titles. */
  public String label() {
    return service + " " + metric.csvName();
  }

  /**
   * The chart target {@code asked} ({@code SERVICE.METRIC} or {@code SERVICE.METRIC.STAT}, SERVICE
   * a service of {@code plan} or {@code total}, STAT mean by default), or when null: the service
   * whose parameter is varied ({@code varied}, when it is a service), else the first service with
   * users; its user_hours (recover_h in a scenario), mean.
   *
   * @param varied the first --vary path
   * @param metrics the metrics of the command (run or scenario)
   * @throws IllegalArgumentException with a one-line message for a target that names no service,
   *     metric or statistic of the command, a scenario metric without a scenario, or a total of a
   *     metric that has none
   */
  public static ChartTarget parse(
      String asked, String varied, Plan plan, List<Metric> metrics, boolean scenario) {
    List<String> names = List.of(plan.serviceNames);
    if (asked == null) {
      int a = 0;
      for (int i = plan.services - 1; i >= 0; i--) {
        a = plan.users[i] > 0 ? i : a;
      }
      String[] path = varied == null ? new String[0] : varied.split("\\.");
      if (path.length > 1 && path[0].equals("services") && names.contains(path[1])) {
        a = names.indexOf(path[1]);
      }
      return new ChartTarget(
          plan.serviceNames[a], scenario ? Metric.RECOVER_H : Metric.USER_HOURS, "mean");
    }
    String[] parts = UserText.strip(asked).split("\\.", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          "--chart "
              + UserText.quote(asked)
              + ": expected SERVICE.METRIC or SERVICE.METRIC.STAT, for example"
              + " talk.user_hours.p99");
    }
    String service = parts[0];
    if (!names.contains(service) && !service.equals(Model.TOTAL)) {
      throw new IllegalArgumentException(
          "--chart "
              + UserText.quote(asked)
              + ": unknown service "
              + UserText.quote(service)
              + " (services: "
              + UserText.list(names)
              + ", or total)");
    }
    Metric metric = Metric.byName(parts[1]);
    List<String> known = metrics.stream().map(Metric::csvName).toList();
    if (metric == null || !metrics.contains(metric)) {
      boolean scenarioOnly = metric != null && Metric.SCENARIO.contains(metric) && !scenario;
      throw new IllegalArgumentException(
          "--chart "
              + UserText.quote(asked)
              + ": "
              + (scenarioOnly
                  ? UserText.bounded(parts[1])
                      + " is a scenario metric: give --event to study a scenario"
                  : "unknown metric "
                      + UserText.quote(parts[1])
                      + " (metrics: "
                      + String.join(", ", known)
                      + ")"));
    }
    if (service.equals(Model.TOTAL) && !metric.hasTotal()) {
      throw new IllegalArgumentException(
          "--chart "
              + UserText.quote(asked)
              + ": "
              + metric.csvName()
              + " has no total over services (totals: "
              + String.join(", ", Metric.TOTALS.stream().map(Metric::csvName).toList())
              + ")");
    }
    String undefined =
        service.equals(Model.TOTAL) ? null : Estimable.whyNot(plan, metric, names.indexOf(service));
    if (undefined != null) {
      throw new IllegalArgumentException("--chart " + UserText.quote(asked) + ": " + undefined);
    }
    String stat = parts.length == 3 ? parts[2] : "mean";
    if (!MetricStats.STATISTICS.contains(stat)) {
      throw new IllegalArgumentException(
          "--chart "
              + UserText.quote(asked)
              + ": unknown statistic "
              + UserText.quote(stat)
              + " (statistics: "
              + String.join(", ", MetricStats.STATISTICS)
              + ")");
    }
    return new ChartTarget(service, metric, stat);
  }
}
