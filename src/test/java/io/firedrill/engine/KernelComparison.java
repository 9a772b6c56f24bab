package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

/**
 * Two kernels that must give the same bits, trial by trial: every per-trial result, every outage
 * reported, the recovery curves of a scenario and the accumulated causes and failovers, compared as
 * raw bits (-0.0 and NaN are not equal to 0.0 here). For the tests of two ways to compute one thing
 * (IncrementalSweepTest, SharedHazardsTest).
 */
final class KernelComparison {
  private KernelComparison() {}

  /**
   * The shipped models, every incident model and the 2-of-3 model: the files tests run both ways.
   */
  static final List<String> SHIPPED_MODELS =
      List.of(
          "models/kakao-pangyo-2022.yaml",
          "models/three-site-example.yaml",
          "models/incidents/ovh-strasbourg-2021.yaml",
          "models/incidents/google-paris-2023.yaml",
          "models/incidents/daejeon-nirs-2025.yaml",
          "models/incidents/aws-us-east-1-2012.yaml",
          "models/incidents/facebook-2021.yaml",
          "models/incidents/kt-ahyeon-2018.yaml",
          "benchmarks/models/two-of-three.yaml");

  /** {@link #SHIPPED_MODELS}, for a {@code @MethodSource}. */
  static List<String> shippedModels() {
    return SHIPPED_MODELS;
  }

  /** A forced hazard at t = 0 and how the others behave, with recovery curves of 201 points. */
  record Scenario(int cause, Kernel.Background background) {}

  /**
   * Two kernels of {@code plan} and one seed, forced as {@code scenario} says (null: a run), one
   * set by {@code way} to false, the other to true, compared trial by trial ({@link
   * #assertSameTrials}): for the tests of a path that may be switched off.
   */
  static void assertSameBothWays(
      Plan plan, Scenario scenario, int trials, String what, BiConsumer<Kernel, Boolean> way) {
    assertSameTrials(
        kernel(plan, scenario, way, false),
        kernel(plan, scenario, way, true),
        t -> {},
        scenario != null,
        trials,
        what);
  }

  private static Kernel kernel(
      Plan plan, Scenario scenario, BiConsumer<Kernel, Boolean> way, boolean on) {
    Kernel k = new Kernel(plan, 11);
    if (scenario != null) {
      k.force(new int[] {scenario.cause()}, new double[] {0}, scenario.background());
      k.recordCurves(201);
    }
    way.accept(k, on);
    return k;
  }

  /** A model's text as the bytes {@link io.firedrill.load.ModelLoader#parse} reads. */
  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Runs trials 0 to {@code trials − 1} on {@code expected} and {@code actual}, each after {@code
   * before} (given the trial number: to run a kernel whose hazards {@code actual} sweeps), and
   * compares everything; fails also if no trial was swept (the comparison would compare nothing).
   * {@code scenario}: compare times to recover and the curves too. Replaces both outage logs.
   */
  static void assertSameTrials(
      Kernel expected,
      Kernel actual,
      LongConsumer before,
      boolean scenario,
      int trials,
      String what) {
    List<double[]> logExpected = new ArrayList<>();
    List<double[]> logActual = new ArrayList<>();
    expected.setOutageLog(log(logExpected));
    actual.setOutageLog(log(logActual));
    long swept = 0;
    for (long t = 0; t < trials; t++) {
      before.accept(t);
      boolean a = expected.run(t);
      boolean b = actual.run(t);
      assertEquals(a, b, what + ", trial " + t + ": swept");
      if (!a) {
        continue;
      }
      swept++;
      String at = what + ", trial " + t + ": ";
      same(at + "downtime", expected.downtime, actual.downtime);
      assertArrayEquals(expected.outages, actual.outages, at + "outages");
      same(at + "longest", expected.longest, actual.longest);
      same(at + "user-hours", expected.userHours, actual.userHours);
      same(at + "degraded", expected.degraded, actual.degraded);
      assertArrayEquals(expected.rtoBreach, actual.rtoBreach, at + "rto breach");
      same(at + "data lost", expected.dataLost, actual.dataLost);
      assertArrayEquals(expected.dataLoss, actual.dataLoss, at + "data loss");
      assertArrayEquals(expected.rpoBreach, actual.rpoBreach, at + "rpo breach");
      if (scenario) {
        same(at + "recover h", expected.recoverHours, actual.recoverHours);
        assertArrayEquals(expected.recovered, actual.recovered, at + "recovered");
        assertArrayEquals(expected.affected, actual.affected, at + "affected");
        same(at + "curve served", expected.curveServed, actual.curveServed);
        same(at + "curve capacity", expected.curveCapacity, actual.curveCapacity);
      }
    }
    assertTrue(swept > 0, what + ": no trial was swept, the comparison compared nothing");
    assertEquals(logExpected.size(), logActual.size(), what + ": outages reported");
    for (int i = 0; i < logExpected.size(); i++) {
      same(what + ", outage " + i, logExpected.get(i), logActual.get(i));
    }
    assertArrayEquals(expected.failovers, actual.failovers, what + ": failovers");
    assertArrayEquals(expected.causeOutages, actual.causeOutages, what + ": cause outages");
    same(what + ": cause downtime", expected.causeDowntime, actual.causeDowntime);
    same(what + ": cause user-hours", expected.causeUserHours, actual.causeUserHours);
  }

  private static Kernel.OutageLog log(List<double[]> into) {
    return (trial, service, cause, start, end, userHours) ->
        into.add(new double[] {trial, service, cause, start, end, userHours});
  }

  /** Equal as raw bits, element by element. */
  static void same(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          Double.doubleToRawLongBits(expected[i]),
          Double.doubleToRawLongBits(actual[i]),
          what + "[" + i + "]: " + expected[i] + " against " + actual[i]);
    }
  }
}
