package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.bench.ScalingModels;
import io.firedrill.engine.KernelComparison.Scenario;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An instant that recomputes only the services it can change ({@link CapacityState#serveSome})
 * gives the same bits as one that recomputes every service: each model below runs trial by trial on
 * two kernels of one seed, one each way, and every per-trial result, every outage reported, the
 * recovery curves of a scenario and the accumulated causes and failovers must be equal to the last
 * bit (compared as raw bits: -0.0 and NaN are not equal to 0.0 here). Deterministic: no tolerance,
 * no seed to print.
 */
class IncrementalSweepTest {
  /**
   * {@link KernelAllocationTest#DAMAGED} without its recovery lag (whose holds cap served fractions
   * at instants and so mask some differences: mode {@code lag} runs it with the lag).
   */
  private static final String DAMAGED_NO_LAG =
      KernelAllocationTest.DAMAGED.replace(", requires_lag: {db: 1h}", "");

  @ParameterizedTest
  @MethodSource("io.firedrill.engine.KernelComparison#shippedModels")
  void shippedModel_sameBitsBothWays(String file) throws Exception {
    Plan plan = Plan.compile(ModelLoader.load(Path.of(file), List.of()).model());
    compare(plan, null, 20_000, file);
  }

  @ParameterizedTest
  @ValueSource(strings = {"s5-a20", "s5-a100", "s20-a100"})
  void generatedLargeModel_sameBitsBothWays(String name) throws Exception {
    String[] size = name.substring(1).split("-a");
    String yaml = ScalingModels.model(Integer.parseInt(size[0]), Integer.parseInt(size[1]));
    Plan plan =
        Plan.compile(ModelLoader.parse(name, KernelComparison.bytes(yaml), List.of()).model());
    assertTrue(new Kernel(plan, 1).state().incremental, "the path is the default");
    compare(plan, null, name.equals("s5-a20") ? 8_000 : 2_000, name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "falls", "stationary", "lag"})
  void damagedModel_sameBitsBothWays(String mode) throws Exception {
    String yaml =
        mode.equals("lag")
            ? KernelAllocationTest.DAMAGED
            : mode.equals("falls")
                ? DAMAGED_NO_LAG
                    .replace(
                        "[[0, 0], [0.3, 0.2], [1, 1]]", "[[0, 0], [0.3, 0.4], [0.5, 0.2], [1, 1]]")
                    .replace(
                        "[[0, 0], [0.4, 0.1], [1, 1]]", "[[0, 0], [0.4, 0.6], [0.7, 0.1], [1, 1]]")
                : DAMAGED_NO_LAG;
    var model = ModelLoader.parse("damaged.yaml", KernelComparison.bytes(yaml), List.of()).model();
    Plan plan = mode.equals("stationary") ? Plan.compile(model, 168) : Plan.compile(model);
    assertEquals(mode.equals("falls"), plan.anyFall);
    assertEquals(mode.equals("lag"), plan.anyLag);
    Scenario scenario =
        mode.equals("stationary")
            ? new Scenario(plan.hazard("fault@b"), Kernel.Background.STATIONARY)
            : null;
    compare(plan, scenario, 2_000, "damaged, " + mode);
  }

  @ParameterizedTest
  @ValueSource(strings = {"STATIONARY", "FRESH", "OFF"})
  void kakaoFireScenario_withCurves_sameBitsBothWays(String background) throws Exception {
    Plan plan =
        Plan.compile(
            ModelLoader.load(Path.of("models/kakao-pangyo-2022.yaml"), List.of()).model(), 168);
    compare(
        plan,
        new Scenario(plan.hazard("fire@pangyo"), Kernel.Background.valueOf(background)),
        2_000,
        "Kakao fire, " + background);
  }

  /** Every service after the base tier holds for 30 minutes after its base recovers. */
  @org.junit.jupiter.api.Test
  void generatedLargeModel_withRecoveryLags_sameBitsBothWays() throws Exception {
    String yaml =
        ScalingModels.model(5, 100)
            .replaceAll("requires: \\[(a\\d+)\\]", "requires: [$1]\n    requires_lag: {$1: 30m}");
    Plan plan =
        Plan.compile(
            ModelLoader.parse("s5-a100-lags", KernelComparison.bytes(yaml), List.of()).model());
    assertTrue(plan.anyLag);
    compare(plan, null, 2_000, "s5-a100 with lags");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fire@s1", "grid@g2"})
  void generatedLargeModel_scenarioWithCurves_sameBitsBothWays(String event) throws Exception {
    Plan plan =
        Plan.compile(
            ModelLoader.parse(
                    "s5-a100", KernelComparison.bytes(ScalingModels.model(5, 100)), List.of())
                .model(),
            168);
    compare(
        plan,
        new Scenario(plan.hazard(event), Kernel.Background.STATIONARY),
        1_000,
        "s5-a100, " + event);
  }

  private static void compare(Plan plan, Scenario scenario, int trials, String what) {
    KernelComparison.assertSameBothWays(
        plan, scenario, trials, what, (k, on) -> k.recomputeOnlyChanged(on));
  }
}
