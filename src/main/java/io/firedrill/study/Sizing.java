package io.firedrill.study;

import io.firedrill.load.ModelWarning;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.run.Cancellation;
import io.firedrill.run.HazardCache;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sizing solver: the smallest value of one parameter in a range that meets a target, by
 * bisection on common random numbers.
 *
 * <p>Every value is evaluated on the same seed and trials, so a visited point's estimate moves only
 * because the parameter moved. Bisection assumes the target is met from some value on (the caller
 * checks the visited points for that). It evaluates the minimum; if the target is not met there,
 * the maximum; if it is met there, it halves the interval (a not met, b met), snapping each middle
 * down onto the grid min + k × step, until a and b are one step apart: b is the answer, a the point
 * one step below. A target not met even at the maximum is an answer too, not an error: the solver
 * then evaluates one more point, halfway, which tells whether the statistic still moves at the top
 * of the range, and names the best value found.
 */
public final class Sizing {
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  /**
   * One evaluated point: the parameter's value, the statistic's estimate and 95 % interval [low,
   * high] (NaN where undefined), whether it meets the target, the yearly cost, and what explains
   * its value (lines of {@link Explanation}, then the model's warnings about the service).
   */
  public record Point(
      BigDecimal value,
      double estimate,
      double low,
      double high,
      boolean met,
      double cost,
      List<String> why) {
    /** {low, high}. */
    public double[] interval() {
      return new double[] {low, high};
    }
  }

  /**
   * The model at one value of the parameter, ready to run: the model, its compiled plan, the
   * scenario to force in it (null for a time-horizon run) and the warnings of loading it.
   */
  public record Variant(
      Model model, Plan plan, TrialRunner.Scenario scenario, List<ModelWarning> warnings) {
    public Variant {
      warnings = List.copyOf(warnings);
    }
  }

  /** Makes the variant of the model at a value of the parameter (the caller loads and compiles). */
  @FunctionalInterface
  public interface Variants {
    Variant at(BigDecimal value) throws Exception;
  }

  /**
   * The outcome of a search: every point visited, by increasing value; the {@code answer} and the
   * point one step {@code below} it (null when the target is met at the minimum); for a target not
   * met anywhere ({@code answer} null), the point {@code half} way through the range, the one at
   * the maximum ({@code last}) and the {@code best} found (the closest to the target; the smallest
   * value among equals), else those three are null.
   */
  public record Result(
      List<Point> visited, Point answer, Point below, Point half, Point last, Point best) {
    public Result {
      visited = List.copyOf(visited);
    }

    /** True if some value of the range meets the target. */
    public boolean reachable() {
      return answer != null;
    }
  }

  private final Target target;
  private final Vary range;
  private final boolean conservative;
  private final TrialRunner.Options options;
  private final double horizonHours;
  private final Map<BigDecimal, Point> visited = new TreeMap<>();

  /**
   * The hazards the first point sampled, which the points after it sweep again when the parameter
   * leaves the hazards as they are (a capacity, a deployment, a policy), within the cache's budget.
   * The same bits as sampling them at every point.
   */
  private final HazardCache hazards;

  /**
   * A search for the smallest value of {@code range} (its path, minimum, maximum and step) meeting
   * {@code target}, each value run with {@code options} (trials, seed, threads; the scenario comes
   * from the variant) over {@code horizonHours}. With {@code conservative}, a value meets the
   * target only if the far end of its 95 % interval does. The points share sampled hazards through
   * {@code hazards}, new for this search: the first point keeps what it samples there, within the
   * cache's budget, and a later point whose parameter leaves the hazards as they are sweeps them (a
   * cache of budget 0 shares none). The same bits either way.
   */
  public Sizing(
      Target target,
      Vary range,
      boolean conservative,
      TrialRunner.Options options,
      double horizonHours,
      HazardCache hazards) {
    this.hazards = hazards;
    this.target = target;
    this.range = range;
    this.conservative = conservative;
    this.options = options;
    this.horizonHours = horizonHours;
  }

