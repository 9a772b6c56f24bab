package io.firedrill.cli;

import io.firedrill.dist.UserText;
import io.firedrill.engine.Kernel;
import io.firedrill.load.ModelException;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.ChartTarget;
import io.firedrill.report.Charts;
import io.firedrill.report.Numbers;
import io.firedrill.report.SweepCharts;
import io.firedrill.report.SweepConsole;
import io.firedrill.report.SweepCsv;
import io.firedrill.report.SweepTable;
import io.firedrill.run.TrialRunner;
import io.firedrill.study.Costs;
import io.firedrill.study.SweepRunner;
import io.firedrill.study.Vary;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code firedrill sweep --vary PATH=FROM..TO:STEP}: one estimate per point, on common random
 * numbers.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    versionProvider = Firedrill.Version.class,
    description = {
      "Run the model at every point of one or two --vary ranges, all on the same trials (common"
          + " random numbers), and estimate each point and its paired difference to the first.",
      "Writes sweep.csv, sweep.png, sweep-difference.png and run.json to --out (default"
          + " results/<model>/sweep)."
    })
final class SweepCommand implements Callable<Integer>, Firedrill.WritesResults {
  @Mixin ModelOptions model;

  @Mixin RunOptions run;

  @Mixin EventOptions scenario;

  @Option(
      names = "--vary",
      required = true,
      paramLabel = "PATH=FROM..TO:STEP",
      description =
          "A parameter and its range, e.g. services.talk.standby.anyang=0..12000:2000;"
              + " once or twice.")
  List<String> vary;

  @Option(
      names = "--chart",
      paramLabel = "SERVICE.METRIC[.STAT]",
      description =
          "What the table and the charts show: a service or total, a metric and a statistic"
              + " (mean, p50, p90, p99, p999 or max; default mean), e.g. talk.recover_h.p99"
              + " (default: the service whose parameter the first --vary changes, else the first"
              + " service with users; user_hours, or recover_h with --event).")
  String chart;

  @Spec CommandSpec spec;

  /** The root command: its cancellation token stops this command's runs. */
  @ParentCommand Firedrill root;

  private Path written;

  @Override
  public Path written() {
    return written;
  }

  /**
   * Prints the warnings of the model as given (its --set overrides, not the --vary values), except
   * those about a varied parameter; of the first point when the model needs the --vary values to be
   * valid.
   */
  private void warn(ModelLoader.Loaded firstPoint, List<Vary> vs) {
    ModelLoader.Loaded given;
    try {
      given = ModelLoader.load(model.model, model.overrides);
    } catch (ModelException e) {
      given = firstPoint;
    }
    PrintWriter err = spec.commandLine().getErr();
    ModelOptions.warn(given, err, vs.stream().map(Vary::path).toList());
  }

  @Override
  public Integer call() throws Exception {
    scenario.check();
    run.refuseRowOptions("sweep", scenario.isScenario());
    if (vary.size() > 2) {
      throw new UsageException("--vary may be given once or twice, not " + vary.size() + " times");
    }
    List<Vary> vs = new ArrayList<>();
    for (String v : vary) {
      try {
        vs.add(Vary.parse(v));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    List<BigDecimal[]> points;
    try {
      points = Vary.grid(vs);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<Model> models = new ArrayList<>();
    ModelLoader.Loaded first = null;
    for (BigDecimal[] p : points) {
      List<String> varied = new ArrayList<>();
      for (int i = 0; i < vs.size(); i++) {
        varied.add(vs.get(i).override(p[i]));
      }
      ModelLoader.Loaded loaded = model.loadVaried(varied, vary);
      first = first == null ? loaded : first;
      models.add(scenario.apply(loaded.model()));
    }
    Model m0 = models.get(0);
    // The event and the background are checked before any note or warning is printed, so that a
    // wrong one is the only line.
    scenario.checkNames(m0);
    RunOptions.Settings s = run.settings(m0, scenario.defaultHorizonHours(m0));
    TrialRunner.Scenario forced = scenario.scenario(m0, s.horizonHours());
    List<Plan> plans = new ArrayList<>();
    for (Model m : models) {
      Plan plan = RunOptions.plan(m, s);
      if (forced != null && forced.background() == Kernel.Background.STATIONARY) {
        RunOptions.checkStationary(plan);
      }
      plans.add(plan);
    }
    ChartTarget chartOn;
    try {
      chartOn =
          ChartTarget.parse(
              chart,
              vs.get(0).path(),
              plans.get(0),
              scenario.metrics(plans.get(0)),
              scenario.isScenario());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Charts.Format charts = run.chartFormat();
    MemoryEstimate.sweep(plans, s.threads(), s.trials()).check();
    EventOptions.noteFlatProfile(m0, scenario.at, spec.commandLine().getErr(), "sweep");
    PrintWriter stdout = spec.commandLine().getOut();
    AtomicFiles files = run.prepareOut(m0, "sweep", root.cancellation());
    try (files) {
      warn(first, vs);
      long start = System.nanoTime();
      ProgressBar bar = ProgressBar.onTerminal(s.trials());
      SweepRunner.Result result;
      try {
        result =
            SweepRunner.run(
                plans,
                new TrialRunner.Options(s.trials(), s.seed(), s.threads(), 0, false),
                forced,
                bar,
                root.cancellation());
      } finally {
        if (bar != null) {
          bar.finish();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] costs = models.stream().mapToDouble(Costs::perYear).toArray();
      boolean withCost = m0.prices().size() > 0;
      SweepTable table =
          new SweepTable(
              plans.get(0), vs, points, result, costs, withCost, scenario.metrics(plans.get(0)));
      stdout.printf(
          Locale.ROOT,
          "%s: sweep of %s (%s)%s, %d point%s × %d trials, seed %d, %s%n",
          m0.name(),
          String.join(" × ", vary.stream().map(UserText::echo).toList()),
          scenario.describe(),
          run.label == null ? "" : " [" + run.label + "]",
          points.size(),
          points.size() == 1 ? "" : "s",
          s.trials(),
          s.seed(),
          RunOptions.threads(s.threads()));
      SweepConsole.print(stdout, table, chartOn);
      try (Writer w = files.open("sweep.csv")) {
        SweepCsv.write(w, table);
      }
      List<String> warnings =
          SweepCharts.write(
              table,
              run.caption(m0, "sweep, " + scenario.describe(), s, model.overrides),
              chartOn,
              charts,
              files);
      Map<String, Object> json = run.json("sweep", m0, first);
      json.put("vary", vary);
      scenario.putJson(json);
      json.put("points", points.size());
      RunOptions.commitStudy(
          files, json, s, points.size(), seconds, warnings, spec.commandLine().getErr());
      written = files.dir();
      stdout.printf(
          Locale.ROOT,
          "wrote %s%n%d point%s × %d trials in %s s%n",
          UserText.escape(files.dir().toString()),
          points.size(),
          points.size() == 1 ? "" : "s",
          s.trials(),
          Numbers.brief(seconds, 3));
      stdout.flush();
    } catch (Exception e) {
      throw files.failed(e);
    }
    return 0;
  }
}
