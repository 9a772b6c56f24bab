package io.firedrill.cli;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.load.NearNames;
import io.firedrill.model.HazardKind;
import io.firedrill.model.HazardRef;
import io.firedrill.model.Model;
import io.firedrill.model.Site;
import io.firedrill.run.TrialRunner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --event} options of {@code scenario}, {@code sweep} and {@code size}: each names a
 * hazard or a generator of the model, {@code KIND@NAME}, with an optional offset from t = 0, {@code
 * KIND@NAME+DURATION} ({@code generator@pangyo+10m}); docs/simulation.md, "Scenarios".
 */
final class ScenarioEvents {
  private ScenarioEvents() {}

  /**
   * The events {@code texts} name in {@code m}, in the order given, or a usage error for an unknown
   * event (listing the valid ones), a malformed offset or an event given twice.
   */
  static List<TrialRunner.Event> parse(Model m, List<String> texts) {
    List<TrialRunner.Event> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String text : texts) {
      String typed = text == null ? "" : UserText.strip(text);
      int plus = typed.indexOf('+');
      String name = plus < 0 ? typed : UserText.strip(typed.substring(0, plus));
      double hours = 0;
      if (plus >= 0) {
        String offset = typed.substring(plus + 1);
        try {
          hours = Units.parseDuration(offset);
        } catch (SyntaxException e) {
          throw new UsageException(
              "--event "
                  + UserText.quote(typed)
                  + ": the offset after '+' "
                  + UserText.quote(offset)
                  + " is not a duration: "
                  + e.getMessage());
        }
        if (hours < 0) {
          throw new UsageException(
              "--event "
                  + UserText.quote(typed)
                  + ": the offset after '+' is negative; an event falls at t = 0 or after it");
        }
      }
      String cause = resolve(m, name);
      if (!seen.add(cause)) {
        throw new UsageException(
            "--event "
                + cause
                + " is given twice; a scenario forces each hazard or generator once");
      }
      out.add(new TrialRunner.Event(cause, hours));
    }
    return out;
  }

  /**
   * Refuses an event that falls at or after the horizon, {@code horizonHours}, where it could
   * change nothing, quoting it as typed ({@code typed}: the texts {@link #parse} read, in order).
   */
  static void checkTimes(List<TrialRunner.Event> events, List<String> typed, double horizonHours) {
    for (int i = 0; i < events.size(); i++) {
      TrialRunner.Event e = events.get(i);
      if (e.hours() >= horizonHours) {
        throw new UsageException(
            "--event "
                + UserText.quote(UserText.strip(typed.get(i)))
                + ": it falls at or after the horizon, "
                + Units.formatDuration(horizonHours)
                + " (the model's scenario_horizon, or --horizon), where it changes nothing");
      }
    }
  }

  /** The events as a user would type them: {@code grid@kepco, generator@pangyo+10m}. */
  static String describe(List<TrialRunner.Event> events) {
    List<String> parts = new ArrayList<>();
    for (TrialRunner.Event e : events) {
      parts.add(describe(e));
    }
    return String.join(", ", parts);
  }

  /** {@code grid@kepco}, or {@code generator@pangyo+10m} with an offset. */
  static String describe(TrialRunner.Event e) {
    return e.hours() == 0 ? e.cause() : e.cause() + "+" + Units.formatDuration(e.hours());
  }

  /** The events for run.json: per event its name and its time in hours. */
  static List<java.util.Map<String, Object>> json(List<TrialRunner.Event> events) {
    List<java.util.Map<String, Object>> out = new ArrayList<>();
    for (TrialRunner.Event e : events) {
      java.util.Map<String, Object> one = new java.util.LinkedHashMap<>();
      one.put("event", e.cause());
      one.put("at_h", e.hours());
      out.add(one);
    }
    return out;
  }

  /**
   * The hazard or generator {@code event} names, or a usage error: for a site that exists but does
   * not declare that kind, saying so; else the nearest valid event within two edits if there is
   * one; always listing every valid one.
   */
  static String resolve(Model m, String event) {
    List<String> valid = validEvents(m);
    String wanted = event == null ? "" : UserText.strip(event);
    if (valid.contains(wanted)) {
      return wanted;
    }
    String list =
        valid.isEmpty()
            ? " (the model has no hazard to force: give a site a "
                + siteKinds()
                + ", or a grid or network)"
            : " (valid: " + UserText.list(valid) + ")";
    int at = wanted.indexOf('@');
    if (at > 0) {
      String kind = wanted.substring(0, at);
      String site = wanted.substring(at + 1);
      boolean siteKind =
          HazardKind.siteKinds().stream().anyMatch(k -> k.word().equals(kind))
              || kind.equals(GENERATOR);
      java.util.Set<String> cut = m.powerCutSites();
      Site gridless =
          m.sites().stream()
              .filter(
                  x ->
                      x.name().equals(site)
                          && x.generator() != null
                          && x.grids().isEmpty()
                          && !cut.contains(x.name()))
              .findFirst()
              .orElse(null);
      if (kind.equals(GENERATOR) && gridless != null) {
        throw new UsageException(
            "--event: site "
                + UserText.quote(site)
                + " has no grid, so its generator never runs and an event on it changes nothing;"
                + " give it sites."
                + UserText.bounded(site)
                + ".grid"
                + list);
      }
      boolean zone = site.contains("/");
      if (siteKind && m.place(site) != null && !(zone && kind.equals(GENERATOR))) {
        throw new UsageException(
            "--event: "
                + (zone ? "zone " : "site ")
                + UserText.quote(site)
                + " declares no "
                + kind
                + "; give it sites."
                + UserText.bounded(zone ? site.replace("/", ".zones.") : site)
                + "."
                + kind
                + " to force one"
                + list);
      }
    }
    String near = new NearNames().closest(wanted, valid);
    // A valid event followed by something else: an offset written another way (fire@a-1h, @2h).
    String offset =
        valid.stream()
                .anyMatch(
                    v ->
                        wanted.startsWith(v)
                            && wanted.substring(v.length()).matches("[-@:,]\\s*[0-9.].*"))
            ? " (an offset from t = 0 is written KIND@NAME+DURATION, such as fire@a+2h)"
            : "";
    throw new UsageException(
        "--event: unknown event "
            + UserText.quote(wanted)
            + (near == null ? "" : ", did you mean " + UserText.quote(near) + "?")
            + offset
            + list);
  }

  /** The word of a generator event, {@code generator@SITE}, as its cause is named. */
  static final String GENERATOR = "generator";

  /** The site hazard kinds' words: {@code fire, fault or cooling}. */
  private static String siteKinds() {
    List<String> words = HazardKind.siteKinds().stream().map(HazardKind::word).toList();
    int last = words.size() - 1;
    return last == 0
        ? words.get(0)
        : String.join(", ", words.subList(0, last)) + " or " + words.get(last);
  }

  /**
   * Every event the model can force: one per hazard it declares ({@link Model#hazards}), the site
   * hazards first (by kind, then site), then grids and networks; then {@code generator@SITE} for
   * every site with a generator and a grid or an effect that cuts its power (else it never runs),
   * in the model's order.
   */
  static List<String> validEvents(Model m) {
    List<HazardRef> hazards = new ArrayList<>(m.hazards());
    // A stable sort: within each group the hazards keep their cause order.
    hazards.sort(Comparator.comparingInt(h -> h.kind().scope() == HazardKind.Scope.SITE ? 0 : 1));
    List<String> out = new ArrayList<>(hazards.stream().map(HazardRef::name).toList());
    java.util.Set<String> cut = m.powerCutSites();
    for (Site s : m.sites()) {
      if (s.generator() != null && (!s.grids().isEmpty() || cut.contains(s.name()))) {
        out.add(GENERATOR + "@" + s.name());
      }
    }
    return out;
  }
}
