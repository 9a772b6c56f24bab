package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.stats.LogHistogram;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Results at the edges of what a metric can be, end to end: percentiles of user-hours far above and
 * far below what the quantile sketch once clamped (2^60 ≈ 1.15e18 and 2^-30 ≈ 9.3e-10).
 */
class MetricRangeTest {
  /**
   * users 1e15 (the most a model may give) and outages of 100 to 1000 days over 10 years: a trial
   * loses up to ~8.8e19 user-hours, the median ~1e19; users 1e-12 and outages of 1 to 100 hours:
   * ~1e-12 to 1e-9 user-hours. Each percentile in summary.csv must be within the sketch's relative
   * accuracy (2^-8) of the exact sample percentile of the same trials, read from trials.csv (lower
   * nearest rank on q (n − 1)); the max is exact. Deterministic: same trials both ways.
   */
  @ParameterizedTest
  @CsvSource({
    "1e15,  10y, 0.2/y, 'uniform(100d, 1000d)', 1.152921504606846976e18, above",
    "1e-12, 1y,  10/y,  'uniform(1h, 100h)',    9.313225746154785e-10,   below"
  })
  void userHours_beyondTheOldClamp_percentilesWithinTheSketchAccuracy(
      String users,
      String horizon,
      String rate,
      String outage,
      double oldClamp,
      String side,
      @TempDir Path dir)
      throws Exception {
    Path model =
        ScenarioCommandTest.model(
            dir,
            String.format(
                """
                name: edge
                horizon: %s
                sites:
                  a:
                    fault: {rate: %s, outage: "%s"}
                services:
                  s:
                    users: %s
                    demand: 10
                    deploy: {a: 10}
                """,
                horizon, rate, outage, users));
    Cli.Result r =
        Cli.run(
            "run",
            model.toString(),
            "--trials",
            "4000",
            "--seed",
            "7",
            "--per-trial",
            "--charts",
            "none",
            "--out",
            dir.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    double[] exact =
        ScenarioCommandTest.csv(dir.resolve("out/trials.csv")).stream()
            .mapToDouble(t -> Double.parseDouble(t.get("user_hours")))
            .sorted()
            .toArray();
    CSVRecord row = row(dir.resolve("out/summary.csv"), "s", "user_hours");
    int n = exact.length;
    for (String[] q :
        List.of(
            new String[] {"p50", "0.5"},
            new String[] {"p90", "0.9"},
            new String[] {"p99", "0.99"},
            new String[] {"p999", "0.999"},
            new String[] {"max", "1"})) {
      double want = exact[(int) Math.floor(Double.parseDouble(q[1]) * (n - 1))];
      double got = Double.parseDouble(row.get(q[0]));
      assertEquals(want, got, want * (LogHistogram.ACCURACY + 1e-9), q[0] + " of " + users);
    }
    double p50 = Double.parseDouble(row.get("p50"));
    assertTrue(side.equals("above") ? p50 > oldClamp : p50 > 0 && p50 < oldClamp, "p50 " + p50);
    double[] distinct = Arrays.stream(exact).distinct().toArray();
    assertTrue(distinct.length > n / 2, "the trials must spread: " + distinct.length);
  }

  static CSVRecord row(Path summary, String service, String metric) throws Exception {
    return ScenarioCommandTest.csv(summary).stream()
        .filter(x -> x.get("service").equals(service) && x.get("metric").equals(metric))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + service + " " + metric));
  }
}
