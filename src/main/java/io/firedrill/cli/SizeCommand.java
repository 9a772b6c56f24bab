package io.firedrill.cli;

import io.firedrill.engine.Runner;
import io.firedrill.model.Model;
import io.firedrill.model.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.report.AtomicFiles;
import io.firedrill.report.Numbers;
import io.firedrill.report.RunReport;
import io.firedrill.stats.RunStats;
import io.firedrill.study.Costs;
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
      "Writes size.csv (every point visited) and run.json to --out (default"
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

  /** One evaluated point. */
  record Point(
      BigDecimal value, double estimate, double low, double high, boolean met, double cost) {}

  @Override
  public Integer call() throws Exception {
    String why = Vary.notAParameter(path);
    if (why != null) {
      throw new UsageException("--vary " + path + ": " + why);
    }
    ModelLoader.Loaded base = ModelLoader.load(model.model, model.overrides);
    Model m0 = scenario.apply(base.model());
    Target t;
    try {
      t = Target.parse(target, m0.services().stream().map(s -> s.name()).toList());
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
    ModelOptions.warn(base, spec.commandLine().getErr(), List.of(path));
    Plan plan0 = RunOptions.plan(m0, s);
    MemoryEstimate.run(plan0, s.threads(), s.trials(), 0, false, 0).check();
    PrintWriter out = spec.commandLine().getOut();
    AtomicFiles files = run.prepareOut(m0, "size");
    try (files) {
      size(base, m0, t, range, s, out, files);
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
        "%s: size %s for %s (%s)%s, %d trials per point, seed %d%n",
        m0.name(),
        path,
        t,
        scenario.describe(),
        run.label == null ? "" : " [" + run.label + "]",
        s.trials(),
        s.seed());
    boolean withCost = !m0.prices().isEmpty();
    if (answer != null) {
      out.printf(
          Locale.ROOT,
          "answer: %s = %s%s%n",
          path,
          show(answer.value(), range),
          withCost ? " (cost " + Numbers.brief(answer.cost(), 4) + " per year)" : "");
      out.printf(
          Locale.ROOT,
          "  at the answer: %s = %s [%s, %s]%n",
          t.metric().csvName() + "." + t.stat(),
          Numbers.brief(answer.estimate(), 4),
          Numbers.brief(answer.low(), 4),
          Numbers.brief(answer.high(), 4));
      if (below != null) {
        out.printf(
            Locale.ROOT,
            "  one step below (%s): %s [%s, %s], target not met%n",
            show(below.value(), range),
            Numbers.brief(below.estimate(), 4),
            Numbers.brief(below.low(), 4),
            Numbers.brief(below.high(), 4));
      } else {
        out.printf(
            Locale.ROOT,
            "  the target is met already at the minimum %s%n",
            show(range.from(), range));
      }
    } else {
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
              + " gives %s [%s, %s]%n",
          t,
          show(range.from(), range),
          show(range.to(), range),
          path,
          show(best.value(), range),
          Numbers.brief(best.estimate(), 4),
          Numbers.brief(best.low(), 4),
          Numbers.brief(best.high(), 4));
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
                        path,
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
    Map<String, Object> json = run.json("size", m0, base);
    json.put("vary", path);
    json.put("target", t.toString());
    json.put("answer", answer == null ? null : Vary.text(answer.value()) + range.unit());
    json.put("reachable", answer != null);
    json.put("event", scenario.event);
    json.put("background", scenario.backgroundName());
    json.put("points_visited", visited.size());
    RunOptions.putSettings(json, s, seconds);
    try (Writer w = files.open("run.json")) {
      RunReport.writeRunJson(w, json);
    }
    files.commit();
    out.printf(
        Locale.ROOT,
        "wrote %s (%d points visited in %s s)%n",
        files.dir(),
        visited.size(),
        Numbers.brief(seconds, 3));
  }

  private Point evaluate(
      Vary range, BigDecimal x, Target t, RunOptions.Settings s, Map<BigDecimal, Point> visited)
      throws Exception {
    BigDecimal key = x.stripTrailingZeros();
    Point known = visited.get(key);
    if (known != null) {
      return known;
    }
    List<String> overrides = new ArrayList<>(model.overrides);
    overrides.add(range.override(x));
    Model m = scenario.apply(ModelLoader.load(model.model, overrides).model());
    Plan plan = RunOptions.plan(m, s);
    RunStats stats =
        Runner.run(
            plan,
            new Runner.Options(s.trials(), s.seed(), s.threads(), 0, false, scenario.scenario(m)));
    int a = List.of(plan.serviceNames).indexOf(t.service());
    double value = t.value(stats.metric(a, t.metric()));
    double[] ci = t.interval(stats.metric(a, t.metric()));
    Point p = new Point(key, value, ci[0], ci[1], t.met(value), Costs.perYear(m));
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
