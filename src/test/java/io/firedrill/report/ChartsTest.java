package io.firedrill.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.CurveStats;
import io.firedrill.stats.LogHistogram;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import io.firedrill.study.SweepRunner;
import io.firedrill.study.Vary;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.TickProbe;

/**
 * What the charts show, checked on the chart objects: round time ticks, one colour and line pattern
 * per service in every chart, identical series named as such, and a CCDF of one value drawn as a
 * step.
 */
class ChartsTest {
  /** {@code web} is listed first but requires {@code db}, so dependency order is db, web. */
  static final String MODEL =
      """
      name: colours
      horizon: 1y
      sites:
        a: {fault: {rate: 20/y, outage: "fixed(2h)"}}
      services:
        web: {users: 1000, demand: 10, deploy: {a: 10}, requires: [db]}
        db: {users: 10, demand: 10, deploy: {a: 10}}
      """;

  @ParameterizedTest
  @CsvSource({
    "168,  24,   d,   '0|1 d|2 d|3 d|4 d|5 d|6 d|7 d'",
    "100,  12,   h,   '0|12 h|24 h|36 h|48 h|60 h|72 h|84 h|96 h'",
    "8760, 2184, w,   '0|13 w|26 w|39 w|52 w'",
    "5,    0.5,  min, '0|30 min|60 min|90 min|120 min|150 min|180 min|210 min|240 min|270 min"
        + "|300 min'",
    "0.75, 0.0833333333333333, min, '0|5 min|10 min|15 min|20 min|25 min|30 min|35 min|40 min"
        + "|45 min'"
  })
  void fan_timeAxis_ticksAtRoundStepsFromTheHorizon(
      double horizon, double step, String unit, String labels) {
    RecoveryCharts.TimeAxis axis = RecoveryCharts.TimeAxis.of(horizon);
    assertEquals(step, axis.step(), 1e-12);
    assertEquals(unit, axis.unit());
    double[] times = IntStream.range(0, 501).mapToDouble(j -> horizon * j / 500).toArray();
    XYChart c =
        RecoveryCharts.fan(
            "t", "served", new String[] {"a"}, new int[] {0}, 0, curves(), times, List.of());
    // The labels XChart draws: the multiples of the step, nothing else.
    assertEquals(List.of(labels.split("\\|")), TickProbe.xTickLabels(c));
  }

