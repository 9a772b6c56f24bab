package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.bench.ScalingModels;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.Model;
import io.firedrill.model.Service;
import io.firedrill.plan.Plan;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A kernel that sweeps the hazards another kernel sampled ({@link Kernel#Kernel(Plan, long,
 * Kernel)}, how a sweep's points share one sampling) gives the same bits as a kernel of the same
 * plan that samples its own: each case varies a service (its demand, a standby), runs the model as
 * it is on the sampling kernel and the variant both ways, trial by trial, and compares every result
 * to the last bit ({@link KernelComparison}). Deterministic: no tolerance, no seed to print.
 */
class SharedHazardsTest {
  private static final long SEED = 11;

  /**
   * {@link KernelAllocationTest#DAMAGED} (damage, zones, a restart curve, staffing, data and a lag)
   * without its repairs that need services, whose timelines depend on the services and are never
   * shared or kept.
   */
  static final String DAMAGED_SHAREABLE =
      KernelAllocationTest.DAMAGED
          .replace(", needs: [api], manual: \"fixed(4h)\"", "")
          .replace("needs: [db]", "")
          .replace("manual: \"uniform(2h, 6h)\"", "");

  /** The shipped models but facebook-2021, whose repairs need services (never shared). */
  static List<String> sharingModels() {
    return KernelComparison.SHIPPED_MODELS.stream()
        .filter(f -> !f.endsWith("facebook-2021.yaml"))
        .toList();
  }

  @ParameterizedTest
  @MethodSource("sharingModels")
  void serviceVaried_sweepsTheSameBitsOnBorrowedHazards(String file) throws Exception {
    Model model = ModelLoader.load(Path.of(file), List.of()).model();
    for (double factor : new double[] {0.5, 1.25}) {
      // The last service's demand, scaled: below or above what is deployed.
      Service last = model.services().get(model.services().size() - 1);
      String set = "services." + last.name() + ".demand=" + last.demand() * factor;
      compare(model(file, List.of()), model(file, List.of(set)), 10_000, file + ", " + set);
    }
  }

  @Test
  void kakaoStandbyVaried_sameBits_inARunAndInAFireScenarioWithCurves() throws Exception {
    String file = "models/kakao-pangyo-2022.yaml";
    List<String> set = List.of("services.talk.standby.anyang=6000");
    compare(model(file, List.of()), model(file, set), 10_000, "Kakao, talk standby");
    for (Kernel.Background background : Kernel.Background.values()) {
      Plan a = Plan.compile(model(file, List.of()), 168);
      Plan b = Plan.compile(model(file, set), 168);
      Kernel source = new Kernel(a, SEED);
      Kernel own = new Kernel(b, SEED);
      Kernel borrower = new Kernel(b, SEED, source);
      int[] fire = {a.hazard("fire@pangyo")};
      source.force(fire, new double[] {0}, background);
      own.force(fire, new double[] {0}, background);
      own.recordCurves(201);
      borrower.recordCurves(201);
      KernelComparison.assertSameTrials(
          own, borrower, source::run, true, 1_000, "Kakao fire, " + background);
    }
  }

  @Test
  void generatedModel_serviceVaried_sameBits() throws Exception {
    byte[] yaml = ScalingModels.model(5, 20).getBytes(StandardCharsets.UTF_8);
    Model model = ModelLoader.parse("s5-a20", yaml, List.of()).model();
    String name = model.services().get(7).name();
    Model varied =
        ModelLoader.parse("s5-a20", yaml, List.of("services." + name + ".demand=1")).model();
    compare(model, varied, 5_000, "s5-a20");
  }

  @Test
  void damagedModel_serviceVaried_sameBits() throws Exception {
    String damaged = DAMAGED_SHAREABLE;
    assertTrue(!damaged.contains("needs:") && !damaged.contains("manual:"), damaged);
    byte[] yaml = damaged.getBytes(StandardCharsets.UTF_8);
    Model model = ModelLoader.parse("damaged.yaml", yaml, List.of()).model();
    String name = model.services().get(0).name();
    Model varied =
        ModelLoader.parse(
                "damaged.yaml",
                yaml,
                List.of("services." + name + ".demand=" + model.services().get(0).demand() * 0.8))
            .model();
    compare(model, varied, 5_000, "damaged");
  }

