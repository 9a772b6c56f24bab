package io.firedrill.cli;

import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.engine.Kernel;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.Charts;
import io.firedrill.report.Observation;
import io.firedrill.report.ObservedCsv;
import io.firedrill.report.RecoveryCsv;
import io.firedrill.report.RunConsole;
import io.firedrill.report.SitesCsv;
import io.firedrill.report.SummaryCsv;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
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
 * {@code firedrill scenario --event KIND@NAME}: each named hazard or generator fails at t = 0 or an
 * offset after it; how long until each service is back, and how the recovery unfolds
 * (docs/simulation.md, "Scenarios").
 */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    versionProvider = Firedrill.Version.class,
    description = {
      "Force one or more hazards or generators to fail (fire@SITE is an uncontained fire; also"
          + " fault@SITE, cooling@SITE, a zone's fire@SITE/ZONE, fault@SITE/ZONE and"
          + " cooling@SITE/ZONE, generator@SITE, grid@GRID, routing@NETWORK, common@EVENT), at"
          + " t = 0 or"
          + " an offset after it, and estimate per service the time to recover, downtime and"
          + " user-hours, with recovery curves over time.",
      "Writes summary.csv, recovery.csv, sites.csv, causes.csv, run.json (and outages.csv,"
          + " trials.csv, observed.csv on request) to --out (default results/<model>/scenario)."
    })
final class ScenarioCommand implements Callable<Integer>, Firedrill.WritesResults {
  @Mixin ModelOptions model;

  @Mixin RunOptions run;

  @Option(
      names = "--event",
      required = true,
      paramLabel = "KIND@NAME[+OFFSET]",
      description =
          "A hazard or generator that fails at t = 0, or OFFSET after it: fire@SITE, fault@SITE,"
              + " cooling@SITE (a zone's: fire@SITE/ZONE...), generator@SITE, grid@GRID,"
              + " routing@NETWORK or common@EVENT; repeat"
              + " for several"
              + " (--event grid@g --event generator@s+10m).")
  List<String> events;

  @Option(
      names = "--at",
      paramLabel = "WHEN",
      description =
          "Weekday and time of t = 0 in the week (activity profile and staffing), e.g. \"sat"
              + " 15:30\".")
  String at;

  @Option(
      names = "--background",
      paramLabel = "MODE",
      description =
          "The other hazards: stationary (default: each already down at t = 0 with its long-run"
              + " probability, as on an ordinary day), fresh (all up at t = 0) or off.")
  String background;

  @Option(
      names = "--no-background",
      description = "Only the forced event: no other hazard (--background off).")
  boolean noBackground;

  @Option(
      names = "--points",
      paramLabel = "N",
      defaultValue = "501",
      description = "Times on the recovery curves, evenly spaced over [0, H] (default 501).")
  String pointsText;

  @Option(
      names = "--observed",
      paramLabel = "FILE",
      description =
          "CSV of observed points to compare with (a public timeline, a post-mortem): columns"
              + " series (a service or site), time_h (hours after t = 0), value (0 to 1, or 60%%),"
              + " and optionally fitted (yes/no) and source. Drawn on the recovery and sites"
              + " charts; observed.csv puts each beside the simulated p10–p90.")
  String observedFile;

  @Spec CommandSpec spec;

  /** The root command: its cancellation token stops this command's runs. */
  @ParentCommand Firedrill root;

  private Path written;

  @Override
  public Path written() {
    return written;
  }