  @Test
  void fan_observedPoints_areMarkersOnTheGrid_andLeaveTheTicksAlone() {
    // Points at times off the axis grid (a step of 168 / 2400 = 0.07 h) would add x values from
    // which XChart places its ticks: drawn at the nearest grid time (2,401 intervals of 168 h: 13.7
    // h
    // is 195.8 of them), the week's ticks stay daily.
    double[] times = IntStream.range(0, 501).mapToDouble(j -> 168.0 * j / 500).toArray();
    List<Observation> seen =
        List.of(
            new Observation("a", false, 0, 13.7, 0.4, false, ""),
            new Observation("a", false, 0, 100.123, 1, false, "s"),
            new Observation("a", false, 0, 50, 0.9, true, ""));
    XYChart c =
        RecoveryCharts.fan(
            "t", "served", new String[] {"a"}, new int[] {0}, 0, curves(), times, seen);
    assertEquals(
        List.of("0", "1 d", "2 d", "3 d", "4 d", "5 d", "6 d", "7 d"), TickProbe.xTickLabels(c));
    XYSeries out = c.getSeriesMap().get("a observed");
    XYSeries fitted = c.getSeriesMap().get("a observed (fitted)");
    assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, out.getXYSeriesRenderStyle());
    double[] grid = RecoveryCharts.TimeAxis.of(168).grid();
    assertArrayEquals(
        new double[] {grid[196], grid[1431]}, out.getXData(), 0.0, "13.7 h and 100.123 h");
    assertEquals(13.7, grid[196], 0.035);
    assertEquals(100.123, grid[1431], 0.035);
    assertArrayEquals(new double[] {0.4, 1}, out.getYData(), 0.0);
    assertArrayEquals(new double[] {grid[715]}, fitted.getXData(), 0.0);
    assertEquals(2401, grid.length - 1);
    assertEquals(Charts.color(0), out.getMarkerColor());
  }

  @Test
  void timeAxis_horizonBelowTwoMinutes_fallsBackToDecimalHours() {
    assertNull(RecoveryCharts.TimeAxis.of(1.5 / 60));
    double[] times = IntStream.range(0, 501).mapToDouble(j -> 0.025 * j / 500).toArray();
    XYChart c =
        RecoveryCharts.fan(
            "t", "served", new String[] {"a"}, new int[] {0}, 0, curves(), times, List.of());
    assertEquals("hours since the event", c.getXAxisTitle());
  }

  /** One series, 501 points: served 0 until half-way, then 1, in every trial. */
  private static CurveStats curves() {
    CurveStats c = new CurveStats(501, 1);
    double[] v = IntStream.range(0, 501).mapToDouble(j -> j < 250 ? 0 : 1).toArray();
    for (int t = 0; t < 3; t++) {
      c.add(v, 1, 0);
      c.countTrial();
    }
    return c;
  }

  @Test
  void fan_identicalSeries_sayItInTheLegend_andDifferInPattern() {
    CurveStats c = new CurveStats(501, 3);
    double[] v = new double[501 * 3];
    for (int j = 0; j < 501; j++) {
      v[j * 3] = j < 100 ? 0 : 1; // ops
      v[j * 3 + 1] = j < 200 ? 0 : 1; // talk
      v[j * 3 + 2] = j < 100 ? 0 : 1; // mail, as ops
    }
    c.add(v, 3, 0);
    c.countTrial();
    double[] times = IntStream.range(0, 501).mapToDouble(j -> 168.0 * j / 500).toArray();
    XYChart chart =
        RecoveryCharts.fan(
            "t",
            "served",
            new String[] {"ops", "talk", "mail"},
            new int[] {0, 1, 2},
            0,
            c,
            times,
            List.of());
    List<String> legend =
        chart.getSeriesMap().values().stream()
            .filter(XYSeries::isShowInLegend)
            .map(XYSeries::getName)
            .toList();
    assertEquals(List.of("ops", "talk", "mail = ops (identical)"), legend);
    XYSeries ops = chart.getSeriesMap().get("ops");
    XYSeries mail = chart.getSeriesMap().get("mail = ops (identical)");
    assertNull(ops.getLineStyle().getDashArray());
    assertArrayEquals(new float[] {4, 5}, mail.getLineStyle().getDashArray());
  }

  @Test
  void serviceColour_isItsIndexInTheModel_inRunAndSweepCharts(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m.yaml");
    Files.writeString(m, MODEL);
    Plan plan = Plan.compile(ModelLoader.load(m, List.of()).model());
    assertArrayEquals(new String[] {"db", "web"}, plan.serviceNames);
    RunStats stats = TrialRunner.run(plan, new TrialRunner.Options(2000, 1, 1, 0, false));
    // Both are down exactly when site a is: their outage durations are the same.
    for (XYChart c :
        List.of(
            ExceedanceCharts.exceedance(plan, stats, "t"),
            ExceedanceCharts.durations(plan, stats, "t"))) {
      XYSeries web = c.getSeriesMap().get("web");
      web = web != null ? web : c.getSeriesMap().get("web = db (identical)");
      XYSeries db = c.getSeriesMap().get("db");
      assertEquals(Charts.color(0), web.getLineColor());
      assertEquals(Charts.color(1), db.getLineColor());
      assertNotEquals(web.getLineStyle(), db.getLineStyle());
    }
    assertEquals(
        List.of("db", "web = db (identical)"),
        ExceedanceCharts.durations(plan, stats, "t").getSeriesMap().values().stream()
            .filter(XYSeries::isShowInLegend)
            .map(XYSeries::getName)
            .toList());
    // A sweep of web or db: its line keeps the service's colour.
    Vary vary = Vary.parse("services.web.deploy.a=10..20:10");
    List<Plan> plans = new ArrayList<>();
    List<BigDecimal[]> points = new ArrayList<>();
    for (BigDecimal x : vary.numbers()) {
      plans.add(Plan.compile(ModelLoader.load(m, List.of(vary.override(x))).model()));
      points.add(new BigDecimal[] {x});
    }
    SweepRunner.Result r =
        SweepRunner.run(plans, new TrialRunner.Options(500, 1, 1, 0, false), null);
    SweepTable table =
        new SweepTable(plan, List.of(vary), points, r, new double[2], false, Metric.RUN);
    for (String target : List.of("web.user_hours", "db.user_hours.p99")) {
      ChartTarget t = ChartTarget.parse(target, null, plan, Metric.RUN, false);
      for (SweepCharts.Sweep s : SweepCharts.data(table, "t", t)) {
        XYSeries line = SweepCharts.sweep(s).getSeriesMap().get(t.label());
        assertEquals(Charts.color(target.startsWith("web") ? 0 : 1), line.getLineColor(), target);
      }
    }
  }

  @Test
  void ccdf_allPositiveValuesEqual_isDrawnAsAStep() {
    // Every trial loses exactly 3000 user-hours: P(X > x) = 1 below 3000, 0 from 3000 on.
    LogHistogram h = new LogHistogram();
    for (int i = 0; i < 4; i++) {
      h.add(3000);
    }
    double[][] curve = ExceedanceCharts.ccdf(h);
    assertArrayEquals(new double[] {300, 3000, 3000}, curve[0], 0.0);
    assertArrayEquals(new double[] {1, 1, 1.0 / 40}, curve[1], 0.0);
  }

  @Test
  void ccdf_oneTrial_hasNoBand() {
    LogHistogram h = new LogHistogram();
    h.add(5);
    double[][] curve = ExceedanceCharts.ccdf(h);
    assertEquals(3, curve[0].length);
    assertNull(curve[2]);
    assertNull(curve[3]);
  }
}
