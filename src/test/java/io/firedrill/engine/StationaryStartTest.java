package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.dist.DistributionParser;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenarios with a stationary background: every hazard other than the forced one is already in its
 * long-run state at t = 0, so the expected downtime of a service it alone touches is q × H for
 * every horizon H, where q is the long-run fraction of time down (renewal-reward). A fresh start
 * gives less over a short horizon, so these checks tell the two apart.
 *
 * <p>Each check compares the Monte Carlo mean with q × H at z = 5 of its own standard error
 * (false-failure rate about 5.7e-7 per check; seeds fixed and printed).
 */
class StationaryStartTest {
  static RunStats scenario(String yaml, double horizon, long trials, long seed) throws Exception {
    Plan p =
        Plan.compile(
            ModelLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of())
                .model(),
            horizon);
    return TrialRunner.run(
        p,
        new TrialRunner.Options(
            trials,
            seed,
            2,
            0,
            false,
            new TrialRunner.Scenario("fault@x", Kernel.Background.STATIONARY, 2)));
  }

  static void assertDowntime(double exact, RunStats r, String what, long seed) {
    MetricStats m = r.metric(1, Metric.DOWNTIME_H);
    double se = m.tally().standardError();
    System.out.printf(
        "%s: exact %.6f, estimate %.6f, se %.6f, z %.2f%n",
        what, exact, m.mean(), se, (m.mean() - exact) / se);
    assertEquals(exact, m.mean(), 5 * se, what + ", seed " + seed + ", N " + m.count());
  }

  static double mean(String dist) throws Exception {
    return DistributionParser.parse(dist).mean();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "rate: 1/d            | lognormal(median=2h, p90=8h) | 3",
        "rate: 1/d            | lognormal(median=2h, p90=8h) | 100",
        "ttf: \"weibull(shape=0.6, scale=20h)\" | gamma(shape=0.5, mean=4h) | 5",
        "ttf: \"uniform(10h, 30h)\" | \"triangular(min=1h, mode=2h, max=9h)\" | 5",
        "ttf: \"fixed(30h)\"  | uniform(1h, 5h)              | 40"
      })
  void faultInItsStationaryState_downtimeIsTheLongRunFractionTimesH(
      String failures, String outage, double horizon) throws Exception {
    long seed = 31;
    String o = outage.startsWith("\"") ? outage : "\"" + outage + "\"";
    String yaml =
        """
        name: stationary
        sites:
          x: {fault: {rate: 0.001/y, outage: "fixed(1h)"}}
          s: {fault: {%s, outage: %s}}
        services:
          onx: {deploy: {x: 1}}
          api: {deploy: {s: 1}}
        """
            .formatted(failures, o);
    String ttf =
        failures.startsWith("rate")
            ? "exponential(mean=" + 24.0 + "h)"
            : failures.substring(failures.indexOf('"') + 1, failures.lastIndexOf('"'));
    double eu = mean(ttf);
    double ed = mean(o.replace("\"", ""));
    double q = ed / (eu + ed);
    RunStats r = scenario(yaml, horizon, 200_000, seed);
    assertDowntime(q * horizon, r, failures + ", " + outage + ", H " + horizon, seed);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "rate: 1/d            | exponential(mean=6h) | lognormal(median=2h, p90=8h) | 3",
        "rate: 1/d            | exponential(mean=6h) | lognormal(median=2h, p90=8h) | 60",
        "ttf: \"fixed(30h)\"  | uniform(1h, 9h)      | uniform(1h, 5h)              | 40"
      })
  void faultWithAnOnset_inItsStationaryState_downtimeIsTheLongRunFractionTimesH(
      String failures, String onset, String outage, double horizon) throws Exception {
    // Cycle: up U, onset O (still up), outage D: q = E[D] / (E[U] + E[O] + E[D]) for every H,
    // including an onset under way at t = 0 whose outage comes inside a short horizon.
    long seed = 35;
    String yaml =
        """
        name: onset
        sites:
          x: {fault: {rate: 0.001/y, outage: "fixed(1h)"}}
          s: {fault: {%s, onset: "%s", outage: "%s"}}
        services:
          onx: {deploy: {x: 1}}
          api: {deploy: {s: 1}}
        """
            .formatted(failures, onset, outage);
    double eu = failures.startsWith("rate") ? 24 : 30;
    double eo = mean(onset);
    double ed = mean(outage);
    double q = ed / (eu + eo + ed);
    RunStats r = scenario(yaml, horizon, 200_000, seed);
    assertDowntime(q * horizon, r, "onset " + onset + ", " + outage + ", H " + horizon, seed);
  }

  @ParameterizedTest
  @CsvSource({"3", "80"})
  void commonCauseInItsStationaryState_darkensItsSitesTheLongRunFraction(double horizon)
      throws Exception {
    // A storm (1/d, outage lognormal(median 2 h, p90 8 h)) darkens s1 and s2 for its outage, at
    // once: a service needing both is down exactly while the storm's effects are, q = E[D] / (24 +
    // E[D]) of every horizon, including an effect of a storm already in progress at t = 0.
    long seed = 36;
    String yaml =
        """
        name: storm
        common_cause:
          storm: {rate: 1/d, outage: "lognormal(median=2h, p90=8h)", also: {s1: {effect: dark}, s2: {effect: dark}}}
        sites:
          x: {fault: {rate: 0.001/y, outage: "fixed(1h)"}}
          s1: {}
          s2: {}
        services:
          onx: {deploy: {x: 1}}
          api: {deploy: {s1: 1, s2: 1}, demand: 1}
        """;
    double ed = mean("lognormal(median=2h, p90=8h)");
    RunStats r = scenario(yaml, horizon, 200_000, seed);
    assertDowntime(ed / (24 + ed) * horizon, r, "common cause, H " + horizon, seed);
  }

  @ParameterizedTest
  @CsvSource({"fixed(20h), 3", "fixed(20h), 40", "fixed(2h), 3"})
  void delayedEffectsOfAStormBeforeTimeZero_areIncluded(String delay, double horizon)
      throws Exception {
    // A storm (up ~ Exp(mean 10 h), outage 5 h) darkens a with a fixed delay: the effects are the
    // storm's outages shifted by the delay, so a is dark q = 5 / 15 of every horizon, including
    // effects of storms up to 20 h before t = 0 (the stationary start's warm-up).
    long seed = 37;
    String yaml =
        """
        name: delayed
        common_cause:
          storm: {rate: 0.1/h, outage: "fixed(5h)", also: {s: {effect: dark, delay: "%s"}}}
        sites:
          x: {fault: {rate: 0.001/y, outage: "fixed(1h)"}}
          s: {}
        services:
          onx: {deploy: {x: 1}}
          api: {deploy: {s: 1}}
        """
            .formatted(delay);
    RunStats r = scenario(yaml, horizon, 200_000, seed);
    assertDowntime(horizon / 3, r, "storm effect after " + delay + ", H " + horizon, seed);
  }

  @ParameterizedTest
  @CsvSource({"3", "100"})
  void fireWithAnOnset_inItsStationaryState_isDarkOrRestoringTheLongRunFraction(double horizon)
      throws Exception {
    // slo 1: down while dark or restoring. Cycle: U ~ Exp(mean 3 d), then with probability 1 − c
    // an onset O ~ Exp(mean 8 h) (still up), dark D ~ lognormal(median 10 h, p90 40 h), restore
    // R ~ uniform(12 h, 72 h): q = (1 − c)(E[D] + E[R]) / (E[U] + (1 − c)(E[O] + E[D] + E[R])),
    // including a fire whose onset is under way at t = 0.
    long seed = 40;
    String yaml =
        """
        name: smoulder
        sites:
          x: {fault: {rate: 0.001/y, outage: "fixed(1h)"}}
          s:
            fire: {ttf: "exponential(mean=3d)", contained: 0.4, onset: "exponential(mean=8h)", outage: "lognormal(median=10h, p90=40h)", restore: "uniform(12h, 72h)"}
        services:
          onx: {deploy: {x: 1}}
          api: {deploy: {s: 1}, slo: 1}
        """;
    double ed = mean("lognormal(median=10h, p90=40h)");
    double q = 0.6 * (ed + 42) / (72 + 0.6 * (8 + ed + 42));
    RunStats r = scenario(yaml, horizon, 200_000, seed);
    assertDowntime(q * horizon, r, "fire with onset, H " + horizon, seed);
  }

  @Test
  void chillerTripsFromEarlierLossesOfUtility_areIncluded() throws Exception {
    // Grid outages every 31 h (30 h up, 1 h out; the UPS carries them), each tripping the chillers
    // for D ~ uniform(1 h, 80 h): at a stationary instant the last losses were a, a + 31, a + 62 h
    // ago (a uniform on [0, 31)), and the site is up only if all three trips are over:
    // P(up) = (1/31) ∫ F(a) F(a + 31) F(a + 62) da, F the uniform's distribution function
    // (integrated here by Simpson's rule on 31,000 intervals). A start from the last loss alone
    // would miss the trips two and three losses back.
    long seed = 39;
    String yaml =
        """
        name: trips
        grids:
          g: {ttf: "fixed(30h)", outage: "fixed(1h)"}
        sites:
          x: {fault: {rate: 0.001/y, outage: "fixed(1h)"}}
          s: {grid: g, ups: 1y, cooling: {rate: 0/y, outage: "uniform(1h, 80h)", trips: 1}}
        services:
          onx: {deploy: {x: 1}}
          api: {deploy: {s: 1}}
        """;
    int n = 31_000;
    double up = 0;
    for (int i = 0; i <= n; i++) {
      double a = 31.0 * i / n;
      double f = trip(a) * trip(a + 31) * trip(a + 62);
      up += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
    }
    up *= 31.0 / n / 3 / 31;
    RunStats r = scenario(yaml, 5, 200_000, seed);
    assertDowntime((1 - up) * 5, r, "trips from earlier losses", seed);
  }

  /** P(a trip of uniform(1 h, 80 h) is over x hours after it began). */
  private static double trip(double x) {
    return Math.max(0, Math.min(1, (x - 1) / 79));
  }

  @Test
  void delayedEffectsOfAFireBeforeTimeZero_areIncluded() throws Exception {
    // Fires at a (ignitions ~ Exp(mean 3 d), contained 0.5, dark D ~ lognormal(median 10 h, p90
    // 40 h), restore 1 d) darken b 35 h after ignition for D: b is dark (1 − c) E[D] / (E[U] +
    // (1 − c)(E[D] + E[R])) of the time; over H = 6 h, most of it from fires before t = 0.
    long seed = 38;
    String yaml =
        """
        name: spread
        sites:
          x: {fault: {rate: 0.001/y, outage: "fixed(1h)"}}
          a:
            fire:
              ttf: "exponential(mean=3d)"
              contained: 0.5
              outage: "lognormal(median=10h, p90=40h)"
              restore: "fixed(1d)"
              also: {s: {effect: dark, delay: "fixed(35h)"}}
          s: {}
        services:
          onx: {deploy: {x: 1}}
          api: {deploy: {s: 1}}
        """;
    double ed = mean("lognormal(median=10h, p90=40h)");
    double q = 0.5 * ed / (72 + 0.5 * (ed + 24));
    RunStats r = scenario(yaml, 6, 200_000, seed);
    assertDowntime(q * 6, r, "fire effect after 35 h", seed);
  }

  @ParameterizedTest
  @CsvSource({"0, 6", "0.6, 6", "0.6, 200"})
  void fireInItsStationaryState_darkOrRestoring_isTheLongRunFraction(
      double contained, double horizon) throws Exception {
    // slo 1: the service is down whenever its site is dark or not fully restored. Cycle: an
    // ignition after U ~ Exp(mean 3 d), then with probability 1 − c dark D ~ lognormal(median
    // 10 h, p90 40 h) and a linear restore R ~ uniform(12 h, 72 h); q = (1 − c)(E[D] + E[R]) /
    // (E[U] + (1 − c)(E[D] + E[R])).
    long seed = 32;
    String yaml =
        """
        name: fire
        sites:
          x: {fault: {rate: 0.001/y, outage: "fixed(1h)"}}
          s:
            fire: {ttf: "exponential(mean=7d)", contained: %s, outage: "lognormal(median=10h, p90=40h)", restore: "uniform(12h, 72h)"}
        services:
          onx: {deploy: {x: 1}}
          api: {deploy: {s: 1}, slo: 1}
        """
            .formatted(contained);
    double ez = (1 - contained) * (mean("lognormal(median=10h, p90=40h)") + 42);
    double q = ez / (168 + ez);
    RunStats r = scenario(yaml, horizon, 200_000, seed);
    assertDowntime(q * horizon, r, "fire, contained " + contained + ", H " + horizon, seed);
  }

  @ParameterizedTest
  @CsvSource({"3", "45"})
  void restartStillRunningAtTimeZero_afterAnOutageThatEndedBefore_isIncluded(double horizon)
      throws Exception {
    // Faults every 30 h (fixed) of 1 h, each followed by a 5 h restart: down 6 h of every 31 h.
    // A stationary start must include a restart still running at t = 0 after an outage that
    // ended before it (up for less than 5 h): leaving it out would give 1/31 of H down at the
    // start instead of 6/31.
    long seed = 34;
    String yaml =
        """
        name: restart
        sites:
          x: {fault: {rate: 0.001/y, outage: "fixed(1h)"}}
          s: {restart: "fixed(5h)", fault: {ttf: "fixed(30h)", outage: "fixed(1h)"}}
        services:
          onx: {deploy: {x: 1}}
          api: {deploy: {s: 1}}
        """;
    RunStats r = scenario(yaml, horizon, 200_000, seed);
    assertDowntime(6.0 / 31 * horizon, r, "fault and restart, H " + horizon, seed);
  }

  @ParameterizedTest
  @CsvSource({"3", "50"})
  void gridThroughUps_stationary_darkFractionIsClosedForm(double horizon) throws Exception {
    // Grid outages G ~ Exp(mean m = 2 h) at 1/d, UPS u = 30 min, no generator: each outage darks
    // the site for (G − u)+, E = m e^{−u/m}; long-run dark fraction m e^{−u/m} / (24 + m).
    long seed = 33;
    String yaml =
        """
        name: grid
        grids:
          g: {rate: 1/d, outage: "exponential(mean=2h)"}
        sites:
          x: {fault: {rate: 0.001/y, outage: "fixed(1h)"}}
          s: {grid: g, ups: 30m}
        services:
          onx: {deploy: {x: 1}}
          api: {deploy: {s: 1}}
        """;
    double q = 2 * Math.exp(-0.25) / (24 + 2);
    RunStats r = scenario(yaml, horizon, 200_000, seed);
    assertDowntime(q * horizon, r, "grid through UPS, H " + horizon, seed);
  }
}
