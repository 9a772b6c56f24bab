package io.firedrill.cli;

import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.engine.Kernel;
import io.firedrill.load.ModelLoader;
import io.firedrill.load.NearNames;
import io.firedrill.model.HazardKind;
import io.firedrill.model.HazardRef;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.Charts;
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
import java.util.ArrayList;
import java.util.Comparator;
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
 * {@code firedrill scenario --event KIND@NAME}: the named hazard fails at t = 0; how long until
 * each service is back, and how the recovery unfolds (docs/simulation.md, "Scenarios").
 */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    versionProvider = Firedrill.Version.class,
    description = {
      "Force one hazard to fail at t = 0 (fire@SITE is an uncontained fire; also fault@SITE,"
          + " cooling@SITE, grid@GRID, routing@NETWORK) and estimate per service the time to"
          + " recover, downtime and user-hours, with recovery curves over time.",
      "Writes summary.csv, recovery.csv, sites.csv, causes.csv, run.json (and outages.csv,"
          + " trials.csv on request) to --out (default results/<model>/scenario)."
    })
final class ScenarioCommand implements Callable<Integer>, Firedrill.WritesResults {
  @Mixin ModelOptions model;

  @Mixin RunOptions run;

  @Option(
      names = "--event",
      required = true,
      paramLabel = "KIND@NAME",
      description =
          "The hazard that fails at t = 0: fire@SITE, fault@SITE, cooling@SITE, grid@GRID or"
              + " routing@NETWORK.")
  String event;

  @Option(
      names = "--at",
      paramLabel = "WHEN",
      description = "Weekday and time of t = 0 in the activity profile, e.g. \"sat 15:30\".")
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
    HazardRef forced = resolve(m, event);
    m = EventOptions.applyAt(m, at);
    int points = (int) RunOptions.whole("--points", pointsText, 500, 100_001);
    RunOptions.Settings s = run.settings(m, m.scenarioHorizonHours());
    Charts.Format charts = run.chartFormat();
    Plan plan = RunOptions.plan(m, s);
    run.checkMemory(plan, s, points);
    Kernel.Background mode = EventOptions.background(background, noBackground);
    // Printed once every option is known good, so that a wrong one is the only line.
    EventOptions.noteFlatProfile(m, at, spec.commandLine().getErr(), "scenario");
    TrialRunner.Scenario scenario = new TrialRunner.Scenario(forced.name(), mode, points);
    PrintWriter stdout = spec.commandLine().getOut();
    String what = forced.name() + (at == null ? "" : " at " + UserText.echo(at));
    AtomicFiles files = run.prepareOut(m, "scenario", root.cancellation());
    try (files) {
      ModelOptions.warn(loaded, spec.commandLine().getErr(), java.util.List.of());
      long start = System.nanoTime();
      RunStats stats = run.simulate(plan, s, scenario, Metric.SCENARIO, files, root.cancellation());
      double seconds = (System.nanoTime() - start) / 1e9;
      stdout.printf(
          Locale.ROOT,
          "%s: scenario %s%s%s, %d trials of %s, seed %d, %d threads%n",
          m.name(),
          what,
          run.label == null ? "" : " [" + run.label + "]",
          ", background " + mode.name().toLowerCase(java.util.Locale.ROOT),
          s.trials(),
          Units.formatDuration(s.horizonHours()),
          s.seed(),
          s.threads());
      RunConsole.printScenarioSummary(stdout, plan, stats);
      String cut = RunConsole.censoringNote(plan, stats, s.horizonHours());
      if (cut != null) {
        stdout.println(cut);
      }
      double[] times = new double[points];
      for (int j = 0; j < points; j++) {
        times[j] = s.horizonHours() * j / (points - 1);
      }
      try (Writer w = files.open("summary.csv")) {
        SummaryCsv.write(w, plan, stats, Metric.SCENARIO, false);
      }
      try (Writer w = files.open("recovery.csv")) {
        RecoveryCsv.write(w, plan, stats, times);
      }
      try (Writer w = files.open("sites.csv")) {
        SitesCsv.write(w, plan, stats, times);
      }
      List<String> warnings =
          Charts.writeScenario(
              plan, stats, times, run.caption(m, what, s, loaded.overrides()), charts, files);
      Map<String, Object> json = run.json("scenario", m, loaded);
      json.put("event", forced.name());
      json.put("at", at);
      json.put("background", mode.name().toLowerCase(java.util.Locale.ROOT));
      json.put("curve_points", points);
      run.finish(
          files, plan, stats, s, json, seconds, warnings, stdout, spec.commandLine().getErr());
      written = files.dir();
    } catch (Exception e) {
      throw files.failed(e);
    }
    return 0;
  }

  /**
   * The hazard {@code event} names (surrounding blanks ignored), or a usage error: for a site that
   * exists but does not declare that kind, saying so; else the nearest valid event within two edits
   * if there is one; always listing every valid one.
   */
  static HazardRef resolve(Model m, String event) {
    List<HazardRef> valid = validEvents(m);
    String wanted = event == null ? "" : UserText.strip(event);
    for (HazardRef h : valid) {
      if (h.name().equals(wanted)) {
        return h;
      }
    }
    List<String> names = valid.stream().map(HazardRef::name).toList();
    String list =
        valid.isEmpty()
            ? " (the model has no hazard to force: give a site a "
                + siteKinds()
                + ", or a grid or network)"
            : " (valid: " + UserText.list(names) + ")";
    int at = wanted.indexOf('@');
    if (at > 0) {
      String kind = wanted.substring(0, at);
      String site = wanted.substring(at + 1);
      boolean siteKind = HazardKind.siteKinds().stream().anyMatch(k -> k.word().equals(kind));
      if (siteKind && m.sites().stream().anyMatch(x -> x.name().equals(site))) {
        throw new UsageException(
            "--event: site "
                + UserText.quote(site)
                + " declares no "
                + kind
                + "; give it sites."
                + UserText.bounded(site)
                + "."
                + kind
                + " to force one"
                + list);
      }
    }
    String near = new NearNames().closest(wanted, names);
    throw new UsageException(
        "--event: unknown event "
            + UserText.quote(wanted)
            + (near == null ? "" : ", did you mean " + UserText.quote(near) + "?")
            + list);
  }

  /** The site hazard kinds' words: {@code fire, fault or cooling}. */
  private static String siteKinds() {
    List<String> words = HazardKind.siteKinds().stream().map(HazardKind::word).toList();
    int last = words.size() - 1;
    return last == 0
        ? words.get(0)
        : String.join(", ", words.subList(0, last)) + " or " + words.get(last);
  }

  /**
   * Every event the model can force, one per hazard it declares ({@link Model#hazards}): the site
   * hazards first (by kind, then site), then grids and networks.
   */
  static List<HazardRef> validEvents(Model m) {
    List<HazardRef> out = new ArrayList<>(m.hazards());
    // A stable sort: within each group the hazards keep their cause order.
    out.sort(Comparator.comparingInt(h -> h.kind().scope() == HazardKind.Scope.SITE ? 0 : 1));
    return out;
  }
}
