package io.firedrill.cli;

import io.firedrill.dist.Units;
import io.firedrill.model.Model;
import io.firedrill.model.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.Charts;
import io.firedrill.report.RunReport;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code firedrill run}: trials over the horizon; annual risk per service (SPEC §3). */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Firedrill.Version.class,
    description = {
      "Simulate trials of the model's horizon and estimate, per service, downtime, outages,"
          + " longest outage, user-hours lost and the probability of breaching the rto.",
      "Writes summary.csv, causes.csv, run.json (and outages.csv, trials.csv on request) to"
          + " --out, each renamed into place only when complete."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin ModelOptions model;

  @Mixin RunOptions run;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ModelLoader.Loaded loaded = model.load();
    Model m = loaded.model();
    RunOptions.Settings s = run.settings(m, m.horizonHours());
    Charts.Format charts = run.chartFormat();
    Plan plan = RunOptions.plan(m, s);
    PrintWriter stdout = spec.commandLine().getOut();
    try (AtomicFiles files = new AtomicFiles(run.outDir(m, "run"))) {
      ModelOptions.warn(loaded, spec.commandLine().getErr(), java.util.List.of());
      long start = System.nanoTime();
      RunStats stats = run.simulate(plan, s, null, Metric.RUN, files);
      double seconds = (System.nanoTime() - start) / 1e9;
      RunReport report = new RunReport(plan, stats);
      stdout.printf(
          "%s: run, %d trials of %s, seed %d, %d threads%n",
          m.name(), s.trials(), Units.formatDuration(s.horizonHours()), s.seed(), s.threads());
      report.printSummary(stdout);
      try (Writer w = files.open("summary.csv")) {
        report.writeSummary(w);
      }
      Charts.writeRun(plan, stats, RunOptions.heading(m, "run", s), charts, files);
      Map<String, Object> json = RunOptions.json("run", m, loaded);
      RunOptions.finish(files, report, stats, s, json, seconds, stdout);
    }
    return 0;
  }
}