  @Test
  void sameHazards_onlyWhenEveryHazardInputIsEqual_andNoRepairNeedsServices() throws Exception {
    String kakao = "models/kakao-pangyo-2022.yaml";
    Plan plain = Plan.compile(model(kakao, List.of()));
    Plan standby = Plan.compile(model(kakao, List.of("services.talk.standby.anyang=6000")));
    Plan fire = Plan.compile(model(kakao, List.of("sites.pangyo.fire.rate=0.01/y")));
    assertTrue(plain.sameHazards(standby));
    assertTrue(plain.sameHazards(Plan.compile(model(kakao, List.of()))));
    assertFalse(plain.sameHazards(fire), "a fire's rate is a hazard input");
    assertFalse(plain.sameHazards(Plan.compile(model(kakao, List.of()), 168)), "so is the horizon");
    String facebook = "models/incidents/facebook-2021.yaml";
    Plan needs = Plan.compile(model(facebook, List.of()));
    assertTrue(needs.anyRepairNeeds);
    assertFalse(needs.sameHazards(needs), "a repair that needs services: never shared");
  }

  @Test
  void leftOutInputs_areComponentsOfTheModel() {
    // A name listed but not a component would leave nothing out; a component renamed would then
    // count as a hazard input (the safe side), but the list should say what it means.
    List<String> components =
        Arrays.stream(Model.class.getRecordComponents()).map(RecordComponent::getName).toList();
    for (String name : Plan.HAZARD_INPUTS_LEFT_OUT) {
      assertTrue(components.contains(name), name + " is not a component of Model");
    }
    assertTrue(components.size() > Plan.HAZARD_INPUTS_LEFT_OUT.size());
  }

  @Test
  void borrowingKernel_refusesWhatWouldGiveOtherBits() throws Exception {
    String kakao = "models/kakao-pangyo-2022.yaml";
    Plan plain = Plan.compile(model(kakao, List.of()));
    Plan fire = Plan.compile(model(kakao, List.of("sites.pangyo.fire.rate=0.01/y")));
    Kernel source = new Kernel(plain, SEED);
    assertThrows(IllegalArgumentException.class, () -> new Kernel(fire, SEED, source));
    assertThrows(IllegalArgumentException.class, () -> new Kernel(plain, SEED + 1, source));
    Kernel borrower = new Kernel(plain, SEED, source);
    assertThrows(IllegalArgumentException.class, () -> new Kernel(plain, SEED, borrower));
    assertThrows(
        IllegalStateException.class,
        () -> borrower.force(new int[] {0}, new double[] {0}, Kernel.Background.OFF));
    IllegalStateException early = assertThrows(IllegalStateException.class, () -> borrower.run(0));
    assertTrue(early.getMessage().contains("before its hazard source"), early.getMessage());
    source.run(0);
    borrower.run(0);
    source.run(1);
    assertThrows(IllegalStateException.class, () -> borrower.run(2));
    assertDoesNotThrow(() -> borrower.run(1), "its source's last trial");
  }

  /** Runs {@code a} on the sampling kernel, {@code b} on its own and on borrowed hazards. */
  private static void compare(Model a, Model b, int trials, String what) {
    Plan pa = Plan.compile(a);
    Plan pb = Plan.compile(b);
    assertTrue(pb.sameHazards(pa), what + ": the variant's hazards are the model's");
    Kernel source = new Kernel(pa, SEED);
    KernelComparison.assertSameTrials(
        new Kernel(pb, SEED), new Kernel(pb, SEED, source), source::run, false, trials, what);
  }

  private static Model model(String file, List<String> overrides) throws Exception {
    return ModelLoader.load(Path.of(file), overrides).model();
  }
}
