package io.firedrill.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.Metric;
import io.firedrill.stats.Tally;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random numbers per source: two independent sites, a and b, each with its own grid (with a
 * generator behind it), network, fault and fire, and a service on each. Sweeping site a's fault
 * rate ({@code sweep --vary sites.a.fault.rate=1/y..4/y:1/y}) must leave every trial of the service
 * on site b bit-identical at every point, every metric to the last bit, since nothing it depends on
 * changed: its draws come from its own sources, and its integrals from windows that only its own
 * sites' events cut; and it must change the service on site a, or the test would prove nothing.
 */
class SourceIndependenceTest {

  static final String MODEL =
      """
      name: two-independent-sites
      horizon: 1y
      grids:
        grid-a: {rate: 2/y, outage: "lognormal(median=1h, p90=6h)"}
        grid-b: {rate: 2/y, outage: "lognormal(median=1h, p90=6h)"}
      networks:
        net-a: {rate: 1/y, outage: "lognormal(median=1h, p90=4h)"}
        net-b: {rate: 1/y, outage: "lognormal(median=1h, p90=4h)"}
      sites:
        a:
          grid: grid-a
          networks: [net-a]
          ups: 10m
          generator: {fail_to_start: 0.1, rate: 0.05/h}
          restart: "lognormal(median=30m, p90=2h)"
          fault: {rate: 1/y, outage: "lognormal(median=2h, p90=8h)"}
          fire: {rate: 0.5/y, contained: 0.5, outage: "lognormal(median=10h, p90=40h)",
                 restore: "uniform(12h, 72h)"}
        b:
          grid: grid-b
          networks: [net-b]
          ups: 10m
          generator: {fail_to_start: 0.1, rate: 0.05/h}
          restart: "lognormal(median=30m, p90=2h)"
          fault: {rate: 1/y, outage: "lognormal(median=2h, p90=8h)"}
          fire: {rate: 0.5/y, contained: 0.5, outage: "lognormal(median=10h, p90=40h)",
                 restore: "uniform(12h, 72h)"}
      services:
        on-a: {users: 1M, demand: 10, deploy: {a: 10}}
        on-b: {users: 1M, demand: 10, deploy: {b: 10}}
      """;

  private static Plan plan(String override) throws Exception {
    return Plan.compile(
        ModelLoader.parse("two.yaml", MODEL.getBytes(StandardCharsets.UTF_8), List.of(override))
            .model());
  }

  /** Every per-trial value of {@code service} in a run of {@code plan}, trial by trial. */
  private static double[] rows(Plan plan, int service, long trials) throws Exception {
    double[] out = new double[(int) trials * TrialRunner.METRICS];
    int ns = plan.services;
    TrialRunner.run(
        plan,
        new TrialRunner.Options(trials, 42, 2, 0, true),
        (first, count, values) -> {
          for (int t = 0; t < count; t++) {
            System.arraycopy(
                values,
                (t * ns + service) * TrialRunner.METRICS,
                out,
                (int) (first + t) * TrialRunner.METRICS,
                TrialRunner.METRICS);
          }
        },
        null);
    return out;
  }

  @Test
  void sweepOfSiteAsFaultRate_leavesEveryTrialOfTheServiceOnSiteB_bitIdentical() throws Exception {
    long trials = 20_000;
    List<Plan> plans = new ArrayList<>();
    for (int rate = 1; rate <= 4; rate++) {
      plans.add(plan("sites.a.fault.rate=" + rate + "/y"));
    }
    int onA = List.of(plans.get(0).serviceNames).indexOf("on-a");
    int onB = List.of(plans.get(0).serviceNames).indexOf("on-b");
    double[] b0 = rows(plans.get(0), onB, trials);
    double[] a0 = rows(plans.get(0), onA, trials);
    assertTrue(Arrays.stream(b0).filter(v -> v != 0).count() > 1000, "b must see outages");
    for (int p = 1; p < plans.size(); p++) {
      double[] bp = rows(plans.get(p), onB, trials);
      for (int i = 0; i < bp.length; i++) {
        Metric m = Metric.values()[i % TrialRunner.METRICS];
        String where = "on-b at point " + p + ", trial " + i / TrialRunner.METRICS + ", " + m;
        assertEquals(Double.doubleToLongBits(b0[i]), Double.doubleToLongBits(bp[i]), where);
      }
      assertFalse(
          Arrays.equals(a0, rows(plans.get(p), onA, trials)), "on-a must change at point " + p);
    }
    // The sweep driver: every paired difference of b's service is exactly 0, for every metric.
    SweepRunner.Result sweep =
        SweepRunner.run(plans, new TrialRunner.Options(trials, 42, 2, 0, false), null);
    for (int p = 1; p < plans.size(); p++) {
      for (Metric m : Metric.values()) {
        Tally d = sweep.difference(p, onB, m);
        assertEquals(0.0, d.mean(), "mean difference of on-b " + m + " at point " + p);
        assertEquals(0.0, d.variance(), "variance of the difference of on-b " + m);
        assertEquals(
            sweep.points().get(0).metric(onB, m).mean(),
            sweep.points().get(p).metric(onB, m).mean(),
            "on-b " + m + " at point " + p);
      }
      assertTrue(
          sweep.difference(p, onA, Metric.DOWNTIME_H).mean() > 0,
          "a higher fault rate at a adds downtime to on-a");
    }
  }

