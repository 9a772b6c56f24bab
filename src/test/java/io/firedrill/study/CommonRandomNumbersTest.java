package io.firedrill.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import io.firedrill.stats.Tally;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sweeps run on common random numbers: two nearby points differ in few trials, so the interval of
 * their paired difference is far narrower than the one two independent runs would give.
 */
class CommonRandomNumbersTest {
  static Plan plan(String... overrides) throws Exception {
    return Plan.compile(
        ModelLoader.load(Path.of("models/three-site-example.yaml"), List.of(overrides)).model());
  }

  @Test
  void nearbyPoints_pairedDifferenceIsAtLeastFiveTimesNarrowerThanIndependentSeeds()
      throws Exception {
    long trials = 40_000;
    Plan a = plan("services.talk.standby.west=7000");
    Plan b = plan("services.talk.standby.west=7200");
    int talk = List.of(a.serviceNames).indexOf("talk");
    SweepRunner.Result paired =
        SweepRunner.run(List.of(a, b), new TrialRunner.Options(trials, 42, 2, 0, false), null);
    Tally d = paired.difference(1, talk, Metric.USER_HOURS);
    double[] ci = d.interval95(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    double pairedHalfWidth = (ci[1] - ci[0]) / 2;
    // The same two points on independent seeds: the difference of two independent means.
    RunStats x = TrialRunner.run(a, new TrialRunner.Options(trials, 42, 2, 0, false));
    RunStats y = TrialRunner.run(b, new TrialRunner.Options(trials, 43, 2, 0, false));
    double seX = x.metric(talk, Metric.USER_HOURS).tally().standardError();
    double seY = y.metric(talk, Metric.USER_HOURS).tally().standardError();
    double independentHalfWidth = Tally.Z95 * Math.sqrt(seX * seX + seY * seY);
    System.out.printf(
        "paired ±%.4g, independent ±%.4g, ratio %.1f%n",
        pairedHalfWidth, independentHalfWidth, independentHalfWidth / pairedHalfWidth);
    assertTrue(pairedHalfWidth > 0, "the points must differ in some trials");
    assertTrue(
        independentHalfWidth >= 5 * pairedHalfWidth,
        "paired ±" + pairedHalfWidth + " vs independent ±" + independentHalfWidth);
    // The first point of the sweep is the same run as a plain run with that seed.
    assertTrue(
        paired.points().get(0).metric(talk, Metric.USER_HOURS).mean()
            == x.metric(talk, Metric.USER_HOURS).mean(),
        "point 0 equals the plain run");
  }
}
