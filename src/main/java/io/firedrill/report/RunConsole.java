package io.firedrill.report;

import io.firedrill.dist.Units;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import io.firedrill.stats.ImportanceWeights;
import io.firedrill.stats.Metric;
import io.firedrill.stats.MetricStats;
import io.firedrill.stats.RunStats;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console tables of a run and of a scenario: one line per service (dependency order), then the
 * total over services; and the note a scenario prints when its horizon cut recovery off.
 */
public final class RunConsole {
  private RunConsole() {}

  /** A trial's share of an estimate above which the weights are called degenerate. */
  public static final double DEGENERATE_SHARE = 0.1;

  /**
   * The diagnostics of an importance-sampled run, after its summary (docs/simulation.md,
   * "Importance sampling"): the tilts; the mean weight, which should be 1 within its interval; the
   * effective sample size; the largest weight's share; then a warning line for each estimate of
   * downtime or user-hours that one trial makes more than {@link #DEGENERATE_SHARE} of, and one if
   * the mean weight is more than 5 standard errors from 1.
   */
  public static void printWeights(
      PrintWriter out, Plan plan, Map<String, Double> tilts, RunStats stats) {
    ImportanceWeights w = stats.weights();
    List<String> named = new ArrayList<>();
    tilts.forEach((h, f) -> named.add(h + " x" + Numbers.brief(f, 4)));
    out.printf(
        Locale.ROOT,
        "importance sampling: %s; mean weight %s ± %s (1 expected), effective sample size %s of"
            + " %,d trials, largest weight %s of their sum%n",
        named.isEmpty() ? "no hazard tilted (every factor is 1)" : String.join(", ", named),
        Numbers.brief(w.mean(), 4),
        Numbers.brief(w.meanStandardError(), 2),
        Numbers.brief(w.effectiveSampleSize(), 4),
        w.count(),
        Numbers.proportion(w.largestShare(), 3));
    for (String warning : weightWarnings(plan, stats)) {
      out.println("warning: " + warning);
    }
  }

  /** An effective sample size below this many trials is warned of. */
  public static final double FEW_EFFECTIVE = 1000;

  /** A mean weight whose standard error is above this is warned of. */
  public static final double UNSURE_MEAN_WEIGHT = 0.1;

  /**
   * What an importance-sampled run's weights warn of (docs/simulation.md, "Importance sampling"): a
   * mean weight more than 5 standard errors from 1 (the tilt leaves outcomes the model has
   * unsampled; not said when every weight is the same, which says nothing), or with a standard
   * error above {@link #UNSURE_MEAN_WEIGHT} (the weights vary too much for any estimate to be
   * sure); an effective sample size below {@link #FEW_EFFECTIVE} trials; and each service's
   * downtime and user-hours whose largest trial makes more than {@link #DEGENERATE_SHARE} of the
   * estimate (it rests on a few trials, and its interval understates the error).
   */
  public static List<String> weightWarnings(Plan plan, RunStats stats) {
    List<String> out = new ArrayList<>();
    ImportanceWeights w = stats.weights();
    double se = w.meanStandardError();
    if (se > 0 && Math.abs(w.mean() - 1) > 5 * se) {
      out.add(
          String.format(
              Locale.ROOT,
              "the mean weight is %s ± %s, not 1: the tilts leave outcomes the model has"
                  + " unsampled; tilt by factors nearer 1",
              Numbers.brief(w.mean(), 4),
              Numbers.brief(se, 2)));
    } else if (se > UNSURE_MEAN_WEIGHT) {
      out.add(
          String.format(
              Locale.ROOT,
              "the mean weight is %s ± %s: the weights vary so much that no estimate of this run"
                  + " is sure; tilt less, or run more trials",
              Numbers.brief(w.mean(), 4),
              Numbers.brief(se, 2)));
    }
    if (w.count() >= FEW_EFFECTIVE && w.effectiveSampleSize() < FEW_EFFECTIVE) {
      out.add(
          String.format(
              Locale.ROOT,
              "the effective sample size is %s of %,d trials: the weights rest on few trials;"
                  + " tilt less",
              Numbers.brief(w.effectiveSampleSize(), 3),
              w.count()));
    }
    for (int a = 0; a < stats.services(); a++) {
      for (Metric m : new Metric[] {Metric.DOWNTIME_H, Metric.USER_HOURS}) {
        double share = stats.metric(a, m).largestShare();
        if (share > DEGENERATE_SHARE) {
          out.add(
              String.format(
                  Locale.ROOT,
                  "one trial makes %s of service %s's %s: the estimate rests on a few trials and"
                      + " its interval understates the error; run more trials, or tilt the hazards"
                      + " that make it",
                  Numbers.proportion(share, 3),
                  plan.serviceNames[a],
                  m.csvName()));
        }
      }
    }
    return out;
  }

