package io.firedrill.cli;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.engine.Runner;
import io.firedrill.model.Model;
import io.firedrill.model.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.Numbers;
import io.firedrill.report.RunReport;
import io.firedrill.stats.RunStats;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Option(names = "--trials", paramLabel = "N", description = "Trials (default: the model's).")
  Long trials;

  @Option(names = "--seed", paramLabel = "S", description = "Seed (default: the model's).")
  Long seed;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "Worker threads (default: all cores). Results do not depend on it.")
  Integer threads;

  @Option(
      names = "--horizon",
      paramLabel = "D",
      description = "Time simulated by one trial, e.g. 1y (default: the model's).")
  String horizon;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: results/<model>/run).")
  Path out;

  @Option(
      names = "--outages",
      paramLabel = "N",
      description = "Write the first N outages to outages.csv.")
  int outages;

  @Option(names = "--per-trial", description = "Write one row per trial and service to trials.csv.")
  boolean perTrial;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ModelLoader.Loaded loaded = model.load();
    Model m = loaded.model();
    RunSettings s = RunSettings.of(m, trials, seed, threads, horizon, outages);
    Plan plan = Plan.compile(m, s.horizonHours());
    Path dir = out != null ? out : Path.of("results", m.name(), "run");
    PrintWriter stdout = spec.commandLine().getOut();
    try (AtomicFiles files = new AtomicFiles(dir)) {
      CSVPrinter trialsCsv =
          perTrial
              ? new CSVPrinter(
                  files.open("trials.csv"),
                  RunReport.CSV.builder().setHeader(RunReport.TRIALS_HEADER).get())
              : null;
      long start = System.nanoTime();
      RunStats stats;
      try {
        stats =
            Runner.run(
                plan,
                new Runner.Options(s.trials(), s.seed(), s.threads(), s.outages(), perTrial),
                trialsCsv == null
                    ? null
                    : (first, count, values) -> writeRows(plan, trialsCsv, first, count, values),
                null);
      } finally {
        if (trialsCsv != null) {
          trialsCsv.close();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      RunReport report = new RunReport(plan, stats);
      stdout.printf(
          "%s: run, %d trials of %s, seed %d, %d threads%n",
          m.name(), s.trials(), Units.formatDuration(s.horizonHours()), s.seed(), s.threads());
      report.printSummary(stdout);
      try (Writer w = files.open("summary.csv")) {
        report.writeSummary(w);
      }
      try (Writer w = files.open("causes.csv")) {
        report.writeCauses(w);
      }
      if (s.outages() > 0) {
        try (Writer w = files.open("outages.csv")) {
          report.writeOutages(w);
        }
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("command", "run");
      json.put("model", m.name());
      json.put("model_source", loaded.source());
      json.put("model_sha256", loaded.sha256());
      json.put("overrides", loaded.overrides());
      json.put("seed", s.seed());
      json.put("trials", s.trials());
      json.put("horizon_h", s.horizonHours());
      json.put("threads", s.threads());
      json.put("block_trials", Runner.BLOCK_TRIALS);
      json.put("wall_time_s", seconds);
      json.put("trials_per_second", s.trials() / seconds);
      try (Writer w = files.open("run.json")) {
        RunReport.writeRunJson(w, json);
      }
      files.commit();
      stdout.printf("wrote %s%n", dir);
      stdout.printf(
          "%d trials in %s s: %s trials/s on %d threads%n",
          s.trials(),
          Numbers.brief(seconds, 3),
          Numbers.brief(s.trials() / seconds, 3),
          s.threads());
      stdout.flush();
    }
    return 0;
  }

  private static void writeRows(Plan plan, CSVPrinter csv, long first, int count, double[] v)
      throws java.io.IOException {
    int ns = plan.services;
    for (int t = 0; t < count; t++) {
      for (int a = 0; a < ns; a++) {
        int k = (t * ns + a) * Runner.METRICS;
        csv.printRecord(
            first + t,
            plan.serviceNames[a],
            Numbers.csv(v[k]),
            (long) v[k + 1],
            Numbers.csv(v[k + 2]),
            Numbers.csv(v[k + 3]),
            (long) v[k + 4]);
      }
    }
  }

  /** The run's settings: command line where given, else the model's; checked as usage. */
  record RunSettings(long trials, long seed, int threads, double horizonHours, int outages) {
    static RunSettings of(
        Model m, Long trials, Long seed, Integer threads, String horizon, int outages) {
      long n = trials != null ? trials : m.trials();
      if (n < 1) {
        throw new UsageException("--trials must be at least 1, got " + n);
      }
      long s = seed != null ? seed : m.seed();
      int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      if (t < 1) {
        throw new UsageException("--threads must be at least 1, got " + t);
      }
      if (outages < 0) {
        throw new UsageException("--outages must be zero or more, got " + outages);
      }
      double h = m.horizonHours();
      if (horizon != null) {
        try {
          h = Units.parseDuration(horizon);
        } catch (SyntaxException e) {
          throw new UsageException("--horizon " + horizon + ": " + e.getMessage());
        }
        if (!(h > 0)) {
          throw new UsageException("--horizon must be positive, got " + horizon);
        }
      }
      return new RunSettings(n, s, t, h, outages);
    }
  }
}
