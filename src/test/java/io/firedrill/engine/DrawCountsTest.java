package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.RunStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The draw counts of the random-number floor ({@link DrawCounts}, benchmarks/floor) count what a
 * trial draws. Counting is switched on only by a system property read when the class is loaded, and
 * its counters are static, so this JVM (where it is off) checks that nothing counts, and the
 * counting itself runs in a JVM of its own ({@link DrawCountRun}, as benchmarks/floor runs it):
 * whatever else runs in this JVM, in parallel or not, cannot touch its counters.
 *
 * <p>The model of the counting run draws a known number of each kind per trial, with no chance
 * involved: a grid whose time to failure is uniform(200d, 250d) fails exactly once in a year (its
 * first failure is before day 250, its second after day 400), for one lognormal outage; the site it
 * feeds has no UPS, so its one service fails over, once, with success 1 and a fixed delay.
 */
class DrawCountsTest {
  static final String MODEL =
      """
      name: draws
      horizon: 1y
      grids:
        g: {ttf: "uniform(200d, 250d)", outage: "lognormal(median=1h, p90=2h)"}
      sites:
        a: {grid: g}
        b: {}
      services:
        s:
          demand: 1
          deploy: {a: 1}
          standby: {b: 1}
          failover: {time: "fixed(5m)", success: 1}
      """;

  /** Two blocks and part of a third: the counts must not depend on where blocks end. */
  static final long TRIALS = 2 * TrialRunner.BLOCK_TRIALS + 1000;

  @Test
  void countingRun_modelWithKnownDraws_countsEachKindExactly(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("draws.yaml"), MODEL);
    Path out = dir.resolve("counts.json");
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfiredrill.countDraws=true",
                "-cp",
                classPath,
                DrawCountRun.class.getName(),
                out.toString(),
                Long.toString(TRIALS),
                "7",
                dir.resolve("draws").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("printed.txt").toFile())
            .start();
    // Its output goes to a file, so that a child that hangs fails the test after the timeout
    // instead of blocking a read of its output forever.
    if (!child.waitFor(120, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      fail("the counting run did not finish within 120 s");
    }
    String printed = Files.readString(dir.resolve("printed.txt"), StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), printed);
    // The kinds that drew a number, for DrawBenchmark: fixed draws none.
    assertEquals("lognormal,uniform", printed.strip());

    JsonNode m = new ObjectMapper().readTree(out.toFile()).get(0);
    assertEquals(TRIALS, m.path("trials").asLong());
    // One Philox evaluation per trial; two substreams (the grid's, the failover's).
    assertEquals(TRIALS, m.path("trialKeys").asLong(), "trial keys");
    assertEquals(2 * TRIALS, m.path("reseeds").asLong(), "reseeds");
    // Per trial: two times to failure, one outage, one failover delay; one uniform of the
    // kernel's own (the failover's success), one word.
    JsonNode samples = m.path("samples");
    assertEquals(2 * TRIALS, samples.path("uniform").asLong(), "uniform samples");
    assertEquals(TRIALS, samples.path("lognormal").asLong(), "lognormal samples");
    assertEquals(TRIALS, samples.path("fixed").asLong(), "fixed samples");
    assertEquals(3, samples.size(), "sampler kinds called: " + samples);
    assertEquals(TRIALS, m.path("uniforms").asLong(), "the kernel's uniforms");
    // A uniform sampler takes one word, a fixed one none, the ziggurat Gaussian at least one.
    JsonNode words = m.path("sampleWords");
    assertEquals(2 * TRIALS, words.path("uniform").asLong(), "uniform words");
    assertEquals(0, words.path("fixed").asLong(), "fixed words");
    long gaussian = words.path("lognormal").asLong();
    // (the ziggurat takes a second word on a few per cent of its calls: about 1.04 per call here)
    assertTrue(gaussian >= TRIALS && gaussian < 1.2 * TRIALS, "lognormal words " + gaussian);
    // Every word is counted once: in a sampler or as the kernel's own.
    assertEquals(
        m.path("uniforms").asLong() + 2 * TRIALS + gaussian, m.path("words").asLong(), "words");
  }

  @Test
  void kernel_countingOff_countsNothing() throws Exception {
    assumeFalse(DrawCounts.ON, "this JVM counts draws (-Dfiredrill.countDraws=true)");
    Plan plan =
        Plan.compile(
            ModelLoader.parse("draws.yaml", MODEL.getBytes(StandardCharsets.UTF_8), List.of())
                .model());
    TrialRunner.runTrials(
        new Kernel(plan, 7), plan, 0, TrialRunner.BLOCK_TRIALS, new RunStats(plan, 0), null);
    assertEquals(0, DrawCounts.trialKeys + DrawCounts.reseeds + DrawCounts.words);
    assertEquals(0, DrawCounts.uniforms);
    for (int k = 0; k < DrawCounts.KINDS; k++) {
      assertEquals(0, DrawCounts.samples[k], DrawCounts.kindName(k));
    }
  }

  @Test
  void streamsAndKeys_countingOff_areThePlainClasses() {
    assumeFalse(DrawCounts.ON, "this JVM counts draws (-Dfiredrill.countDraws=true)");
    assertSame(TrialStream.class, DrawCounts.stream().getClass());
    assertSame(StreamKeys.class, DrawCounts.keys(7).getClass());
  }

  @Test
  void counted_countingOff_returnsTheSamplerItself() throws Exception {
    assumeFalse(DrawCounts.ON, "this JVM counts draws (-Dfiredrill.countDraws=true)");
    ContinuousSampler s = () -> 1;
    assertSame(s, DrawCounts.counted(s, DrawCounts.kind("lognormal", DrawCounts.SKIP)));
  }

  @Test
  void kindName_ofEachVariant_isFamilyAndSuffix() {
    assertEquals(
        "lognormal", DrawCounts.kindName(DrawCounts.kind("LogNormal", DrawCounts.ORDINARY)));
    assertEquals(
        "exponential-lb",
        DrawCounts.kindName(DrawCounts.kind("Exponential", DrawCounts.LENGTH_BIASED)));
    assertEquals("never-skip", DrawCounts.kindName(DrawCounts.kind("Never", DrawCounts.SKIP)));
    assertThrows(IllegalArgumentException.class, () -> DrawCounts.kind("Normal", 0));
  }
}
