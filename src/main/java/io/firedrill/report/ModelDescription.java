package io.firedrill.report;

import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.Fire;
import io.firedrill.model.Generator;
import io.firedrill.model.Grid;
import io.firedrill.model.Hazard;
import io.firedrill.model.HazardKind;
import io.firedrill.model.Model;
import io.firedrill.model.Network;
import io.firedrill.model.Placement;
import io.firedrill.model.Service;
import io.firedrill.model.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one-screen description {@code firedrill validate} prints: what the model says, in the model's
 * own syntax, so that a reader can check it against intent without opening the file.
 */
public final class ModelDescription {
  private ModelDescription() {}

  /** Describes a loaded model, with its source and overrides. */
  public static String describe(ModelLoader.Loaded loaded) {
    Model m = loaded.model();
    StringBuilder b = new StringBuilder();
    b.append(m.name()).append(" is valid");
    // The model's own text, on one line: a tab or an escape in it must not reach the terminal.
    String summary = UserText.escape(firstLine(m.description()));
    b.append(summary.isEmpty() ? "" : ": " + summary).append('\n');
    b.append("  from ").append(UserText.escape(loaded.source()));
    b.append(
        loaded.overrides().isEmpty()
            ? ""
            : " with --set " + UserText.escape(String.join(", --set ", loaded.overrides())));
    b.append('\n');
    b.append("  horizon ")
        .append(Units.formatDuration(m.horizonHours()))
        .append(" (scenarios ")
        .append(Units.formatDuration(m.scenarioHorizonHours()))
        .append("), ")
        .append(m.trials())
        .append(" trials, seed ")
        .append(m.seed())
        .append(", activity ")
        .append(m.profile().isFlat() ? "flat" : "weekly profile")
        .append(
            m.profile().startHour() == 0 ? "" : ", t = 0 at " + weekTime(m.profile().startHour()))
        .append("\n\n");

    int w = width(m);
    if (!m.grids().isEmpty()) {
      b.append("grids\n");
      for (Grid g : m.grids()) {
        row(b, w, g.name(), hazard(g.hazard()));
      }
    }
    if (!m.networks().isEmpty()) {
      b.append("networks\n");
      for (Network n : m.networks()) {
        row(b, w, n.name(), hazard(n.hazard()));
      }
    }
    b.append("sites\n");
    for (Site s : m.sites()) {
      row(b, w, s.name(), siteLines(s));
    }
    b.append("services, in dependency order\n");
    for (Service s : m.dependencyOrder()) {
      row(b, w, s.name(), serviceLines(s));
    }
    if (!m.prices().isEmpty()) {
      b.append("cost, per unit of capacity per year\n");
      for (Model.Price p : m.prices()) {
        row(b, w, p.site(), Units.formatCount(p.perUnitYear()));
      }
    }
    return b.toString();
  }

  private static List<String> siteLines(Site s) {
    List<String> lines = new ArrayList<>();
    List<String> power = new ArrayList<>();
    power.add(s.grid() == null ? "no grid" : "grid " + s.grid());
    power.add("ups " + Units.formatDuration(s.upsHours()));
    Generator g = s.generator();
    power.add(
        g == null
            ? "no generator"
            : "generator (fails to start "
                + Units.exact(g.failToStart())
                + ", fails running "
                + Units.formatRatePerHour(g.failuresPerRunningHour())
                + ")");
    power.add(s.restart() == null ? "instant restart" : "restart " + s.restart().syntax());
    lines.add(String.join(", ", power));
    lines.add(
        s.networks().isEmpty()
            ? "always reachable"
            : "networks "
                + String.join(", ", s.networks())
                + (s.networks().size() > 1
                    ? (s.networkMode() == Site.NetworkMode.PRIMARY
                            ? " (first one up carries traffic"
                            : " (shared")
                        + ", reconverge "
                        + Units.formatDuration(s.reconvergeHours())
                        + ")"
                    : ""));
    Fire f = s.fire();
    if (f != null) {
      lines.add(
          "fire "
              + new Hazard(f.timeToIgnition(), f.dark()).describeFailures()
              + ", contained "
              + Units.exact(f.contained())
              + ", dark "
              + f.dark().syntax()
              + ", restore "
              + f.restore().syntax()
              + (f.restoreCurve().isEmpty() ? "" : ", restore curve " + curve(f)));
    }
    for (HazardKind kind : HazardKind.siteRenewals()) {
      if (s.renewal(kind) != null) {
        lines.add(kind.word() + " " + hazard(s.renewal(kind)));
      }
    }
    return lines;
  }

  /** The restore curve as its points, {@code (0, 0) (0.023, 0.375) ... (1, 1)}. */
  private static String curve(Fire f) {
    return f.restoreCurve().stream()
        .map(p -> "(" + Units.exact(p.at()) + ", " + Units.exact(p.capacity()) + ")")
        .collect(Collectors.joining(" "));
  }

  private static List<String> serviceLines(Service s) {
    List<String> lines = new ArrayList<>();
    lines.add(
        (s.users() > 0 ? "users " + Units.formatCount(s.users()) + ", " : "")
            + "demand "
            + Units.formatCount(s.demand())
            + ", active "
            + placements(s.deploy())
            + (s.standby().isEmpty() ? "" : ", standby " + placements(s.standby())));
    if (s.failover() != null) {
      var f = s.failover();
      lines.add(
          "failover "
              + f.time().syntax()
              + ", success "
              + Units.exact(f.success())
              + (f.needs().isEmpty() ? "" : ", needs " + String.join(", ", f.needs()))
              + (f.manual() == null ? ", no manual path" : ", else manual " + f.manual().syntax()));
    }
    String tail =
        (s.requires().isEmpty() ? "" : "requires " + String.join(", ", s.requires()) + ", ")
            + "slo "
            + Units.exact(s.slo())
            + (s.rtoHours().isPresent()
                ? ", rto " + Units.formatDuration(s.rtoHours().getAsDouble())
                : "");
    lines.add(tail);
    return lines;
  }

  private static String placements(List<Placement> ps) {
    return ps.stream()
        .map(p -> p.site() + " " + Units.formatCount(p.capacity()))
        .collect(Collectors.joining(" + "));
  }

  private static String hazard(Hazard h) {
    return h.describeFailures() + ", outage " + h.outage().syntax();
  }

  private static void row(StringBuilder b, int width, String name, String text) {
    row(b, width, name, List.of(text));
  }

  private static void row(StringBuilder b, int width, String name, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      b.append("  ")
          .append(pad(i == 0 ? name : "", width))
          .append("  ")
          .append(lines.get(i))
          .append('\n');
    }
  }

  private static int width(Model m) {
    int w = 4;
    for (Grid g : m.grids()) {
      w = Math.max(w, g.name().length());
    }
    for (Network n : m.networks()) {
      w = Math.max(w, n.name().length());
    }
    for (Site s : m.sites()) {
      w = Math.max(w, s.name().length());
    }
    for (Service s : m.services()) {
      w = Math.max(w, s.name().length());
    }
    return w;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  private static String weekTime(double hour) {
    String[] days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    int minutes = (int) Math.round(hour * 60);
    return String.format(
        java.util.Locale.ROOT,
        "%s %02d:%02d",
        days[minutes / 1440 % 7],
        minutes / 60 % 24,
        minutes % 60);
  }
}
