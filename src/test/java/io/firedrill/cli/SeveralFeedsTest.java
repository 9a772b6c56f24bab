package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static io.firedrill.cli.ScenarioCommandTest.row;
import static io.firedrill.cli.ScenarioCommandTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.load.ModelError;
import io.firedrill.load.ModelException;
import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.report.ModelDescription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site fed by several grids ({@code grid: [feed-a, feed-b]}) loses utility only while every feed
 * is out (docs/simulation.md, "Power"): end to end, with fixed durations, so every check is exact.
 *
 * <p>Over a 40-hour horizon feed-a is out [10, 15) and [25, 30), feed-b [12, 17) and [29, 34). Both
 * out: [12, 15) and [29, 30), 4 hours in two outages, each completed by feed-b (whose outage began
 * last). Through a 2-hour UPS only [14, 15) is dark; a generator that always starts and never fails
 * carries the site through both.
 */
class SeveralFeedsTest {
  static final String MODEL =
      """
      name: feeds
      horizon: 40h
      grids:
        feed-a: {ttf: "fixed(10h)", outage: "fixed(5h)"}
        feed-b: {ttf: "fixed(12h)", outage: "fixed(5h)"}
      sites:
        both: {grid: [feed-a, feed-b]}
        one: {grid: feed-a}
        ups: {grid: [feed-a, feed-b], ups: 2h}
        gen: {grid: [feed-b, feed-a], generator: {fail_to_start: 0, rate: 0/h}}
      services:
        api: {deploy: {both: 1}}
        web: {deploy: {one: 1}}
        batt: {deploy: {ups: 1}}
        genny: {deploy: {gen: 1}}
      """;

  /** Runs 10 trials of {@code yaml} into {@code tmp/out}, asserting exit status 0. */
  static void runTen(Path tmp, String yaml) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    Cli.Result r =
        Cli.run("run", m.toString(), "--trials", "10", "--out", tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
  }

  /** Each row of causes.csv as "service cause outages". */
  static List<String> causeLines(List<CSVRecord> causes) {
    return causes.stream()
        .map(c -> c.get("service") + " " + c.get("cause") + " " + c.get("outages"))
        .toList();
  }

