package io.firedrill.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.engine.Kernel;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.stats.RunStats;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs that share sampled hazards through a {@link HazardCache} (the points of a {@code size}
 * search) have the statistics of runs that sample their own, to the bit ({@link SameStats}): the
 * run that keeps them, and each later run that sweeps them, on one thread or two, over whole blocks
 * and a part block, with every block kept, some, or none. Deterministic: no tolerance, no seed to
 * print.
 */
class HazardCacheTest {
  private static final long TRIALS = 2 * TrialRunner.BLOCK_TRIALS + 123;
  private static final long SEED = 7;

  @ParameterizedTest
  @CsvSource({
    "models/kakao-pangyo-2022.yaml, services.talk.standby.anyang, 0, 12000, 1",
    "models/kakao-pangyo-2022.yaml, services.talk.standby.anyang, 0, 12000, 2",
    "models/three-site-example.yaml, services.talk.standby.north, 0, 2000, 2",
    "models/incidents/ovh-strasbourg-2021.yaml, services.vps.demand, 20000, 5000, 2"
  })
  void pointsOfASearch_keepThenSweep_sameBitsAsSampling(
      String file, String path, String first, String second, int threads) throws Exception {
    Plan a = plan(file, path + "=" + first);
    Plan b = plan(file, path + "=" + second);
    assertTrue(b.sameHazards(a), "a capacity or a demand leaves the hazards as they are");
    HazardCache cache = new HazardCache(1L << 30);
    TrialRunner.Options options = new TrialRunner.Options(TRIALS, SEED, threads, 0, false);
    boolean outages = same(a, options, cache, file + " " + path + "=" + first + ", keeping");
    assertEquals(3, cache.blocks(), "every block kept");
    assertEquals(0, cache.sweeps());
    outages |= same(b, options, cache, file + " " + path + "=" + second + ", sweeping");
    outages |= same(a, options, cache, file + " " + path + "=" + first + ", sweeping");
    assertEquals(2, cache.sweeps(), "both later runs swept the kept blocks");
    assertTrue(outages, "the runs had outages: the comparison compared something");
    System.out.printf(
        "%s: %d trials kept in %,d bytes (%.1f per trial)%n",
        file, TRIALS, cache.bytes(), (double) cache.bytes() / TRIALS);
  }

  @Test
  void budgetForSomeBlocksOrNone_theRestSampled_sameBits() throws Exception {
    String file = "models/three-site-example.yaml";
    Plan a = plan(file, "services.talk.standby.north=0");
    Plan b = plan(file, "services.talk.standby.north=2000");
    TrialRunner.Options options = new TrialRunner.Options(TRIALS, SEED, 2, 0, false);
    HazardCache whole = new HazardCache(1L << 30);
    same(a, options, whole, "measuring");
    long perBlock = whole.bytes() / 3;
    // Room for one full block and a half: one or two blocks kept (the part block is small).
    HazardCache some = new HazardCache(perBlock * 3 / 2);
    same(a, options, some, "some kept");
    assertTrue(some.blocks() >= 1 && some.blocks() <= 2, some.blocks() + " blocks kept");
    assertTrue(some.bytes() <= perBlock * 3 / 2, some.bytes() + " bytes");
    same(b, options, some, "some swept, the rest sampled");
    assertEquals(1, some.sweeps());
    assertEquals(some.blocks() / 3.0, some.keptShare(), 0.0, "the share of blocks swept");
    HazardCache none = new HazardCache(0);
    same(a, options, none, "none kept");
    same(b, options, none, "none to sweep");
    assertEquals(0, none.blocks());
    assertEquals(0, none.sweeps(), "nothing kept: the run sampled, it did not sweep");
    assertEquals(0.0, none.keptShare(), 0.0);
    assertEquals(0.0, whole.keptShare(), 0.0, "no run swept the whole cache yet");
    same(b, options, whole, "all swept");
    assertEquals(1.0, whole.keptShare(), 0.0, "every block swept");
  }

  @Test
  void otherHazardsSeedTrialsOrScenario_neitherKeepNorSweep() throws Exception {
    String file = "models/kakao-pangyo-2022.yaml";
    Plan a = plan(file, "services.talk.standby.anyang=0");
    Plan fire = plan(file, "sites.pangyo.fire.rate=0.5/y");
    TrialRunner.Options options = new TrialRunner.Options(TRIALS, SEED, 2, 0, false);
    HazardCache cache = new HazardCache(1L << 30);
    same(a, options, cache, "keeping");
    same(fire, options, cache, "a fire's rate");
    same(a, new TrialRunner.Options(TRIALS, SEED + 1, 2, 0, false), cache, "another seed");
    same(a, new TrialRunner.Options(TRIALS - 1, SEED, 2, 0, false), cache, "other trials");
    TrialRunner.Scenario fireAt0 =
        new TrialRunner.Scenario("fire@pangyo", Kernel.Background.FRESH, 51);
    same(
        Plan.compile(ModelLoader.load(Path.of(file), List.of()).model(), 168),
        new TrialRunner.Options(TRIALS, SEED, 2, 0, false, fireAt0),
        cache,
        "a scenario");
    assertEquals(0, cache.sweeps(), "none of them swept the kept blocks");

    // A repair that needs services: its timelines depend on the services, never kept.
    Plan needs = plan("models/incidents/facebook-2021.yaml", "services.dns.demand=100");
    HazardCache never = new HazardCache(1L << 30);
    same(needs, options, never, "repairs that need services");
    same(needs, options, never, "again");
    assertEquals(0, never.blocks());
    assertEquals(0, never.sweeps());
  }

  @Test
  void scenarioPoints_keepThenSweep_sameBits() throws Exception {
    String file = "models/kakao-pangyo-2022.yaml";
    Plan a = Plan.compile(ModelLoader.load(Path.of(file), List.of()).model(), 168);
    Plan b =
        Plan.compile(
            ModelLoader.load(Path.of(file), List.of("services.talk.standby.anyang=6000")).model(),
            168);
    for (Kernel.Background background : Kernel.Background.values()) {
      TrialRunner.Scenario fire = new TrialRunner.Scenario("fire@pangyo", background, 51);
      TrialRunner.Options options = new TrialRunner.Options(5000, SEED, 2, 0, false, fire);
      HazardCache cache = new HazardCache(1L << 30);
      same(a, options, cache, "fire, " + background + ", keeping");
      same(b, options, cache, "fire, " + background + ", sweeping");
      assertEquals(1, cache.sweeps(), background + ": swept");
    }
  }

  /** Runs {@code plan} through {@code cache} and alone; the same bits. */
  private static boolean same(
      Plan plan, TrialRunner.Options options, HazardCache cache, String what) throws Exception {
    RunStats alone = TrialRunner.run(plan, options);
    RunStats shared = TrialRunner.runSharingHazards(plan, options, new Cancellation(), cache);
    return SameStats.assertSame(alone, shared, what);
  }

  private static Plan plan(String file, String override) throws Exception {
    return Plan.compile(ModelLoader.load(Path.of(file), List.of(override)).model());
  }
}
