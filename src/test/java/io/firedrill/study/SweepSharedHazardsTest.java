package io.firedrill.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.SameStats;
import io.firedrill.run.TrialRunner;
import io.firedrill.run.TrialWorker;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import io.firedrill.stats.Tally;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every point of a sweep has the statistics of a run of that point alone, and its paired
 * differences those of adding every trial's difference one by one, to the bit: whether its points
 * share one sampling of the hazards (a standby varied: {@link Plan#sameHazards}) or each samples
 * its own (a fire's rate varied), on one thread or two, over blocks and a part block.
 * Deterministic: no tolerance, no seed to print.
 */
class SweepSharedHazardsTest {
  private static final long TRIALS = 2 * TrialRunner.BLOCK_TRIALS + 123;

  @ParameterizedTest
  @CsvSource({
    "models/kakao-pangyo-2022.yaml, services.talk.standby.anyang, 0|4000|12000, true, 1",
    "models/kakao-pangyo-2022.yaml, services.talk.standby.anyang, 0|4000|12000, true, 2",
    "models/three-site-example.yaml, services.talk.standby.north, 0|2000, true, 2",
    "models/kakao-pangyo-2022.yaml, sites.pangyo.fire.rate, 0.5/y|1/y, false, 2",
    "models/incidents/facebook-2021.yaml, services.dns.demand, 100|80, false, 1"
  })
  void everyPoint_isItsOwnRun(String file, String path, String values, boolean shared, int threads)
      throws Exception {
    List<Plan> plans = new ArrayList<>();
    for (String v : values.split("\\|")) {
      plans.add(Plan.compile(ModelLoader.load(Path.of(file), List.of(path + "=" + v)).model()));
    }
    for (int p = 1; p < plans.size(); p++) {
      assertEquals(shared, plans.get(p).sameHazards(plans.get(0)), "point " + p + " shares");
    }
    check(plans, threads, file + " " + path);
  }

  @org.junit.jupiter.api.Test
  void twoGroupsOfPoints_interleaved_eachPointIsItsOwnRun() throws Exception {
    // A grid of a fire's rate × a standby, the rate varying fastest: points 0 and 2 share their
    // hazards, so do 1 and 3; the groups run one after the other.
    List<Plan> plans = new ArrayList<>();
    for (String standby : new String[] {"0", "6000"}) {
      for (String rate : new String[] {"0.5/y", "1/y"}) {
        plans.add(
            Plan.compile(
                ModelLoader.load(
                        Path.of("models/kakao-pangyo-2022.yaml"),
                        List.of(
                            "services.talk.standby.anyang=" + standby,
                            "sites.pangyo.fire.rate=" + rate))
                    .model()));
      }
    }
    assertTrue(plans.get(0).sameHazards(plans.get(2)));
    assertTrue(plans.get(1).sameHazards(plans.get(3)));
    assertTrue(!plans.get(0).sameHazards(plans.get(1)));
    check(plans, 2, "fire rate × standby");
  }

  private static void check(List<Plan> plans, int threads, String what) throws Exception {
    TrialRunner.Options options = new TrialRunner.Options(TRIALS, 7, threads, 0, false);
    SweepRunner.Result sweep = SweepRunner.run(plans, options, null);
    boolean anyOutage = false;
    for (int p = 0; p < plans.size(); p++) {
      RunStats alone = TrialRunner.run(plans.get(p), options);
      RunStats point = sweep.points().get(p);
      anyOutage |= SameStats.assertSame(alone, point, what + ", point " + p);
    }
    assertTrue(anyOutage, "the runs had outages: the comparison compared something");
    assertSameDifferences(plans, sweep, what);
  }

  /**
   * The paired differences of the sweep against ones computed the plain way: every point on its own
   * worker (each sampling its own hazards), every (point − point 0) value of every trial added to a
   * tally, one tally per block, merged in block order.
   */
  private static void assertSameDifferences(
      List<Plan> plans, SweepRunner.Result sweep, String what) {
    int np = plans.size();
    int ns = plans.get(0).services;
    int nm = Metric.values().length;
    List<TrialWorker> workers = new ArrayList<>();
    for (Plan plan : plans) {
      workers.add(new TrialWorker(plan, 7, null));
    }
    Tally[] total = new Tally[np * (ns + 1) * nm];
    Tally[] block = new Tally[total.length];
    for (int i = 0; i < total.length; i++) {
      total[i] = new Tally();
      block[i] = new Tally();
    }
    double[][] v = new double[np][(ns + 1) * nm];
    long nonZero = 0;
    for (long t = 0; t < TRIALS; t++) {
      for (int p = 0; p < np; p++) {
        workers.get(p).values(workers.get(p).run(t), v[p]);
      }
      for (int p = 1; p < np; p++) {
        for (int i = 0; i < (ns + 1) * nm; i++) {
          if (i / nm < ns || Metric.values()[i % nm].hasTotal()) {
            double d = v[p][i] - v[0][i];
            block[p * (ns + 1) * nm + i].add(d);
            nonZero += d != 0 ? 1 : 0;
          }
        }
      }
      if ((t + 1) % TrialRunner.BLOCK_TRIALS == 0 || t + 1 == TRIALS) {
        for (int i = 0; i < total.length; i++) {
          total[i].merge(block[i]);
          block[i].clear();
        }
      }
    }
    assertTrue(nonZero > 0, what + ": the points differ in some trial");
    for (int p = 1; p < np; p++) {
      for (int a = 0; a <= ns; a++) {
        for (Metric m : Metric.values()) {
          if (a == ns && !m.hasTotal()) {
            continue;
          }
          Tally expected = total[(p * (ns + 1) + a) * nm + m.ordinal()];
          Tally actual = a < ns ? sweep.difference(p, a, m) : sweep.totalDifference(p, m);
          String at = what + ", difference " + p + ", service " + a + ", " + m;
          assertEquals(expected.count(), actual.count(), at + ": count");
          SameStats.bits(expected.mean(), actual.mean(), at + ": mean");
          SameStats.bits(expected.variance(), actual.variance(), at + ": variance");
        }
      }
    }
  }
}