  /**
   * Runs the search, making each variant with {@code variants}; stops with {@link
   * Cancellation.Stopped} once {@code cancellation} is cancelled.
   */
  public Result solve(Variants variants, Cancellation cancellation) throws Exception {
    BigDecimal a = range.from();
    BigDecimal b = range.to();
    Point pa = evaluate(a, variants, cancellation);
    if (pa.met()) {
      return result(pa, null, null, null, null);
    }
    Point pb = evaluate(b, variants, cancellation);
    if (pb.met()) {
      // Invariant: a not met, b met.
      while (b.subtract(a).compareTo(range.step()) > 0) {
        BigDecimal mid = snap(a.add(b).divide(TWO));
        if (mid.compareTo(a) <= 0 || mid.compareTo(b) >= 0) {
          break;
        }
        if (evaluate(mid, variants, cancellation).met()) {
          b = mid;
        } else {
          a = mid;
        }
      }
      return result(visited.get(b), visited.get(a), null, null, null);
    }
    // Is the metric still moving at the top of the range, or held on a plateau? One more point,
    // halfway, tells: flat between it and the maximum means more of the parameter would not help.
    Point last = visited.get(range.to().stripTrailingZeros());
    Point half = evaluate(snap(range.from().add(range.to()).divide(TWO)), variants, cancellation);
    // The closest to the target; the smallest value among equals (the cheapest).
    Point best =
        visited.values().stream()
            .min(
                (x, y) ->
                    Double.compare(
                        Math.abs(x.estimate() - target.bound()),
                        Math.abs(y.estimate() - target.bound())))
            .orElseThrow();
    return result(null, null, half, last, best);
  }

  private Result result(Point answer, Point below, Point half, Point last, Point best) {
    return new Result(new ArrayList<>(visited.values()), answer, below, half, last, best);
  }

  /**
   * How many of the points evaluated so far swept the hazards the first point sampled instead of
   * sampling their own ({@link HazardCache#sweeps}): every point after the first when the parameter
   * leaves the hazards as they are and some of the first point's blocks fitted in the cache, else 0
   * (a hazard's parameter varied, or no block fitted); {@link #sharedTrialShare} says for how many
   * of their trials.
   */
  public int pointsSharingHazards() {
    return hazards.sweeps();
  }

  /**
   * The share of those points' trials that swept the first point's hazards, in [0, 1]: 1 when all
   * of them fitted in the cache, less when the cache held only the first blocks (each point samples
   * the others); 0 when no point shared ({@link HazardCache#keptShare}).
   */
  public double sharedTrialShare() {
    return hazards.keptShare();
  }

  /** The point at {@code x}: evaluated once, then remembered. */
  private Point evaluate(BigDecimal x, Variants variants, Cancellation cancellation)
      throws Exception {
    BigDecimal key = x.stripTrailingZeros();
    Point known = visited.get(key);
    if (known != null) {
      return known;
    }
    Variant v = variants.at(x);
    Plan plan = v.plan();
    RunStats stats =
        TrialRunner.runSharingHazards(
            plan,
            new TrialRunner.Options(
                options.trials(), options.seed(), options.threads(), 0, false, v.scenario()),
            cancellation,
            hazards);
    MetricStats ms =
        target.isTotal()
            ? stats.total(target.metric())
            : stats.metric(List.of(plan.serviceNames).indexOf(target.service()), target.metric());
    double value = target.value(ms);
    double[] ci = target.interval(ms);
    boolean met = conservative ? target.metSurely(ci) : target.met(value);
    List<String> why = new ArrayList<>(Explanation.of(plan, stats, target, horizonHours));
    for (ModelWarning w : v.warnings()) {
      if (target.isTotal() || w.path().startsWith("services." + target.service() + ".")) {
        why.add(w.message());
      }
    }
    Point p = new Point(key, value, ci[0], ci[1], met, Costs.perYear(v.model()), List.copyOf(why));
    visited.put(key, p);
    return p;
  }

  /** Rounds down onto the grid min + k × step. */
  private BigDecimal snap(BigDecimal x) {
    BigDecimal k = x.subtract(range.from()).divide(range.step(), 0, RoundingMode.FLOOR);
    return range.from().add(range.step().multiply(k));
  }
}
