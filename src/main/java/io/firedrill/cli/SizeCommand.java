package io.firedrill.cli;

import io.firedrill.dist.UserText;
import io.firedrill.engine.Kernel;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.Charts;
import io.firedrill.report.Numbers;
import io.firedrill.report.SizeChart;
import io.firedrill.report.SizeConsole;
import io.firedrill.report.SizeCsv;
import io.firedrill.run.HazardCache;
import io.firedrill.run.TrialRunner;
import io.firedrill.study.Sizing;
import io.firedrill.study.Target;
import io.firedrill.study.Vary;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
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
 * {@code firedrill size --vary PATH --target "SERVICE.METRIC.STAT <= X"}: the smallest value of
 * PATH that meets the target, by bisection on common random numbers ({@link Sizing}); the answer
 * and its files are written by {@link SizeConsole}, {@link SizeCsv} and {@link SizeChart}.
 */
@Command(
    name = "size",
    mixinStandardHelpOptions = true,
    versionProvider = Firedrill.Version.class,
    description = {
      "Find the smallest value of PATH in [--min, --max] that meets --target, by bisection on"
          + " common random numbers (whole numbers for capacities).",
      "Writes size.csv (every point visited), size.png (the statistic and its interval at each"
          + " value, the target and the answer) and run.json to --out (default"
          + " results/<model>/size)."
    })
final class SizeCommand implements Callable<Integer>, Firedrill.WritesResults {
  @Mixin ModelOptions model;

  @Mixin RunOptions run;

  @Mixin EventOptions scenario;