  /**
   * The probability of a rare event (its indicator's weighted mean, {@link RunStats#event}) with
   * its 95 % interval and relative error: {@code P(talk.downtime_h > 24h) = 3.1e-7 [2.5e-7,
   * 3.7e-7], relative error 9.8 %, 1,234 tilted trials in it}.
   */
  public static void printEvent(PrintWriter out, String event, RunStats stats) {
    MetricStats e = stats.event();
    double[] ci = e.interval95();
    if (e.count() - e.histogram().countAtMost(0) == 0) {
      out.printf(
          Locale.ROOT,
          "P(%s): no trial reached the event, so no estimate: tilt more, or run more trials%n",
          event);
      return;
    }
    out.printf(
        Locale.ROOT,
        "P(%s) = %s [%s, %s] per trial, relative error %s, %,d tilted trials in it%n",
        event,
        Numbers.brief(e.mean(), 4),
        Numbers.brief(ci[0], 4),
        Numbers.brief(ci[1], 4),
        Double.isNaN(e.relativeError()) ? "n/a" : Numbers.proportion(e.relativeError(), 3),
        e.count() - e.histogram().countAtMost(0));
  }

  /** {@link #printEvent}'s figures for run.json. */
  public static Map<String, Object> eventJson(String event, RunStats stats) {
    MetricStats e = stats.event();
    double[] ci = e.interval95();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("event", event);
    out.put("probability", e.mean());
    out.put("ci95_low", ci[0]);
    out.put("ci95_high", ci[1]);
    out.put("rel_error", e.relativeError());
    out.put("trials_in_event", e.count() - e.histogram().countAtMost(0));
    return out;
  }

  /** The diagnostics of {@link #printWeights} for run.json's {@code sampling}. */
  public static Map<String, Object> weightsJson(
      Plan plan, Map<String, Double> tilts, RunStats stats) {
    ImportanceWeights w = stats.weights();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("method", "importance sampling");
    out.put("bias", tilts);
    out.put("mean_weight", w.mean());
    out.put("mean_weight_se", w.meanStandardError());
    out.put("effective_sample_size", w.effectiveSampleSize());
    out.put("largest_weight_share", w.largestShare());
    out.put("warnings", weightWarnings(plan, stats));
    return out;
  }

