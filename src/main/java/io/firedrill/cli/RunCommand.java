package io.firedrill.cli;

import io.firedrill.dist.Units;
import io.firedrill.engine.HazardBias;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.Charts;
import io.firedrill.report.RunConsole;
import io.firedrill.report.SummaryCsv;
import io.firedrill.run.CrossEntropy;
import io.firedrill.run.RareEvent;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code firedrill run}: trials over the horizon; annual risk per service (docs/simulation.md). */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Firedrill.Version.class,
    description = {
      "Simulate trials of the model's horizon and estimate, per service, downtime, outages,"
          + " longest outage, user-hours lost and the probability of breaching the rto.",
      "Writes summary.csv, causes.csv, run.json, charts (and outages.csv, trials.csv on request)"
          + " to --out (default results/<model>/run), which is replaced as a whole only when every"
          + " file is complete."
    })
final class RunCommand implements Callable<Integer>, Firedrill.WritesResults {
  @Mixin ModelOptions model;

  @Mixin RunOptions run;

  @Mixin BiasOptions bias;

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
    RunOptions.Settings s = run.settings(m, m.horizonHours());
    Charts.Format charts = run.chartFormat();
    Plan plan = RunOptions.plan(m, s);
    HazardBias factors = bias.factors(plan);
    if (factors != null && (run.perTrial || s.outages() > 0)) {
      throw new UsageException(
          "--bias with "
              + (run.perTrial ? "--per-trial" : "--outages")
              + ": the rows of an importance-sampled run carry no weights yet; leave one out");
    }
    RareEvent event = bias.event(plan);
    int[] candidates = event == null ? null : bias.candidates(plan);
    if (candidates != null && candidates.length == 0) {
      throw new UsageException(
          "--rare: no hazard to tilt: the model has no hazard with an exponential (rate) or"
              + " weibull time to failure that --bias does not set by hand");
    }
    run.checkMemory(plan, s, 0);
    PrintWriter stdout = spec.commandLine().getOut();
    AtomicFiles files = run.prepareOut(m, "run", root.cancellation());
    try (files) {
      ModelOptions.warn(loaded, spec.commandLine().getErr(), java.util.List.of());
      long start = System.nanoTime();
      CrossEntropy.Result chosen = null;
      if (event != null) {
        chosen =
            CrossEntropy.choose(
                plan,
                s.seed(),
                factors,
                candidates,
                event,
                BiasOptions.PILOT_TRIALS,
                BiasOptions.PILOT_ITERATIONS,
                root.cancellation());
        factors = chosen.bias();
      }
      RunStats stats =
          run.simulate(
              plan,
              s,
              null,
              Metric.withData(Metric.RUN, plan.hasData()),
              files,
              root.cancellation(),
              factors,
              event);
      double seconds = (System.nanoTime() - start) / 1e9;
      stdout.printf(
          Locale.ROOT,
          "%s: run%s, %d trials of %s, seed %d, %s%n",
          m.name(),
          run.label == null ? "" : " [" + run.label + "]",
          s.trials(),
          Units.formatDuration(s.horizonHours()),
          s.seed(),
          RunOptions.threads(s.threads()));
      RunConsole.printSummary(stdout, plan, stats);
      if (chosen != null) {
        BiasOptions.printPilot(stdout, plan, candidates, chosen);
      }
      if (factors != null) {
        RunConsole.printWeights(stdout, plan, BiasOptions.describe(plan, factors), stats);
      }
      if (event != null) {
        RunConsole.printEvent(stdout, event.text(), stats);
      }
      try (Writer w = files.open("summary.csv")) {
        SummaryCsv.writeRun(w, plan, stats);
      }
      List<String> warnings =
          Charts.writeRun(plan, stats, run.caption(m, "run", s, loaded.overrides()), charts, files);
      Map<String, Object> json = run.json("run", m, loaded);
      if (factors != null) {
        Map<String, Object> sampling =
            RunConsole.weightsJson(plan, BiasOptions.describe(plan, factors), stats);
        if (event != null) {
          sampling.put("event", RunConsole.eventJson(event.text(), stats));
          sampling.put("cross_entropy", BiasOptions.pilotJson(plan, candidates, chosen));
        }
        json.put("sampling", sampling);
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