  /**
   * Damage draws from its own sources ({@code fault@a:damage}, {@code fire@a:damage}): giving site
   * a's fault and fire a damage leaves every trial of the service on site b bit-identical, a damage
   * that never strikes (probability 0) leaves the service on site a bit-identical too (the fault's
   * and the fire's own draws do not move), and one that strikes changes it.
   */
  @Test
  void damageAtSiteA_movesNoOtherDraw() throws Exception {
    long trials = 20_000;
    Plan none = plan("sites.a.fault.rate=1/y");
    int onA = List.of(none.serviceNames).indexOf("on-a");
    int onB = List.of(none.serviceNames).indexOf("on-b");
    double[] a0 = rows(none, onA, trials);
    double[] b0 = rows(none, onB, trials);
    for (String probability : List.of("0", "1")) {
      Plan damaged =
          Plan.compile(
              ModelLoader.parse(
                      "two.yaml",
                      MODEL.getBytes(StandardCharsets.UTF_8),
                      List.of(
                          "sites.a.fault.damage.repair=lognormal(median=1d, p90=10d)",
                          "sites.a.fault.damage.probability=" + probability,
                          "sites.a.fire.damage.repair=fixed(20d)",
                          "sites.a.fire.damage.share=0.3",
                          "sites.a.fire.damage.probability=" + probability))
                  .model());
      double[] b = rows(damaged, onB, trials);
      for (int i = 0; i < b.length; i++) {
        assertEquals(
            Double.doubleToLongBits(b0[i]),
            Double.doubleToLongBits(b[i]),
            "on-b with damage " + probability + " at a, value " + i);
      }
      double[] a = rows(damaged, onA, trials);
      if (probability.equals("0")) {
        for (int i = 0; i < a.length; i++) {
          assertEquals(
              Double.doubleToLongBits(a0[i]),
              Double.doubleToLongBits(a[i]),
              "on-a with damage that never strikes, value " + i);
        }
      } else {
        assertFalse(Arrays.equals(a0, a), "damage that strikes must change on-a");
      }
    }
  }

  /**
   * Data loss draws only its backups' phase, from its own source ({@code backup@on-a}): giving the
   * service on site a data (backups at b) leaves every other metric of every trial of both services
   * bit-identical, and loses data in some trials (site a's fire destroys its hardware).
   */
  @Test
  void dataOfTheServiceOnSiteA_movesNoOtherValue() throws Exception {
    long trials = 20_000;
    List<String> destroyed = List.of("sites.a.fire.damage.destroyed=1", "sites.a.fire.contained=0");
    List<String> withData = new ArrayList<>(destroyed);
    withData.addAll(
        List.of("services.on-a.data.backup=b", "services.on-a.data.backup_interval=1d"));
    Plan none = compile(destroyed);
    Plan data = compile(withData);
    int onA = List.of(none.serviceNames).indexOf("on-a");
    int onB = List.of(none.serviceNames).indexOf("on-b");
    assertTrue(Arrays.equals(rows(none, onB, trials), rows(data, onB, trials)), "on-b moved");
    double[] a0 = rows(none, onA, trials);
    double[] a = rows(data, onA, trials);
    double lost = 0;
    for (int i = 0; i < a.length; i++) {
      Metric m = Metric.values()[i % TrialRunner.METRICS];
      if (Metric.DATA.contains(m)) {
        lost += m == Metric.DATA_LOST_H ? a[i] : 0;
        continue;
      }
      assertEquals(
          Double.doubleToLongBits(a0[i]), Double.doubleToLongBits(a[i]), "on-a value " + i);
    }
    assertTrue(lost > 0, "site a's destroying fires must lose data in some trial");
  }

  private static Plan compile(List<String> overrides) throws Exception {
    return Plan.compile(
        ModelLoader.parse("two.yaml", MODEL.getBytes(StandardCharsets.UTF_8), overrides).model());
  }
}
