package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.bench.ScalingModels;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.Model;
import io.firedrill.model.Service;
import io.firedrill.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A kernel that sweeps hazards another kernel kept ({@link Kernel#keepHazards}, {@link
 * Kernel#sweepHazards}: how the points of a {@code size} search share one sampling) gives the same
 * bits as a kernel that samples them: each case keeps the trials of the model as it is, then sweeps
 * them with the model and with a variant of one service, trial by trial, against kernels that
 * sample their own, comparing every result to the last bit ({@link KernelComparison}).
 * Deterministic: no tolerance, no seed to print.
 */
class SampledHazardsTest {
  private static final long SEED = 11;
  private static final int TRIALS = 5_000;

  @ParameterizedTest
  @MethodSource("io.firedrill.engine.SharedHazardsTest#sharingModels")
  void keptHazards_sweptByTheModelAndAVariant_sameBits(String file) throws Exception {
    Model model = model(file, List.of());
    Service last = model.services().get(model.services().size() - 1);
    Model variant =
        model(file, List.of("services." + last.name() + ".demand=" + last.demand() * 0.5));
    check(model, variant, null, TRIALS, file);
  }

  @Test
  void kakaoFireScenario_everyBackground_sameBitsAndCurves() throws Exception {
    String file = "models/kakao-pangyo-2022.yaml";
    Model model = model(file, List.of());
    Model variant = model(file, List.of("services.talk.standby.anyang=6000"));
    for (Kernel.Background background : Kernel.Background.values()) {
      int fire = Plan.compile(model, 168).hazard("fire@pangyo");
      check(
          model,
          variant,
          new KernelComparison.Scenario(fire, background),
          1_000,
          "Kakao fire, " + background);
    }
  }

  @Test
  void damagedAndGeneratedModels_sameBits() throws Exception {
    // Damage (destroyed hardware, repairs folded into ramps), zones, a restart curve, staffing and
    // data, without the repairs that need services (whose timelines are never kept).
    checkDemandOfOne("damaged.yaml", SharedHazardsTest.DAMAGED_SHAREABLE, 0);
    checkDemandOfOne("s5-a20", ScalingModels.model(5, 20), 7);
  }

  /** {@link #check} of the model {@code yaml} and its variant where service {@code a} demands 1. */
  private static void checkDemandOfOne(String name, String yaml, int a) throws Exception {
    Model m = parse(name, yaml, List.of());
    String set = "services." + m.services().get(a).name() + ".demand=1";
    check(m, parse(name, yaml, List.of(set)), null, TRIALS, name);
  }

  @Test
  void recordPastItsLimit_holdsNothing_andTheTrialsAreSampled() throws Exception {
    Plan plan = Plan.compile(model("models/three-site-example.yaml", List.of()));
    Kernel keeper = new Kernel(plan, SEED);
    SampledHazards small = new SampledHazards(0, 4_000);
    keeper.keepHazards(small);
    for (long t = 0; t < 2_000; t++) {
      keeper.run(t);
    }
    assertTrue(small.overflowed(), "2,000 trials in 4,000 bytes");
    assertEquals(0, small.trials());
    assertTrue(small.bytes() <= 4_000, small.bytes() + " bytes");
    // An overflowed record holds nothing, though the trial that overflowed it had more to put.
    assertEquals(0, small.bytes(), "an overflowed record holds no array");
    // Room for its first arrays and no more: it overflows within a trial that has more to put,
    // and must neither take bytes again for the rest of that trial nor keep any.
    SampledHazards.Budget budget = SampledHazards.budget(768);
    SampledHazards tight = new SampledHazards(0, budget, 64, 64);
    Kernel tightKeeper = new Kernel(plan, SEED);
    tightKeeper.keepHazards(tight);
    for (long t = 0; t < 2_000; t++) {
      tightKeeper.run(t);
    }
    assertTrue(tight.overflowed(), "2,000 trials in 768 bytes");
    assertEquals(0, tight.bytes(), "an overflowed record holds no array");
    assertTrue(budget.take(768), "and has given every byte back");
    Kernel sweeper = new Kernel(plan, SEED);
    sweeper.sweepHazards(small);
    KernelComparison.assertSameTrials(
        new Kernel(plan, SEED), sweeper, t -> {}, false, 2_000, "overflowed");
    assertTrue(new SampledHazards(0, 100).overflowed(), "no room for its first arrays");
  }

  @Test
  void recordsSharingABudget_holdNoMoreThanItTogether_andGiveBackWhatTheyDrop() throws Exception {
    // Two records filled at once (two blocks in flight on two threads), from one budget of 60 kB:
    // the bytes taken never pass it, even while an array is copied to a larger one.
    Plan plan = Plan.compile(model("models/three-site-example.yaml", List.of()));
    long limit = 60_000;
    SampledHazards.Budget inner = SampledHazards.budget(limit);
    long[] held = new long[2]; // now, most
    SampledHazards.Budget budget =
        new SampledHazards.Budget() {
          @Override
          public boolean take(long bytes) {
            boolean took = inner.take(bytes);
            if (took) {
              held[0] += bytes;
              held[1] = Math.max(held[1], held[0]);
            }
            return took;
          }

          @Override
          public void giveBack(long bytes) {
            inner.giveBack(bytes);
            held[0] -= bytes;
          }
        };
    SampledHazards a = new SampledHazards(0, budget, 64, 64);
    SampledHazards b = new SampledHazards(100_000, budget, 64, 64);
    Kernel ka = new Kernel(plan, SEED);
    Kernel kb = new Kernel(plan, SEED);
    ka.keepHazards(a);
    kb.keepHazards(b);
    for (int t = 0; t < 3_000; t++) {
      ka.run(t);
      kb.run(100_000 + t);
    }
    assertTrue(held[1] <= limit, "most held " + held[1] + " of " + limit);
    assertTrue(a.overflowed() || b.overflowed(), "3,000 trials each do not fit in 60 kB");
    assertEquals(a.bytes() + b.bytes(), held[0], "what they hold is what they took");
    a.drop();
    b.drop();
    assertEquals(0, held[0], "dropped records give every byte back");
    assertTrue(inner.take(limit), "the whole budget is free again");
  }

  @Test
  void kernelsThatWouldGiveOtherBits_areRefused() throws Exception {
    String kakao = "models/kakao-pangyo-2022.yaml";
    Plan plain = Plan.compile(model(kakao, List.of()));
    Kernel keeper = new Kernel(plain, SEED);
    SampledHazards kept = new SampledHazards(0, 1 << 20);
    keeper.keepHazards(kept);
    keeper.run(0);
    keeper.run(1);
    assertThrows(IllegalStateException.class, () -> keeper.run(3), "trials must follow");
    assertEquals(2, kept.trials());

    Plan fire = Plan.compile(model(kakao, List.of("sites.pangyo.fire.rate=0.01/y")));
    assertThrows(IllegalArgumentException.class, () -> new Kernel(fire, SEED).sweepHazards(kept));
    assertThrows(
        IllegalArgumentException.class, () -> new Kernel(plain, SEED + 1).sweepHazards(kept));
    Kernel forced = new Kernel(plain, SEED);
    forced.force(
        new int[] {plain.hazard("fire@pangyo")}, new double[] {0}, Kernel.Background.FRESH);
    assertThrows(IllegalArgumentException.class, () -> forced.sweepHazards(kept));
    assertThrows(IllegalArgumentException.class, () -> forced.keepHazards(kept));

    Plan needs = Plan.compile(model("models/incidents/facebook-2021.yaml", List.of()));
    assertThrows(
        IllegalStateException.class,
        () -> new Kernel(needs, SEED).keepHazards(new SampledHazards(0, 1 << 20)));
    Kernel borrower = new Kernel(plain, SEED, new Kernel(plain, SEED));
    assertThrows(
        IllegalStateException.class, () -> borrower.keepHazards(new SampledHazards(0, 1 << 20)));

    // A sweeping kernel reads the trials in order from the first; another trial is sampled.
    Kernel sweeper = new Kernel(plain, SEED);
    sweeper.sweepHazards(kept);
    assertTrue(kept.holdsNext(0));
    assertFalse(kept.holdsNext(1));
  }

  /**
   * Keeps {@code trials} trials of {@code a} (forced as {@code scenario} says, null: a run), then
   * sweeps them with {@code a} and with {@code b}, each against a kernel that samples its own.
   */
  private static void check(
      Model a, Model b, KernelComparison.Scenario scenario, int trials, String what) {
    Plan pa = scenario == null ? Plan.compile(a) : Plan.compile(a, 168);
    Plan pb = scenario == null ? Plan.compile(b) : Plan.compile(b, 168);
    assertTrue(pb.sameHazards(pa), what + ": the variant's hazards are the model's");
    SampledHazards kept = new SampledHazards(0, 1L << 30);
    Kernel keeper = kernel(pa, scenario);
    keeper.keepHazards(kept);
    KernelComparison.assertSameTrials(
        kernel(pa, scenario), keeper, t -> {}, scenario != null, trials, what + ", keeping");
    assertEquals(trials, kept.trials(), what + ": trials kept");
    kept.trim();
    System.out.printf(
        "%s: %d trials kept in %,d bytes (%.1f per trial)%n",
        what, trials, kept.bytes(), (double) kept.bytes() / trials);
    for (Plan p : List.of(pa, pb)) {
      Kernel sweeper = kernel(p, scenario);
      sweeper.sweepHazards(kept);
      KernelComparison.assertSameTrials(
          kernel(p, scenario),
          sweeper,
          t -> {},
          scenario != null,
          trials,
          what + (p == pa ? ", swept by the model" : ", swept by the variant"));
      assertEquals(trials, kept.restored(), what + ": every trial was swept from the record");
    }
  }

  private static Kernel kernel(Plan plan, KernelComparison.Scenario scenario) {
    Kernel k = new Kernel(plan, SEED);
    if (scenario != null) {
      k.force(new int[] {scenario.cause()}, new double[] {0}, scenario.background());
      k.recordCurves(201);
    }
    return k;
  }

  private static Model model(String file, List<String> overrides) throws Exception {
    return ModelLoader.load(Path.of(file), overrides).model();
  }

  private static Model parse(String name, String yaml, List<String> overrides) throws Exception {
    return ModelLoader.parse(name, yaml.getBytes(StandardCharsets.UTF_8), overrides).model();
  }
}
