package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.bench.ScalingModels;
import io.firedrill.engine.KernelComparison.Scenario;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A trial in which no hazard failed before the horizon skips combining its sites' empty timelines
 * ({@link Hazards#sample}); it must give the same bits as one that combines them: each model below
 * runs trial by trial on two kernels of one seed, one each way, and every per-trial result, every
 * outage reported, the recovery curves of a scenario and the accumulated causes and failovers must
 * be equal to the last bit ({@link KernelComparison}). Deterministic: no tolerance, no seed to
 * print.
 */
class QuietTrialTest {
  @ParameterizedTest
  @MethodSource("io.firedrill.engine.KernelComparison#shippedModels")
  void shippedModel_sameBitsBothWays(String file) throws Exception {
    Plan plan = Plan.compile(ModelLoader.load(Path.of(file), List.of()).model());
    compare(plan, null, 20_000, file);
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "stationary"})
  void damagedModel_sameBitsBothWays(String mode) throws Exception {
    var model =
        ModelLoader.parse(
                "damaged.yaml", KernelComparison.bytes(KernelAllocationTest.DAMAGED), List.of())
            .model();
    if (mode.equals("run")) {
      compare(Plan.compile(model), null, 4_000, "damaged, run");
    } else {
      Plan plan = Plan.compile(model, 168);
      compare(
          plan,
          new Scenario(plan.hazard("fault@b"), Kernel.Background.STATIONARY),
          2_000,
          "damaged, stationary scenario");
    }
  }

  @Test
  void generatedModel_sameBitsBothWays() throws Exception {
    Plan plan =
        Plan.compile(
            ModelLoader.parse(
                    "s5-a20", KernelComparison.bytes(ScalingModels.model(5, 20)), List.of())
                .model());
    compare(plan, null, 8_000, "s5-a20");
  }

  /**
   * The Kakao model at rates a hundred times lower: almost every trial is quiet, and the few that
   * are not must still match.
   */
  @Test
  void rareHazards_sameBitsBothWays_andMostTrialsQuiet() throws Exception {
    Plan plan =
        Plan.compile(
            ModelLoader.load(
                    Path.of("models/kakao-pangyo-2022.yaml"),
                    List.of("horizon=1d", "sites.pangyo.fire.rate=0.001/y"))
                .model());
    Kernel k = new Kernel(plan, 3);
    int quiet = 0;
    for (long t = 0; t < 5_000; t++) {
      quiet += k.run(t) ? 0 : 1;
    }
    System.out.println("Kakao over one day: " + quiet + " of 5,000 trials quiet");
    assertTrue(quiet > 4_000, "the comparison must cover quiet trials: " + quiet);
    compare(plan, null, 20_000, "Kakao over one day");
  }

  private static void compare(Plan plan, Scenario scenario, int trials, String what) {
    KernelComparison.assertSameBothWays(
        plan, scenario, trials, what, (k, on) -> k.skipQuietTrials(on));
  }
}
