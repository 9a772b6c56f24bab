package io.firedrill.report;

import io.firedrill.study.Sizing;
import io.firedrill.study.Target;
import io.firedrill.study.Vary;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console text of {@code size} (docs/outputs.md, "size.csv"): the answer with its estimate and
 * interval there and one step below, or why the target is not reachable; a warning when the answer
 * rests on noise or the visited points are not monotone.
 */
public final class SizeConsole {
  private SizeConsole() {}

  /**
   * Prints the answer of {@code result} (the search for the smallest value of {@code range} meeting
   * {@code target}, {@code trials} trials per point), with the yearly cost when {@code withCost};
   * with {@code conservative}, no noise warning (its answers are on the safe side).
   */
  public static void print(
      PrintWriter out,
      Sizing.Result result,
      Target t,
      Vary range,
      boolean conservative,
      long trials,
      boolean withCost) {
    String path = range.path();
    String stat = t.service() + "." + t.metric().csvName() + "." + t.stat();
    Sizing.Point answer = result.answer();
    Sizing.Point below = result.below();
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
      String noise = conservative ? null : noise(t, answer, below, trials);
      if (noise != null) {
        out.println("warning: " + noise);
      }
    } else {
      Sizing.Point last = result.last();
      Sizing.Point half = result.half();
      Sizing.Point best = result.best();
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
    String warning = monotonicity(result.visited(), t, range);
    if (warning != null) {
      out.println("warning: " + warning);
    }
  }

  /**
   * A warning when the answer rests on noise: the interval at the answer, or at the step below,
   * contains the target, so either side could be the other with more trials. Says how many trials
   * would put each of them clearly on its side: the half-width shrinks as 1/sqrt(trials), so n' = n
   * (half-width / distance to the target)^2. Null when both intervals clear the target.
   */
  static String noise(Target t, Sizing.Point answer, Sizing.Point below, long trials) {
    List<Sizing.Point> unsure = new ArrayList<>();
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
    for (Sizing.Point p : unsure) {
      double distance = Math.abs(p.estimate() - t.bound());
      // The half-width on the target's side of the estimate.
      double half = p.estimate() <= t.bound() ? p.high() - p.estimate() : p.estimate() - p.low();
      needed =
          distance > 0 && Double.isFinite(half)
              ? Math.max(needed, trials * (half / distance) * (half / distance))
              : Double.POSITIVE_INFINITY;
    }
    List<String> where = new ArrayList<>();
    for (Sizing.Point p : unsure) {
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

  /**
   * Where the statistic is heading past the range: by the straight line through the middle and the
   * last point, the value at which it would meet the target, or that it moves away from it.
   */
  static String trend(Target t, Sizing.Point half, Sizing.Point last, Vary range) {
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
  private static boolean flat(Sizing.Point a, Sizing.Point b) {
    if (a.estimate() == b.estimate()) {
      return true;
    }
    return inside(a.estimate(), b.interval()) && inside(b.estimate(), a.interval());
  }

  private static boolean inside(double x, double[] interval) {
    return x >= interval[0] && x <= interval[1];
  }

  private static String show(BigDecimal x, Vary range) {
    return Vary.text(x) + range.unit();
  }

  /**
   * A warning when the visited points (by increasing value) contradict "met from some value on".
   */
  static String monotonicity(List<Sizing.Point> sorted, Target t, Vary range) {
    boolean seenMet = false;
    for (Sizing.Point p : sorted) {
      if (seenMet && !p.met()) {
        return "the target is met at a smaller value but not at "
            + show(p.value(), range)
            + ": it is not monotone in the parameter, so the answer may not be the smallest";
      }
      seenMet |= p.met();
    }
    boolean away = false;
    boolean toward = false;
    String where = null;
    for (int i = 1; i < sorted.size(); i++) {
      double d = sorted.get(i).estimate() - sorted.get(i - 1).estimate();
      if (t.atMost() ? d > 0 : d < 0) {
        away = true;
        if (where == null) {
          where =
              show(sorted.get(i - 1).value(), range) + " and " + show(sorted.get(i).value(), range);
        }
      } else if (d != 0) {
        toward = true;
      }
    }
    if (!away) {
      return null;
    }
    return toward
        ? "the estimate moves away from the target between "
            + where
            + " (not monotone at the points visited)"
        : "the estimate moves away from the target as the value grows (between "
            + where
            + "): size looks for the smallest value that meets the target, so more of this"
            + " parameter should help it";
  }
}
