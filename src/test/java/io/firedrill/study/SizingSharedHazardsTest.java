package io.firedrill.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.load.ModelLoader;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.run.Cancellation;
import io.firedrill.run.HazardCache;
import io.firedrill.run.SameStats;
import io.firedrill.run.TrialRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code size} search whose points share one sampling of the hazards ({@link HazardCache}) visits
 * the same points with the same estimates, intervals and verdicts, to the bit, as one whose points
 * each sample their own (a cache of budget 0), and answers the same. Deterministic: no tolerance,
 * no seed to print.
 */
class SizingSharedHazardsTest {
  @ParameterizedTest
  @CsvSource({
    "models/three-site-example.yaml, services.talk.standby.west, talk.downtime_h.mean<=3, 0, 4000, 1",
    "models/kakao-pangyo-2022.yaml, services.talk.standby.anyang, talk.downtime_h.p99<=30, 0, 12000, 2",
    "models/kakao-pangyo-2022.yaml, sites.pangyo.fire.contained, talk.downtime_h.mean<=0.95, 0, 1, 2"
  })
  void sharedAndUnsharedSearches_visitTheSamePoints(
      String file, String path, String target, String min, String max, int threads)
      throws Exception {
    Model base = ModelLoader.load(Path.of(file), List.of()).model();
    Target t = Target.parse(target, base.services().stream().map(s -> s.name()).toList(), false);
    Vary range = Vary.search("--min/--max/--step", path, min, max, null);
    TrialRunner.Options options = new TrialRunner.Options(20_000, 3, threads, 0, false);
    Sizing.Variants variants =
        x -> {
          Model m = ModelLoader.load(Path.of(file), List.of(range.override(x))).model();
          return new Sizing.Variant(m, Plan.compile(m), null, List.of());
        };
    HazardCache shared = new HazardCache(1L << 30);
    Sizing.Result a =
        new Sizing(t, range, false, options, 8766, shared).solve(variants, new Cancellation());
    Sizing.Result b =
        new Sizing(t, range, false, options, 8766, new HazardCache(0))
            .solve(variants, new Cancellation());
    assertEquals(b.visited().size(), a.visited().size(), "points visited");
    for (int i = 0; i < a.visited().size(); i++) {
      Sizing.Point p = a.visited().get(i);
      Sizing.Point q = b.visited().get(i);
      String at = file + " " + path + " at " + q.value();
      assertEquals(q.value(), p.value(), at + ": value");
      SameStats.bits(q.estimate(), p.estimate(), at + ": estimate");
      SameStats.bits(q.low(), p.low(), at + ": low");
      SameStats.bits(q.high(), p.high(), at + ": high");
      assertEquals(q.met(), p.met(), at + ": met");
      assertEquals(q.why(), p.why(), at + ": explanation");
    }
    assertEquals(b.answer() == null, a.answer() == null, "answered");
    boolean hazardsVaried = path.startsWith("sites.");
    int swept = a.visited().size() - 1;
    assertTrue(swept > 0, file + " " + path + ": more than one point visited");
    // A capacity varied: every point after the first sweeps the first one's hazards; a hazard's
    // containment varied: none can.
    assertEquals(hazardsVaried ? 0 : swept, shared.sweeps(), "points that swept kept hazards");
  }
}