  @Option(
      names = "--vary",
      required = true,
      paramLabel = "PATH",
      description = "The parameter to size, e.g. services.talk.standby.anyang.")
  String path;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "\"SERVICE.METRIC.STAT <= X\"",
      description = "STAT: mean, p50, p90, p99, p999 or max; <= or >=.")
  String target;

  @Option(
      names = "--min",
      paramLabel = "A",
      description = "Smallest value tried (default 0; 1 for a site's feeds_needed).")
  String min;

  @Option(
      names = "--max",
      paramLabel = "B",
      description = "Largest value tried (default for a capacity: 4 × the service's demand).")
  String max;

  @Option(
      names = "--step",
      paramLabel = "S",
      description = "Resolution of the answer (default 1 for capacities, else range/1024).")
  String step;

  @Spec CommandSpec spec;

  /** The root command: its cancellation token stops this command's runs. */
  @ParentCommand Firedrill root;

  private Path written;

  @Override
  public Path written() {
    return written;
  }

  @Option(
      names = "--conservative",
      description =
          "A value meets the target only if the far end of its 95 %% interval does (for <=, the"
              + " upper bound), not just its estimate.")
  boolean conservative;

  /**
   * Why target t means nothing for model m (a breach of an objective the service does not have,
   * data loss of a service without data), or null.
   */
  static String undefinedFor(Model m, Target t) {
    if (t.service().equals(Model.TOTAL)) {
      return null;
    }
    io.firedrill.model.Service svc =
        m.services().stream().filter(x -> x.name().equals(t.service())).findFirst().orElseThrow();
    return io.firedrill.report.Estimable.whyNot(
        t.metric(),
        svc.name(),
        svc.rtoHours().isPresent(),
        svc.rpoHours().isPresent(),
        svc.data() != null);
  }

  @Override
  public Integer call() throws Exception {
    scenario.check();
    run.refuseRowOptions("size", scenario.isScenario());
    // The path as the model reads it, blanks around it ignored; echoed escaped.
    path = UserText.strip(path);
    String why = Vary.notAParameter(path);
    if (why != null) {
      throw new UsageException("--vary " + UserText.escape(path) + ": " + why);
    }
    ModelLoader.Loaded base = ModelLoader.load(model.model, model.overrides);
    Model m0 = scenario.apply(base.model());
    // The event and the background are checked before any note or warning is printed, so that a
    // wrong one is the only line (each point resolves them again, the same way).
    scenario.checkNames(m0);
    Target t;
    try {
      t =
          Target.parse(
              target, m0.services().stream().map(s -> s.name()).toList(), scenario.isScenario());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    String undefined = undefinedFor(m0, t);
    if (undefined != null) {
      throw new UsageException("--target: " + undefined);
    }
    boolean whole = Vary.isWhole(path);
    String lo = min != null ? min : Vary.smallest(path);
    String hi = max != null ? max : defaultMax(m0);
    if (whole && step != null && !UserText.strip(step).matches("[0-9]+")) {
      throw new UsageException(
          "--step "
              + UserText.escape(step)
              + ": "
              + UserText.escape(path)
              + " takes whole numbers; give a whole step (or none: 1)");
    }
    String st = step != null ? step : whole ? "1" : null;
    Vary range;
    try {
      range = Vary.search("--min/--max/--step", path, lo, hi, st);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    RunOptions.Settings s = run.settings(m0, scenario.defaultHorizonHours(m0));
    scenario.scenario(m0, s.horizonHours());
    Charts.Format charts = run.chartFormat();
    Plan plan0 = RunOptions.plan(m0, s);
    MemoryEstimate memory = MemoryEstimate.run(plan0, s.threads(), s.trials(), 0, false, 0);
    memory.check();
    EventOptions.noteFlatProfile(m0, scenario.at, spec.commandLine().getErr(), "size");
    ModelOptions.warn(base, spec.commandLine().getErr(), List.of(path));
    PrintWriter out = spec.commandLine().getOut();
    AtomicFiles files = run.prepareOut(m0, "size", root.cancellation());
    try (files) {
      size(base, m0, t, range, s, charts, out, files, memory.spare());
      written = files.dir();
    } catch (Exception e) {
      throw files.failed(e);
    }
    out.flush();
    return 0;
  }

  /**
   * The search, its report and its files; the points may keep up to {@code hazardBytes} bytes of
   * the hazards the first one samples ({@link HazardCache}).
   */
  private void size(
      ModelLoader.Loaded base,
      Model m0,
      Target t,
      Vary range,
      RunOptions.Settings s,
      Charts.Format charts,
      PrintWriter out,
      AtomicFiles files,
      long hazardBytes)
      throws Exception {
    long start = System.nanoTime();
    Sizing sizing =
        new Sizing(
            t,
            range,
            conservative,
            new TrialRunner.Options(s.trials(), s.seed(), s.threads(), 0, false),
            s.horizonHours(),
            new HazardCache(hazardBytes));
    Sizing.Result result = sizing.solve(x -> variant(range, x, s), root.cancellation());
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        Locale.ROOT,
        "%s: size %s for %s (%s)%s%s, %d trials per point, seed %d%n",
        m0.name(),
        path,
        t,
        scenario.describe(),
        conservative ? ", conservative" : "",
        run.label == null ? "" : " [" + run.label + "]",
        s.trials(),
        s.seed());
    SizeConsole.print(out, result, t, range, conservative, s.trials(), !m0.prices().isEmpty());
    try (Writer w = files.open("size.csv")) {
      SizeCsv.write(w, result, t, range);
    }
    List<String> chartWarnings =
        SizeChart.write(
            result, t, range, run.caption(m0, "size", s, model.overrides), charts, files);
    Sizing.Point answer = result.answer();
    int visited = result.visited().size();
    Map<String, Object> json = run.json("size", m0, base);
    json.put("vary", path);
    json.put("target", t.toString());
    json.put("conservative", conservative);
    json.put("answer", answer == null ? null : Vary.text(answer.value()) + range.unit());
    json.put("reachable", answer != null);
    scenario.putJson(json);
    json.put("points_visited", visited);
    RunOptions.commitStudy(
        files, json, s, visited, seconds, chartWarnings, spec.commandLine().getErr());
    out.printf(
        Locale.ROOT,
        "wrote %s (%d point%s visited in %s s%s)%n",
        UserText.escape(files.dir().toString()),
        visited,
        visited == 1 ? "" : "s",
        Numbers.brief(seconds, 3),
        sharing(sizing.pointsSharingHazards(), sizing.sharedTrialShare()));
  }

  /**
   * How the points shared the first one's hazards, for the last line: {@code ", 16 of them on the
   * hazards the first point sampled"}, with the share of their trials when the memory held only
   * part ({@code " for 19 % of their trials (the rest did not fit in memory)"}); empty when none
   * did.
   */
  static String sharing(int points, double share) {
    if (points == 0) {
      return "";
    }
    String all = ", " + points + " of them on the hazards the first point sampled";
    if (share >= 1) {
      return all;
    }
    // Down, and at least 1: "100 %" must not stand for a part, nor "0 %" for some.
    long percent = Math.max(1, (long) Math.floor(share * 100));
    return all + " for " + percent + " % of their trials (the rest did not fit in memory)";
  }

  /** The model with {@code --vary} at {@code x}, compiled, and its scenario. */
  private Sizing.Variant variant(Vary range, BigDecimal x, RunOptions.Settings s) throws Exception {
    ModelLoader.Loaded loaded = model.loadVaried(List.of(range.override(x)), List.of(path));
    Model m = scenario.apply(loaded.model());
    Plan plan = RunOptions.plan(m, s);
    TrialRunner.Scenario forced = scenario.scenario(m, s.horizonHours());
    if (forced != null && forced.background() == Kernel.Background.STATIONARY) {
      RunOptions.checkStationary(plan);
    }
    return new Sizing.Variant(m, plan, forced, loaded.warnings());
  }

  /** The default --max for a capacity: 4 × the demand of its service. */
  private String defaultMax(Model m) {
    String[] parts = path.split("\\.");
    if (parts.length >= 3
        && parts[0].equals("services")
        && m.service(parts[1]) != null
        && (parts[2].equals("deploy") || parts[2].equals("standby"))) {
      return BigDecimal.valueOf(4 * m.service(parts[1]).demand())
          .stripTrailingZeros()
          .toPlainString();
    }
    throw new UsageException(
        "--max is required for "
            + path
            + " (it has a default only for deploy and standby capacities)");
  }
}
