package io.firedrill.cli;

import io.firedrill.engine.Runner;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.Charts;
import io.firedrill.report.Numbers;
import io.firedrill.report.RunReport;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import io.firedrill.study.Costs;
import io.firedrill.study.Explanation;
import io.firedrill.study.Target;
import io.firedrill.study.Vary;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code firedrill size --vary PATH --target "SERVICE.METRIC.STAT <= X"}: the smallest value of
 * PATH that meets the target, by bisection on common random numbers.
 *
 * <p>Every value is evaluated on the same seed and trials, so a visited point's estimate moves only
 * because the parameter moved. Bisection assumes the target is met from some value on; the visited
 * points are checked for that and a warning is printed when they contradict it. A target not met
 * even at the maximum is an answer, not an error: the best value found is reported.
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

  @Option(names = "--min", paramLabel = "A", description = "Smallest value tried (default 0).")
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
   * One evaluated point: the statistic's estimate and 95 % interval (NaN where undefined), whether
   * it meets the target, the yearly cost, and what explains its value.
   */
  record Point(
      BigDecimal value,
      double estimate,
      double low,
      double high,
      boolean met,
      double cost,
      List<String> why) {
    double[] interval() {
      return new double[] {low, high};
    }
  }

  @Override
  public Integer call() throws Exception {
    scenario.check();
    run.refuseRowOptions("size");
    String why = Vary.notAParameter(path);
    if (why != null) {
      throw new UsageException("--vary " + path + ": " + why);
    }
    ModelLoader.Loaded base = ModelLoader.load(model.model, model.overrides);
    Model m0 = scenario.apply(base.model());
    EventOptions.noteFlatProfile(m0, scenario.at, spec.commandLine().getErr(), "size");
    Target t;
    try {
      t =
          Target.parse(
              target, m0.services().stream().map(s -> s.name()).toList(), scenario.isScenario());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    boolean whole = Vary.isWhole(path);
    String lo = min != null ? min : "0";
    String hi = max != null ? max : defaultMax(m0);
    String st = step != null ? step : whole ? "1" : null;
    Vary range;
    try {
      range = Vary.search("--min/--max/--step", path, lo, hi, st);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    RunOptions.Settings s = run.settings(m0, scenario.defaultHorizonHours(m0));
    Charts.Format charts = run.chartFormat();
    ModelOptions.warn(base, spec.commandLine().getErr(), List.of(path));
    Plan plan0 = RunOptions.plan(m0, s);
    MemoryEstimate.run(plan0, s.threads(), s.trials(), 0, false, 0).check();
    PrintWriter out = spec.commandLine().getOut();
    AtomicFiles files = run.prepareOut(m0, "size");
    try (files) {
      size(base, m0, t, range, s, charts, out, files);
      written = files.dir();
    } catch (Exception e) {
      throw files.failed(e);
    }
    out.flush();
    return 0;
  }

  /** The bisection, its report and its files. */
  private void size(
      ModelLoader.Loaded base,
      Model m0,
      Target t,
      Vary range,
      RunOptions.Settings s,
      Charts.Format charts,
      PrintWriter out,
      AtomicFiles files)
      throws Exception {
    Map<BigDecimal, Point> visited = new TreeMap<>();
    long start = System.nanoTime();

    BigDecimal a = range.from();
    BigDecimal b = range.to();
    Point pa = evaluate(range, a, t, s, visited);
    Point answer = null;
    Point below = null;
    if (pa.met()) {
      answer = pa;
    } else {
      Point pb = evaluate(range, b, t, s, visited);
      if (pb.met()) {
        // Invariant: a not met, b met.
        while (b.subtract(a).compareTo(range.step()) > 0) {
          BigDecimal mid = snap(a.add(b).divide(BigDecimal.valueOf(2)), range);
          if (mid.compareTo(a) <= 0 || mid.compareTo(b) >= 0) {
            break;
          }
          if (evaluate(range, mid, t, s, visited).met()) {
            b = mid;
          } else {
            a = mid;
          }
        }
        answer = visited.get(b);
        below = visited.get(a);
      }
    }
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
    boolean withCost = !m0.prices().isEmpty();
    String stat = t.service() + "." + t.metric().csvName() + "." + t.stat();
    if (answer != null) {
      out.printf(
          Locale.ROOT,
          "answer: %s = %s%s%n",
          path,
          show(answer.value(), range),
          withCost ? " (cost " + Numbers.brief(answer.cost(), 4) + " per year)" : "");
      out.printf(
          Locale.ROOT,
          "  at the answer: %s = %s%n",
          stat,
          Numbers.withInterval(answer.estimate(), answer.interval()));
      if (below != null) {
        out.printf(
            Locale.ROOT,
            "  one step below (%s): %s, target not met%n",
            show(below.value(), range),
            Numbers.withInterval(below.estimate(), below.interval()));
      } else {
        out.printf(
            Locale.ROOT,
            "  the target is met already at the minimum %s%n",
            show(range.from(), range));
      }
      // Conservative answers are on the safe side by construction: no noise warning.
      String noise = conservative ? null : noise(t, answer, below, s.trials());
      if (noise != null) {
        out.println("warning: " + noise);
      }
    } else {
      // Is the metric still moving at the top of the range, or held on a plateau? One more
      // point, halfway, tells: flat between it and the maximum means more of the parameter
      // would not help.
      Point last = visited.get(range.to().stripTrailingZeros());
      Point half =
          evaluate(range, snap(range.from().add(range.to()).divide(TWO), range), t, s, visited);
      // The closest to the target; the smallest value among equals (the cheapest).
      Point best =
          visited.values().stream()
              .min(
                  (x, y) ->
                      Double.compare(
                          Math.abs(x.estimate() - t.bound()), Math.abs(y.estimate() - t.bound())))
              .orElseThrow();
      out.printf(
          Locale.ROOT,
          "not reachable: %s is not met anywhere in [%s, %s]; best value found %s = %s"
              + " gives %s%n",
          t,
          show(range.from(), range),
          show(range.to(), range),
          path,
          show(best.value(), range),
          Numbers.withInterval(best.estimate(), best.interval()));
      boolean flat = flat(half, last);
      out.println(
          flat
              ? "  why: "
                  + stat
                  + " no longer moves ("
                  + Numbers.brief(half.estimate(), 4)
                  + " at "
                  + show(half.value(), range)
                  + ", "
                  + Numbers.brief(last.estimate(), 4)
                  + " at "
                  + show(last.value(), range)
                  + "): more of "
                  + path
                  + " does not help; something else holds it. At "
                  + show(best.value(), range)
                  + ":"
              : "  "
                  + stat
                  + " "
                  + trend(t, half, last, range)
                  + ". At "
                  + show(best.value(), range)
                  + ":");
      for (String line : best.why()) {
        out.println("    " + line);
      }
    }
    String warning = monotonicity(new ArrayList<>(visited.values()), t);
    if (warning != null) {
      out.println("warning: " + warning);
    }
    try (Writer w = files.open("size.csv");
        CSVPrinter csv =
            new CSVPrinter(
                w,
                RunReport.CSV
                    .builder()
                    .setHeader(
                        range.column(),
                        t.service() + "." + t.metric().csvName() + "." + t.stat(),
                        "ci95_low",
                        "ci95_high",
                        "target_met",
                        "cost_per_year")
                    .get())) {
      for (Point p : visited.values()) {
        csv.printRecord(
            Vary.text(p.value()),
            Numbers.csv(p.estimate()),
            Numbers.csv(p.low()),
            Numbers.csv(p.high()),
            p.met() ? 1 : 0,
            Numbers.csv(p.cost()));
      }
    }
    List<String> chartWarnings = chart(m0, t, range, s, visited, answer, charts, files);
    Map<String, Object> json = run.json("size", m0, base);
    json.put("vary", path);
    json.put("target", t.toString());
    json.put("conservative", conservative);
    json.put("answer", answer == null ? null : Vary.text(answer.value()) + range.unit());
    json.put("reachable", answer != null);
    scenario.putJson(json);
    json.put("points_visited", visited.size());
    RunOptions.commitStudy(
        files, json, s, visited.size(), seconds, chartWarnings, spec.commandLine().getErr());
    out.printf(
        Locale.ROOT,
        "wrote %s (%d points visited in %s s)%n",
        files.dir(),
        visited.size(),
        Numbers.brief(seconds, 3));
  }

  /**
   * A warning when the answer rests on noise: the interval at the answer, or at the step below,
   * contains the target, so either side could be the other with more trials. Says how many trials
   * would put each of them clearly on its side: the half-width shrinks as 1/sqrt(trials), so n' = n
   * (half-width / distance to the target)^2. Null when both intervals clear the target.
   */
  static String noise(Target t, Point answer, Point below, long trials) {
    List<Point> unsure = new ArrayList<>();
    if (t.straddles(answer.interval())) {
      unsure.add(answer);
    }
    if (below != null && t.straddles(below.interval())) {
      unsure.add(below);
    }
    if (unsure.isEmpty()) {
      return null;
    }
    double needed = 0;
    for (Point p : unsure) {
      double distance = Math.abs(p.estimate() - t.bound());
      // The half-width on the target's side of the estimate.
      double half = p.estimate() <= t.bound() ? p.high() - p.estimate() : p.estimate() - p.low();
      needed =
          distance > 0 && Double.isFinite(half)
              ? Math.max(needed, trials * (half / distance) * (half / distance))
              : Double.POSITIVE_INFINITY;
    }
    List<String> where = new ArrayList<>();
    for (Point p : unsure) {
      where.add(
          (p == answer ? "at the answer, " : "one step below, ")
              + Numbers.interval(p.interval(), 4));
    }
    String more =
        Double.isFinite(needed) && needed < 1e15
            ? "about "
                + String.format(Locale.ROOT, "%,d", roundUp(needed))
                + " trials (--trials) would put "
                + (unsure.size() > 1 ? "each" : "it")
                + " clearly on its side"
            : "no number of trials separates an estimate equal to the target";
    return (unsure.size() > 1 ? "the intervals " : "the interval ")
        + String.join(", and ", where)
        + (unsure.size() > 1 ? ", contain" : ", contains")
        + " the target "
        + Numbers.brief(t.bound(), 4)
        + ": with "
        + String.format(Locale.ROOT, "%,d", trials)
        + " trials the answer may be off by a step or more; "
        + more
        + ", or --conservative asks the interval's far bound to meet it";
  }

  /** {@code x} rounded up to two significant digits. */
  static long roundUp(double x) {
    double scale = Math.pow(10, Math.max(0, Math.floor(Math.log10(x)) - 1));
    return (long) (Math.ceil(x / scale) * scale);
  }

  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  /**
   * Where the statistic is heading past the range: by the straight line through the middle and the
   * last point, the value at which it would meet the target, or that it moves away from it.
   */
  static String trend(Target t, Point half, Point last, Vary range) {
    double dx = last.value().subtract(half.value()).doubleValue();
    double slope = dx > 0 ? (last.estimate() - half.estimate()) / dx : 0;
    boolean towards = t.atMost() ? slope < 0 : slope > 0;
    if (!towards) {
      return "moves away from the target between "
          + show(half.value(), range)
          + " and "
          + show(last.value(), range);
    }
    double reach = last.value().doubleValue() + (t.bound() - last.estimate()) / slope;
    return "still moves towards the target at "
        + show(last.value(), range)
        + ": on the line through "
        + show(half.value(), range)
        + " and "
        + show(last.value(), range)
        + " it would meet it near "
        + Numbers.brief(reach, 3)
        + range.unit()
        + " (--max)";
  }

  /** Whether two points' estimates are indistinguishable: each inside the other's interval. */
  private static boolean flat(Point a, Point b) {
    if (a.estimate() == b.estimate()) {
      return true;
    }
    return inside(a.estimate(), b.interval()) && inside(b.estimate(), a.interval());
  }

  private static boolean inside(double x, double[] interval) {
    return x >= interval[0] && x <= interval[1];
  }

  /**
   * {@code size.png} (or .svg): the statistic and its interval at every value visited, the target
   * and the answer.
   */
  private List<String> chart(
      Model m0,
      Target t,
      Vary range,
      RunOptions.Settings s,
      Map<BigDecimal, Point> visited,
      Point answer,
      Charts.Format format,
      AtomicFiles files)
      throws java.io.IOException {
    int n = visited.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    int i = 0;
    for (Point p : visited.values()) {
      x[i] = p.value().doubleValue();
      y[i] = p.estimate();
      lo[i] = p.low();
      hi[i] = p.high();
      i++;
    }
    String label = t.service() + " " + t.metric().csvName() + " " + t.stat();
    return Charts.writeSize(
        new Charts.SizeChart(
            t + " — the estimate and its 95 % interval at each value visited",
            path + (range.unit().isEmpty() ? "" : " (" + range.unit() + ")"),
            label,
            x,
            y,
            lo,
            hi,
            t.bound(),
            answer == null ? Double.NaN : answer.value().doubleValue()),
        run.caption(m0, "size", s, model.overrides),
        format,
        files);
  }

  private Point evaluate(
      Vary range, BigDecimal x, Target t, RunOptions.Settings s, Map<BigDecimal, Point> visited)
      throws Exception {
    BigDecimal key = x.stripTrailingZeros();
    Point known = visited.get(key);
    if (known != null) {
      return known;
    }
    ModelLoader.Loaded loaded = model.loadVaried(List.of(range.override(x)), List.of(path));
    Model m = scenario.apply(loaded.model());
    Plan plan = RunOptions.plan(m, s);
    RunStats stats =
        Runner.run(
            plan,
            new Runner.Options(s.trials(), s.seed(), s.threads(), 0, false, scenario.scenario(m)));
    MetricStats ms =
        t.isTotal()
            ? stats.total(t.metric())
            : stats.metric(List.of(plan.serviceNames).indexOf(t.service()), t.metric());
    double value = t.value(ms);
    double[] ci = t.interval(ms);
    boolean met = conservative ? t.metSurely(ci) : t.met(value);
    List<String> why = new ArrayList<>(Explanation.of(plan, stats, t, s.horizonHours()));
    for (io.firedrill.load.ModelWarning w : loaded.warnings()) {
      if (t.isTotal() || w.path().startsWith("services." + t.service() + ".")) {
        why.add(w.message());
      }
    }
    Point p = new Point(key, value, ci[0], ci[1], met, Costs.perYear(m), List.copyOf(why));
    visited.put(key, p);
    return p;
  }

  /** Rounds down onto the grid min + k × step. */
  private static BigDecimal snap(BigDecimal x, Vary range) {
    BigDecimal k = x.subtract(range.from()).divide(range.step(), 0, RoundingMode.FLOOR);
    return range.from().add(range.step().multiply(k));
  }

  private static String show(BigDecimal x, Vary range) {
    return Vary.text(x) + range.unit();
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

  /** A warning when the visited points contradict "met from some value on". */
  static String monotonicity(List<Point> sorted, Target t) {
    boolean seenMet = false;
    for (Point p : sorted) {
      if (seenMet && !p.met()) {
        return "the target is met at a smaller value but not at "
            + Vary.text(p.value())
            + ": it is not monotone in the parameter, so the answer may not be the smallest";
      }
      seenMet |= p.met();
    }
    for (int i = 1; i < sorted.size(); i++) {
      double d = sorted.get(i).estimate() - sorted.get(i - 1).estimate();
      if (t.atMost() ? d > 0 : d < 0) {
        return "the estimate moves away from the target between "
            + Vary.text(sorted.get(i - 1).value())
            + " and "
            + Vary.text(sorted.get(i).value())
            + " (not monotone at the points visited)";
      }
    }
    return null;
  }
}