  @Override
  public Integer call() throws Exception {
    ModelLoader.Loaded loaded = model.load();
    Model m = loaded.model();
    List<TrialRunner.Event> forced = ScenarioEvents.parse(m, events);
    m = EventOptions.applyAt(m, at);
    int points = (int) RunOptions.whole("--points", pointsText, 500, 100_001);
    RunOptions.Settings s = run.settings(m, m.scenarioHorizonHours());
    ScenarioEvents.checkTimes(forced, events, s.horizonHours());
    Charts.Format charts = run.chartFormat();
    Plan plan = RunOptions.plan(m, s);
    Kernel.Background mode = EventOptions.background(background, noBackground);
    if (mode == Kernel.Background.STATIONARY) {
      RunOptions.checkStationary(plan);
    }
    run.checkMemory(plan, s, points, mode == Kernel.Background.STATIONARY);
    ObservedPoints.Read read =
        observedFile == null ? null : ObservedPoints.read(observedFile, plan, s.horizonHours());
    List<Observation> observed = read == null ? List.of() : read.points();
    // Printed once every option is known good, so that a wrong one is the only line.
    EventOptions.noteFlatProfile(m, at, spec.commandLine().getErr(), "scenario");
    TrialRunner.Scenario scenario = new TrialRunner.Scenario(forced, mode, points);
    PrintWriter stdout = spec.commandLine().getOut();
    String what = ScenarioEvents.describe(forced) + (at == null ? "" : " at " + UserText.echo(at));
    AtomicFiles files = run.prepareOut(m, "scenario", root.cancellation());
    try (files) {
      ModelOptions.warn(loaded, spec.commandLine().getErr(), java.util.List.of());
      long start = System.nanoTime();
      List<Metric> metrics = Metric.withData(Metric.SCENARIO, plan.hasData());
      RunStats stats = run.simulate(plan, s, scenario, metrics, files, root.cancellation());
      double seconds = (System.nanoTime() - start) / 1e9;
      stdout.printf(
          Locale.ROOT,
          "%s: scenario %s%s%s, %d trials of %s, seed %d, %s%n",
          m.name(),
          what,
          run.label == null ? "" : " [" + run.label + "]",
          ", background " + mode.name().toLowerCase(java.util.Locale.ROOT),
          s.trials(),
          Units.formatDuration(s.horizonHours()),
          s.seed(),
          RunOptions.threads(s.threads()));
      RunConsole.printScenarioSummary(stdout, plan, stats);
      String cut = RunConsole.censoringNote(plan, stats, s.horizonHours());
      if (cut != null) {
        stdout.println(cut);
      }
      double[] times = new double[points];
      for (int j = 0; j < points; j++) {
        times[j] = s.horizonHours() * j / (points - 1);
      }
      if (!observed.isEmpty()) {
        stdout.println(ObservedCsv.summary(plan, stats, times, observed));
      }
      try (Writer w = files.open("summary.csv")) {
        SummaryCsv.write(w, plan, stats, metrics, false);
      }
      try (Writer w = files.open("recovery.csv")) {
        RecoveryCsv.write(w, plan, stats, times);
      }
      try (Writer w = files.open("sites.csv")) {
        SitesCsv.write(w, plan, stats, times);
      }
      if (!observed.isEmpty()) {
        try (Writer w = files.open("observed.csv")) {
          ObservedCsv.write(w, plan, stats, times, observed);
        }
      }
      List<String> warnings =
          Charts.writeScenario(
              plan,
              stats,
              times,
              observed,
              run.caption(m, what, s, loaded.overrides()),
              charts,
              files);
      Map<String, Object> json = run.json("scenario", m, loaded);
      json.put("event", ScenarioEvents.describe(forced));
      json.put("events", ScenarioEvents.json(forced));
      json.put("at", at);
      json.put("background", mode.name().toLowerCase(java.util.Locale.ROOT));
      json.put("curve_points", points);
      if (!observed.isEmpty()) {
        json.put("observed", observedFile);
        json.put("observed_points", observed.size());
        json.put("observed_sha256", read.sha256());
      }
      run.finish(
          files, plan, stats, s, json, seconds, warnings, stdout, spec.commandLine().getErr());
      written = files.dir();
    } catch (Exception e) {
      throw files.failed(e);
    }
    return 0;
  }
}