  /**
   * The console summary of a run: one line per service, then the total over services (downtime,
   * outages and user-hours summed per trial; the other columns do not add up and stay empty).
   */
  public static void printSummary(PrintWriter out, Plan plan, RunStats stats) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "service",
          "availability",
          "nines",
          "downtime h [95% CI]",
          "p99 downtime h",
          "outages",
          "p99 longest h",
          "user-hours",
          "P(rto breach)"
        });
    for (int a = 0; a < plan.services; a++) {
      MetricStats down = stats.metric(a, Metric.DOWNTIME_H);
      MetricStats rto = stats.metric(a, Metric.RTO_BREACH);
      double[] av = Availability.of(plan, stats, a);
      double[] ni = Availability.nines(plan, stats, a);
      rows.add(
          new String[] {
            plan.serviceNames[a],
            Numbers.proportion(av[0], 6),
            Double.isFinite(ni[0]) ? Numbers.brief(ni[0], 3) : "no downtime",
            Numbers.withInterval(down.mean(), down.interval95()),
            Numbers.brief(down.quantile(0.99), 4),
            Numbers.brief(stats.metric(a, Metric.OUTAGES).mean(), 4),
            Numbers.brief(stats.metric(a, Metric.LONGEST_H).quantile(0.99), 4),
            Numbers.brief(stats.metric(a, Metric.USER_HOURS).mean(), 4),
            Double.isNaN(plan.rtoHours[a]) ? "no rto" : Numbers.proportion(rto.mean(), 3)
          });
    }
    MetricStats down = stats.total(Metric.DOWNTIME_H);
    rows.add(
        new String[] {
          Model.TOTAL,
          "",
          "",
          Numbers.withInterval(down.mean(), down.interval95()),
          Numbers.brief(down.quantile(0.99), 4),
          Numbers.brief(stats.total(Metric.OUTAGES).mean(), 4),
          "",
          Numbers.brief(stats.total(Metric.USER_HOURS).mean(), 4),
          ""
        });
    printTable(out, rows);
    printDataLoss(out, plan, stats);
  }

  /**
   * For a model where some service has data (docs/simulation.md, "Data loss"): a blank line, then
   * one line per such service: hours of writes lost per trial with its interval, P(any loss),
   * P(every copy lost) and P(rpo breach). Nothing for a model without data.
   */
  static void printDataLoss(PrintWriter out, Plan plan, RunStats stats) {
    if (!plan.hasData()) {
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "data",
          "lost h per trial [95% CI]",
          "p99 lost h",
          "P(data loss)",
          "P(all lost)",
          "P(rpo breach)"
        });
    for (int a : plan.dataServices) {
      MetricStats lost = stats.metric(a, Metric.DATA_LOST_H);
      rows.add(
          new String[] {
            plan.serviceNames[a],
            Numbers.withInterval(lost.mean(), lost.interval95()),
            Numbers.brief(lost.quantile(0.99), 4),
            Numbers.proportion(stats.metric(a, Metric.DATA_LOSS).mean(), 3),
            Numbers.proportion(stats.metric(a, Metric.DATA_LOST_ALL).mean(), 3),
            Double.isNaN(plan.rpoHours[a])
                ? "no rpo"
                : Numbers.proportion(stats.metric(a, Metric.RPO_BREACH).mean(), 3)
          });
    }
    out.println();
    printTable(out, rows);
  }

  /** The console summary of a scenario: time to recover and impact per service. */
  public static void printScenarioSummary(PrintWriter out, Plan plan, RunStats stats) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "service",
          "P(affected)",
          "recover h p10",
          "p50",
          "p90",
          "P(recovered)",
          "downtime h",
          "user-hours"
        });
    for (int a = 0; a < plan.services; a++) {
      MetricStats r = stats.metric(a, Metric.RECOVER_H);
      rows.add(
          new String[] {
            plan.serviceNames[a],
            Numbers.proportion(stats.metric(a, Metric.AFFECTED).mean(), 4),
            Numbers.brief(r.quantile(0.1), 4),
            Numbers.brief(r.quantile(0.5), 4),
            Numbers.brief(r.quantile(0.9), 4),
            Numbers.proportion(stats.metric(a, Metric.RECOVERED).mean(), 4),
            Numbers.brief(stats.metric(a, Metric.DOWNTIME_H).mean(), 4),
            Numbers.brief(stats.metric(a, Metric.USER_HOURS).mean(), 4)
          });
    }
    rows.add(
        new String[] {
          Model.TOTAL,
          "",
          "",
          "",
          "",
          "",
          Numbers.brief(stats.total(Metric.DOWNTIME_H).mean(), 4),
          Numbers.brief(stats.total(Metric.USER_HOURS).mean(), 4)
        });
    printTable(out, rows);
    printDataLoss(out, plan, stats);
  }

  /**
   * One line saying that the horizon cut recovery off, naming every service that had not recovered
   * from the event by then in some trials (P(recovered) &lt; 1) and how to extend the horizon (and,
   * where the model can destroy hardware, that no horizon brings it back); null when every service
   * recovered in every trial.
   */
  public static String censoringNote(Plan plan, RunStats stats, double horizonHours) {
    List<String> cut = new ArrayList<>();
    for (int a = 0; a < plan.services; a++) {
      MetricStats r = stats.metric(a, Metric.RECOVERED);
      if (r.count() > 0 && r.mean() < 1) {
        cut.add(
            plan.serviceNames[a]
                + " in "
                + Numbers.brief(100 * (1 - r.mean()), 3)
                + " % of trials");
      }
    }
    if (cut.isEmpty()) {
      return null;
    }
    String note =
        "note: the horizon ("
            + Units.formatDuration(horizonHours)
            + ") cut recovery off: not recovered from the event by then: "
            + String.join(", ", cut)
            + "; recover_h counts those trials as the horizon.";
    if (Arrays.stream(plan.damageDestroyed).anyMatch(d -> d > 0)) {
      // Destroyed hardware does not return within a trial (docs/simulation.md, "Damage"): no
      // horizon recovers a service that needs it, and suggesting a longer one would repeat forever.
      note +=
          " Hardware destroyed (damage with destroyed above 0) never returns within a trial:"
              + " trials that lost it do not recover at any horizon.";
    }
    if (!(horizonHours < Units.MAX_HORIZON_HOURS)) {
      return note + " It is the longest horizon firedrill simulates.";
    }
    // Twice as long, but never past the longest horizon (a suggestion that would be refused).
    String longer = Units.formatDuration(Math.min(2 * horizonHours, Units.MAX_HORIZON_HOURS));
    return note
        + " Extend it with --horizon "
        + longer
        + " (or scenario_horizon: "
        + longer
        + " in the model).";
  }

  /** Prints rows as a table: first column left-aligned, the others right-aligned. */
  static void printTable(PrintWriter out, List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        b.append(i == 0 ? "" : "  ");
        b.append(i == 0 ? pad(r[i], width[i]) : padLeft(r[i], width[i]));
      }
      out.println(b.toString().stripTrailing());
    }
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  private static String padLeft(String s, int w) {
    return " ".repeat(w - s.length()) + s;
  }
}
