package io.firedrill.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.engine.Runner;
import io.firedrill.engine.SweepRunner;
import io.firedrill.model.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.stats.Metric;
import io.firedrill.study.Vary;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYSeries;

/** What the charts show, checked on the chart objects: one colour per service in every chart. */
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

  @Test
  void sweepChart_keepsTheServiceColour_itsIndexInTheModel(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m.yaml");
    Files.writeString(m, MODEL);
    Plan plan = Plan.compile(ModelLoader.load(m, List.of()).model());
    assertArrayEquals(new String[] {"db", "web"}, plan.serviceNames);
    // A sweep of web or db: its line keeps the service's colour.
    Vary vary = Vary.parse("services.web.deploy.a=10..20:10");
    List<Plan> plans = new ArrayList<>();
    List<BigDecimal[]> points = new ArrayList<>();
    for (BigDecimal x : vary.numbers()) {
      plans.add(Plan.compile(ModelLoader.load(m, List.of(vary.override(x))).model()));
      points.add(new BigDecimal[] {x});
    }
    SweepRunner.Result r = SweepRunner.run(plans, new Runner.Options(500, 1, 1, 0, false), null);
    StudyReport report =
        new StudyReport(plan, List.of(vary), points, r, new double[2], false, Metric.RUN);
    for (String target : List.of("web.user_hours", "db.user_hours.p99")) {
      StudyReport.ChartTarget t = StudyReport.chartTarget(target, plan, Metric.RUN, false);
      for (Charts.Sweep s : report.sweepCharts("t", t)) {
        XYSeries line = Charts.sweep(s).getSeriesMap().get(t.label());
        assertEquals(Charts.color(target.startsWith("web") ? 0 : 1), line.getLineColor(), target);
      }
    }
  }
}