  static ModelLoader.Loaded load(String yaml) throws ModelException {
    return ModelLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of());
  }

  @Test
  void plan_listsEachSitesFeeds_andTheGridsThatFeedSeveral() throws Exception {
    Plan p = Plan.compile(load(MODEL).model());
    assertEquals(List.of(0, 1), List.of(p.siteFeeds[0][0], p.siteFeeds[0][1]));
    assertEquals(1, p.siteFeeds[1].length);
    assertEquals(List.of(1, 0), List.of(p.siteFeeds[3][0], p.siteFeeds[3][1]));
    assertTrue(p.feedsSeveral[0] && p.feedsSeveral[1]);
    assertEquals(4, p.gridSites[0].length, "feed-a feeds every site");
    assertEquals(3, p.gridSites[1].length, "feed-b feeds all but 'one'");
  }

  @Test
  void run_utilityIsLostOnlyWhileEveryFeedIsOut_andTheLastFeedToFailIsTheCause(@TempDir Path tmp)
      throws Exception {
    runTen(tmp, MODEL);
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    assertEquals(4, value(row(summary, "api", "downtime_h"), "mean"), 0.0);
    assertEquals(2, value(row(summary, "api", "outages"), "mean"), 0.0);
    assertEquals(3, value(row(summary, "api", "longest_h"), "mean"), 0.0);
    assertEquals(10, value(row(summary, "web", "downtime_h"), "mean"), 0.0, "one feed: its own");
    assertEquals(1, value(row(summary, "batt", "downtime_h"), "mean"), 0.0, "UPS takes 2 h");
    assertEquals(1, value(row(summary, "batt", "outages"), "mean"), 0.0, "[29, 30) is ridden out");
    assertEquals(0, value(row(summary, "genny", "downtime_h"), "mean"), 0.0, "the generator");
    List<CSVRecord> causes = csv(tmp.resolve("out/causes.csv"));
    assertEquals(
        List.of("api grid@feed-b 20", "web grid@feed-a 20", "batt grid@feed-b 10"),
        causeLines(causes));
  }

  /**
   * Three feeds: a out [10, 15) and [25, 30), b [12, 17) and [29, 34), c [14, 19) and [33, 38); d
   * [10, 12), [22, 24) and [34, 36), beginning with a.
   */
  static final String THREE =
      """
      name: three-feeds
      horizon: 40h
      grids:
        a: {ttf: "fixed(10h)", outage: "fixed(5h)"}
        b: {ttf: "fixed(12h)", outage: "fixed(5h)"}
        c: {ttf: "fixed(14h)", outage: "fixed(5h)"}
        d: {ttf: "fixed(10h)", outage: "fixed(2h)"}
      sites:
        all: {grid: [a, b, c]}
        two: {grid: [a, b, c], feeds_needed: 2}
        any: {grid: [a, b, c], feeds_needed: 3}
        da: {grid: [d, a]}
        ad: {grid: [a, d]}
      services:
        s1: {deploy: {all: 1}}
        s2: {deploy: {two: 1}}
        s3: {deploy: {any: 1}}
        s4: {deploy: {da: 1}}
        s5: {deploy: {ad: 1}}
      """;

  @Test
  void run_feedsNeeded_losesUtilityWhileMoreThanTheSpareFeedsAreOut(@TempDir Path tmp)
      throws Exception {
    runTen(tmp, THREE);
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    // Every feed out (the default, 1 needed): [14, 15), completed by c.
    assertEquals(1, value(row(summary, "s1", "downtime_h"), "mean"), 0.0);
    assertEquals(1, value(row(summary, "s1", "outages"), "mean"), 0.0);
    // 2 of 3 needed, so two out cut it: [12, 17) and [29, 30) completed by b, [33, 34) by c.
    assertEquals(7, value(row(summary, "s2", "downtime_h"), "mean"), 0.0);
    assertEquals(3, value(row(summary, "s2", "outages"), "mean"), 0.0);
    assertEquals(5, value(row(summary, "s2", "longest_h"), "mean"), 0.0);
    // All 3 needed, so any one out cuts it: [10, 19) and [25, 38), each begun by a.
    assertEquals(22, value(row(summary, "s3", "downtime_h"), "mean"), 0.0);
    assertEquals(2, value(row(summary, "s3", "outages"), "mean"), 0.0);
    // d and a go out at the same instant: [10, 12), blamed on the longer outage, a's, whatever
    // the order of the list (as parts of a merged interval are ranked).
    assertEquals(2, value(row(summary, "s4", "downtime_h"), "mean"), 0.0);
    assertEquals(2, value(row(summary, "s5", "downtime_h"), "mean"), 0.0);
    List<CSVRecord> causes = csv(tmp.resolve("out/causes.csv"));
    assertEquals(
        List.of(
            "s1 grid@c 10",
            "s2 grid@b 20",
            "s2 grid@c 10",
            "s3 grid@a 20",
            "s4 grid@a 10",
            "s5 grid@a 10"),
        causeLines(causes));
  }

  @Test
  void binding_moreFeedsNeededThanTheSiteHas_isOneLineAtTheValue() {
    ModelException e =
        assertThrows(
            ModelException.class,
            () -> load(THREE.replace("feeds_needed: 2}", "feeds_needed: 4}")));
    assertEquals(
        List.of(
            "test.yaml:10:40: sites.two.feeds_needed: 4 feeds needed, but the site lists 3 under"
                + " grid"),
        e.errors().stream().map(ModelError::format).toList());
    ModelException none =
        assertThrows(
            ModelException.class,
            () -> load(THREE.replace("da: {grid: [d, a]}", "da: {feeds_needed: 2}")));
    assertEquals(
        List.of("test.yaml:12:22: sites.da.feeds_needed: 2 feeds needed, but the site has no grid"),
        none.errors().stream().map(ModelError::format).toList());
    ModelException zero =
        assertThrows(
            ModelException.class,
            () -> load(THREE.replace("feeds_needed: 2}", "feeds_needed: 0}")));
    assertEquals(1, zero.errors().size(), zero.errors()::toString);
    assertTrue(
        zero.errors().get(0).format().startsWith("test.yaml:10:40: sites.two.feeds_needed: "),
        zero.errors().get(0).format());
  }

  @Test
  void scenario_oneFeedForced_cutsOnlyTheSitesItFeedsAlone(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "grid@feed-a",
            "--no-background",
            "--horizon",
            "24h",
            "--trials",
            "100",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    // feed-a out [0, 5 h), feed-b never: only the site with feed-a alone goes dark.
    assertEquals(5, value(row(summary, "web", "downtime_h"), "mean"), 0.0);
    assertEquals(1, value(row(summary, "web", "affected"), "mean"), 0.0);
    for (String service : List.of("api", "batt", "genny")) {
      assertEquals(0, value(row(summary, service, "downtime_h"), "mean"), 0.0, service);
      assertEquals(0, value(row(summary, service, "affected"), "mean"), 0.0, service);
    }
  }

  @Test
  void scenario_aFeedForcedWhileTheLossIsInProgress_isTheCause(@TempDir Path tmp) throws Exception {
    // Site 'any' needs all three feeds: it has no utility while any is out. In a stationary start
    // b or c may already be out at 0; forcing a then must still be the event that reached the site
    // (outages in progress at 0 count as beginning at 0, where the forced event ranks first). a is
    // out [0, 5 h), past the 4-hour horizon: every trial is dark throughout.
    String yaml = THREE.replace("horizon: 40h", "horizon: 40h\nscenario_horizon: 4h");
    Path m = Files.writeString(tmp.resolve("m.yaml"), yaml);
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "grid@a",
            "--trials",
            "20000",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    assertEquals(1, value(row(summary, "s3", "affected"), "mean"), 0.0);
    assertEquals(4, value(row(summary, "s3", "downtime_h"), "mean"), 0.0);
    List<CSVRecord> causes = csv(tmp.resolve("out/causes.csv"));
    assertEquals(
        List.of("s3 grid@a 20000"),
        causeLines(causes).stream().filter(l -> l.startsWith("s3 ")).toList());
  }

  @Test
  void warning_feedsNeededAtASiteWithoutGrid_hasNoEffect() throws Exception {
    ModelLoader.Loaded loaded = load(THREE.replace("da: {grid: [d, a]}", "da: {feeds_needed: 1}"));
    assertEquals(
        List.of(
            "test.yaml:12:8: warning: sites.da.feeds_needed: has no effect: the site has no grid,"
                + " so no feeds to need"),
        loaded.warnings().stream().map(w -> w.format()).toList());
  }

  @Test
  void override_aGridListThatClashesWithFeedsNeeded_isBlamedOnTheOverride(@TempDir Path tmp)
      throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), THREE);
    Cli.Result r = Cli.run("validate", m.toString(), "--set", "sites.two.grid=[a]");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "--set sites.two.grid=[a]: sites.two.feeds_needed: 2 feeds needed, but the site lists"
                + " 1 under grid"),
        r.errLines());
  }

  @Test
  void size_feedsNeeded_isSearchedInWholeSteps(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), THREE);
    Cli.Result r =
        Cli.run(
            "size",
            m.toString(),
            "--vary",
            "sites.two.feeds_needed",
            "--target",
            "s2.downtime_h.mean >= 20",
            "--max",
            "3",
            "--trials",
            "10",
            "--charts",
            "none",
            "--out",
            tmp.resolve("out").toString());
    // 2 of 3 needed gives 7 h (run_feedsNeeded_...), all 3 needed 22 h: the answer is 3. The
    // search starts at 1 without --min: no site needs 0 feeds.
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("answer: sites.two.feeds_needed = 3"), r.out());
    Cli.Result half =
        Cli.run(
            "size",
            m.toString(),
            "--vary",
            "sites.two.feeds_needed",
            "--target",
            "s2.downtime_h.mean >= 20",
            "--max",
            "3",
            "--step",
            "0.5",
            "--out",
            tmp.resolve("half").toString());
    assertEquals(2, half.code(), half::toString);
    assertEquals(
        List.of(
            "firedrill size: --step 0.5: sites.two.feeds_needed takes whole numbers; give a whole"
                + " step (or none: 1)"),
        half.errLines());
  }

  @Test
  void validate_showsTheFeedsAsWritten() throws Exception {
    String text = ModelDescription.describe(load(MODEL));
    List<String> lines = text.lines().filter(l -> l.matches("  \\S+ +grid .*")).toList();
    assertEquals(
        List.of(
            "  both    grid [feed-a, feed-b]",
            "  one     grid feed-a",
            "  ups     grid [feed-a, feed-b], ups 2h",
            "  gen     grid [feed-b, feed-a]"),
        lines,
        text);
    // A generator's rate of 0 is one that never fails (not a hazard that never strikes).
    assertTrue(
        text.contains(
            "generator: fail_to_start 0, rate 0/h (never fails), repair none (stays down until the"
                + " grid returns) (left out)"),
        text);
  }

  @Test
  void binding_aFeedListedTwiceOrUnknown_isOneLineWithFileLineColumnAndPath() {
    // Line 7 is "  both: {grid: [feed-a, feed-b]}": the second item at column 25.
    ModelException twice =
        assertThrows(
            ModelException.class,
            () ->
                load(
                    MODEL.replace(
                        "both: {grid: [feed-a, feed-b]}", "both: {grid: [feed-a, feed-a]}")));
    assertEquals(
        List.of("test.yaml:7:25: sites.both.grid[1]: grid 'feed-a' is listed twice"),
        twice.errors().stream().map(ModelError::format).toList());
    ModelException unknown =
        assertThrows(
            ModelException.class,
            () ->
                load(
                    MODEL.replace(
                        "both: {grid: [feed-a, feed-b]}", "both: {grid: [feed-a, feed-c]}")));
    assertEquals(1, unknown.errors().size(), unknown.errors()::toString);
    String line = unknown.errors().get(0).format();
    assertTrue(line.startsWith("test.yaml:7:25: sites.both.grid[1]: unknown grid 'feed-c'"), line);
  }
}
