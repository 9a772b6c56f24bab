package io.firedrill.cli;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.engine.HazardBias;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.CausesCsv;
import io.firedrill.report.Charts;
import io.firedrill.report.Numbers;
import io.firedrill.report.OutagesCsv;
import io.firedrill.report.RunJson;
import io.firedrill.report.TrialsCsv;
import io.firedrill.run.Cancellation;
import io.firedrill.run.RareEvent;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.Metric;
import io.firedrill.stats.RunStats;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every simulating command shares (run, scenario), and what they do together. */
public final class RunOptions {
  @Option(
      names = "--trials",
      paramLabel = "N",
      description = "Trials, e.g. 100000, 100K or 1e6 (default: the model's).")
  String trials;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed, 0 to 2^63 - 1, e.g. 42 or 1e3 (default: the model's).")
  String seed;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "Worker threads, 1 to 1024 (default: all cores). Results do not depend on it.")
  String threads;

  @Option(
      names = "--horizon",
      paramLabel = "D",
      description = "Time simulated by one trial, e.g. 1y (default: the command's).")
  String horizon;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: results/<model>/<command>).")
  Path out;

  @Option(
      names = "--outages",
      paramLabel = "N",
      description =
          "Write the first N outages to outages.csv (run and scenario; sweep and size refuse it).")
  String outages;

  @Option(
      names = "--per-trial",
      description =
          "Write one row per trial and service to trials.csv (run and scenario; sweep and size"
              + " refuse it).")
  boolean perTrial;

  @Option(
      names = "--label",
      paramLabel = "NAME",
      description = {
        "Name of this variant, e.g. ops-in-anyang: shown in chart titles and run.json, and the"
            + " default output folder becomes results/<model>/<command>-NAME.",
        "Letters, digits, '.', '-' and '_'."
      })
  String label;

  @Option(
      names = "--charts",
      paramLabel = "FORMAT",
      defaultValue = "png",
      description = "Charts: png (default), svg or none.")
  String charts;

  /** The chart format, checked as usage. */
  Charts.Format chartFormat() {
    switch (UserText.strip(charts).toLowerCase(java.util.Locale.ROOT)) {
      case "png":
        return Charts.Format.PNG;
      case "svg":
        return Charts.Format.SVG;
      case "none":
        return Charts.Format.NONE;
      default:
        throw new UsageException(
            "--charts must be png, svg or none, got " + UserText.quote(charts));
    }
  }

  /**
   * "model · what · label · N trials of H": the first words of every chart title; the overrides go
   * in a line under each chart.
   */
  Charts.Caption caption(Model m, String what, Settings s, List<String> overrides) {
    if (what.length() > MAX_CAPTION_WHAT) {
      // Several events make a long list: the chart's title keeps its start (run.json has them all).
      what = what.substring(0, MAX_CAPTION_WHAT - 1) + "…";
    }
    return new Charts.Caption(
        String.format(
            Locale.ROOT,
            "%s · %s%s · %,d trials of %s",
            m.name(),
            what,
            label == null ? "" : " · " + label,
            s.trials(),
            Units.formatDuration(s.horizonHours())),
        overrides);
  }

  /** Most characters of the command's description in a chart's title (several events). */
  static final int MAX_CAPTION_WHAT = 64;

  /** The settings: command line where given, else the defaults; checked as usage. */
  record Settings(long trials, long seed, int threads, double horizonHours, int outages) {}

  /**
   * Refuses the options of {@code run} and {@code scenario} that a study (sweep, size) does not
   * honour: it writes no per-trial rows and no list of outages.
   */
  void refuseRowOptions(String command, boolean scenario) {
    String one = scenario ? "scenario --event ... --set PATH=VALUE" : "run --set PATH=VALUE";
    if (perTrial) {
      throw new UsageException(
          "--per-trial is not written by "
              + command
              + " (one row per trial of every point would be huge): run one point with "
              + one
              + " --per-trial");
    }
    if (outages != null) {
      throw new UsageException(
          "--outages is not written by "
              + command
              + ": run one point with "
              + one
              + " --outages N");
    }
  }

  /** Most trials one command runs (as in a model file): 2^40, about 1.1e12. */
  static final long MAX_TRIALS = Model.MAX_TRIALS;

  /** Most worker threads: more would only cost memory (a thread stack each) and no speed. */
  static final int MAX_THREADS = 1024;

  /** Compiles {@code m} for the run's horizon, refusing up front a trial too big for memory. */
  static Plan plan(Model m, Settings s) {
    return plan(m, s.horizonHours());
  }

  /**
   * {@code m} compiled for trials of {@code horizonHours}, or the refusal {@code run} would make up
   * front (a plan too large, more hazard events per trial than firedrill simulates).
   *
   * @throws UsageException one line saying what is too large
   */
  static Plan plan(Model m, double horizonHours) {
    Plan plan;
    try {
      plan = Plan.compile(m, horizonHours);
    } catch (Plan.TooLarge e) {
      throw new UsageException(e.getMessage());
    }
    checkLimits(plan);
    return plan;
  }

  /** Refuses, up front, a plan whose trials would hold more events than memory allows. */
  private static void checkLimits(Plan plan) {
    double events = plan.expectedEventsPerTrial();
    if (events > Plan.MAX_EVENTS_PER_TRIAL) {
      throw new UsageException(
          String.format(
              Locale.ROOT,
              "the model expects about %.3g hazard events per trial over %s; firedrill simulates at"
                  + " most %,.0f (lower a rate or the horizon)",
              events,
              Units.formatDuration(plan.horizonHours),
              Plan.MAX_EVENTS_PER_TRIAL));
    }
  }

  /**
   * Refuses, up front, a scenario or study whose stationary background would draw more events than
   * a trial may hold: its warm-up before t = 0 ({@link Plan#hazardWarmUp}) counts too.
   */
  static void checkStationary(Plan plan) {
    double events = plan.expectedEventsPerTrial(true);
    if (events > Plan.MAX_EVENTS_PER_TRIAL) {
      double w = 0;
      for (double x : plan.hazardWarmUp) {
        w = Math.max(w, x);
      }
      throw new UsageException(
          String.format(
              Locale.ROOT,
              "the model expects about %.3g hazard events per trial over %s with the stationary"
                  + " background's warm-up of about %s before t = 0 (for effects with long delays"
                  + " or outages, or damage with long repairs); firedrill simulates at most %,.0f"
                  + " (shorten their tails, or use --background fresh)",
              events,
              Units.formatDuration(plan.horizonHours),
              roughDuration(w),
              Plan.MAX_EVENTS_PER_TRIAL));
    }
  }

  /**
   * Hours to three significant digits in years, days or hours, without an exponent ({@code 22400y},
   * {@code 100000y}, {@code 3.5d}, {@code 7.25h}).
   */
  static String roughDuration(double hours) {
    double v = hours >= 8760 ? hours / 8760 : hours >= 24 ? hours / 24 : hours;
    String unit = hours >= 8760 ? "y" : hours >= 24 ? "d" : "h";
    return new java.math.BigDecimal(v)
            .round(new java.math.MathContext(3))
            .stripTrailingZeros()
            .toPlainString()
        + unit;
  }

  Settings settings(Model m, double defaultHorizonHours) {
    long n = trials != null ? whole("--trials", trials, 1, MAX_TRIALS) : m.trials();
    long s = seed != null ? whole("--seed", seed, 0, Long.MAX_VALUE) : m.seed();
    int t =
        threads != null
            ? (int) whole("--threads", threads, 1, MAX_THREADS)
            : Runtime.getRuntime().availableProcessors();
    int o = outages != null ? (int) whole("--outages", outages, 0, Integer.MAX_VALUE) : 0;
    double h = horizon != null ? horizonHours("--horizon", horizon) : defaultHorizonHours;
    return new Settings(n, s, t, h, o);
  }

  /**
   * A whole-number option in the model's count syntax ({@code 100K}, {@code 1e6}), in [min, max];
   * else a usage error {@code OPTION must be a whole number from MIN to MAX, got 'TEXT'}.
   */
  static long whole(String option, String text, long min, long max) {
    try {
      return Units.parseWhole(text, min, max);
    } catch (SyntaxException e) {
      throw new UsageException(option + " " + e.getMessage());
    }
  }

  /** A horizon option: a positive duration of at most 100,000 years, in hours. */
  static double horizonHours(String option, String text) {
    double h;
    try {
      h = Units.parseDuration(text);
    } catch (SyntaxException e) {
      throw new UsageException(option + " " + text + ": " + e.getMessage());
    }
    if (!(h > 0)) {
      throw new UsageException(option + " must be positive, got " + text);
    }
    if (h > Units.MAX_HORIZON_HOURS) {
      throw new UsageException(option + " must be at most 100000y, got " + text);
    }
    return h;
  }

  /**
   * The output folder: {@code --out}, else {@code results/<model>/<command>} (with {@code --label},
   * {@code <command>-<label>}).
   */
  Path outDir(Model m, String command) {
    if (label != null && !label.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")) {
      throw new UsageException(
          "--label '"
              + label
              + "': use up to 100 ASCII letters, digits, '.', '-' and '_', not starting with '.' or '-'");
    }
    if (out != null) {
      return out;
    }
    String folder = label == null ? command : command + "-" + label;
    String name = m.name();
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.contains("/")
        || name.contains("\\")
        || name.indexOf('\0') >= 0) {
      throw new UsageException(
          "the model's name '"
              + name
              + "' cannot name a folder; give the output folder with --out");
    }
    try {
      return Path.of("results", name, folder);
    } catch (InvalidPathException e) {
      throw new UsageException(
          "the default output folder results/"
              + name
              + "/"
              + folder
              + " cannot be represented in the system's encoding ("
              + System.getProperty("sun.jnu.encoding", "unknown")
              + "); use a UTF-8 locale (for example LANG=C.UTF-8) or give --out");
    }
  }

  /**
   * Prepares the output folder before any trial runs (see {@link AtomicFiles}): a folder that
   * cannot be written, holds files firedrill did not write, or is in use is refused here.
   */
  AtomicFiles prepareOut(Model m, String command, Cancellation cancellation) {
    return AtomicFiles.prepare(outDir(m, command), cancellation);
  }

  /** "1 thread" or "2 threads", for the console. */
  static String threads(int n) {
    return n + (n == 1 ? " thread" : " threads");
  }

  /** Refuses, up front, a run whose estimated memory exceeds the heap (see MemoryEstimate). */
  void checkMemory(Plan plan, Settings s, int curvePoints) {
    checkMemory(plan, s, curvePoints, false);
  }

  /** {@link #checkMemory}, counting a stationary background's warm-up when {@code stationary}. */
  void checkMemory(Plan plan, Settings s, int curvePoints, boolean stationary) {
    MemoryEstimate.run(
            plan, s.threads(), s.trials(), curvePoints, perTrial, s.outages(), stationary)
        .check();
  }

  /**
   * Runs the trials, writing {@code trials.csv} (with {@code --per-trial}) and {@code outages.csv}
   * (with {@code --outages}) as blocks are merged; the caller writes the rest into {@code files}
   * and commits. Stops after the block during which {@code cancellation} is cancelled.
   */
  RunStats simulate(
      Plan plan,
      Settings s,
      TrialRunner.Scenario scenario,
      List<Metric> metrics,
      AtomicFiles files,
      Cancellation cancellation)
      throws Exception {
    return simulate(plan, s, scenario, metrics, files, cancellation, null, null);
  }

  /**
   * As {@link #simulate(Plan, Settings, TrialRunner.Scenario, List, AtomicFiles, Cancellation)},
   * importance-sampled with {@code bias} (per hazard id, {@link TrialRunner.Options#bias}; null for
   * none), estimating the probability of {@code event} (null for none).
   */
  RunStats simulate(
      Plan plan,
      Settings s,
      TrialRunner.Scenario scenario,
      List<Metric> metrics,
      AtomicFiles files,
      Cancellation cancellation,
      HazardBias bias,
      RareEvent event)
      throws Exception {
    TrialsCsv rows = null;
    OutagesCsv outagesCsv = null;
    ProgressBar bar = null;
    try {
      if (perTrial) {
        rows = new TrialsCsv(plan, metrics, files.open("trials.csv"));
      }
      if (s.outages() > 0) {
        outagesCsv = new OutagesCsv(plan, files.open("outages.csv"));
      }
      bar = ProgressBar.onTerminal(s.trials());
      RunStats stats =
          TrialRunner.run(
              plan,
              new TrialRunner.Options(
                  s.trials(), s.seed(), s.threads(), s.outages(), perTrial, scenario, bias, event),
              rows,
              outagesCsv,
              bar,
              cancellation);
      return stats;
    } finally {
      if (bar != null) {
        bar.finish();
      }
      if (rows != null) {
        rows.close();
      }
      if (outagesCsv != null) {
        outagesCsv.close();
      }
    }
  }

  /** The first fields of every {@code run.json}: what was run, on which model, as which variant. */
  Map<String, Object> json(String command, Model m, ModelLoader.Loaded loaded) {
    Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("command", command);
    json.put("label", label);
    json.put("model", m.name());
    json.put("model_source", loaded.source());
    json.put("model_sha256", loaded.sha256());
    json.put("overrides", loaded.overrides());
    return json;
  }

  /** How it was run: seed, trials, horizon, threads, block size, wall time. */
  static void putSettings(Map<String, Object> json, Settings s, double seconds) {
    json.put("seed", s.seed());
    json.put("trials", s.trials());
    json.put("horizon_h", s.horizonHours());
    json.put("threads", s.threads());
    json.put("block_trials", TrialRunner.BLOCK_TRIALS);
    json.put("wall_time_s", seconds);
    json.put("trials_per_second", seconds > 0 ? s.trials() / seconds : null);
  }

  /**
   * Writes the files common to run and scenario, then {@code run.json}, and commits; prints the
   * chart warnings (on standard error) and where the results are.
   */
  void finish(
      AtomicFiles files,
      Plan plan,
      RunStats stats,
      Settings s,
      Map<String, Object> json,
      double seconds,
      List<String> warnings,
      PrintWriter stdout,
      PrintWriter stderr)
      throws Exception {
    try (Writer w = files.open("causes.csv")) {
      CausesCsv.write(w, plan, stats);
    }
    putSettings(json, s, seconds);
    try (Writer w = files.open("run.json")) {
      RunJson.write(w, json);
    }
    files.commit();
    printWarnings(stderr, json, warnings);
    stdout.printf(Locale.ROOT, "wrote %s%n", UserText.escape(files.dir().toString()));
    stdout.printf(
        Locale.ROOT,
        "%d trials in %s s: %s trials/s on %s%n",
        s.trials(),
        Numbers.brief(seconds, 3),
        Numbers.brief(s.trials() / seconds, 3),
        RunOptions.threads(s.threads()));
    stdout.flush();
  }

  /** Prints each warning as one line on standard error, after the command's name. */
  /**
   * Ends a study (sweep, size): its settings into {@code json}, {@code run.json} written, the set
   * committed, then the chart warnings printed.
   */
  static void commitStudy(
      AtomicFiles files,
      Map<String, Object> json,
      Settings s,
      long points,
      double seconds,
      List<String> warnings,
      PrintWriter stderr)
      throws Exception {
    putSettings(json, s, seconds);
    // Every point ran s.trials() trials: the rate is of them all.
    json.put("trials_per_second", (double) points * s.trials() / seconds);
    try (Writer w = files.open("run.json")) {
      RunJson.write(w, json);
    }
    files.commit();
    printWarnings(stderr, json, warnings);
  }

  static void printWarnings(PrintWriter stderr, Map<String, Object> json, List<String> warnings) {
    for (String w : warnings) {
      stderr.println("firedrill " + json.get("command") + ": " + w);
    }
    stderr.flush();
  }
}
