package io.firedrill.cli;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.UserText;
import io.firedrill.engine.Kernel;
import io.firedrill.model.ActivityProfile;
import io.firedrill.model.Model;
import io.firedrill.run.TrialRunner;
import io.firedrill.stats.Metric;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Optional scenario mode for studies (sweep, size): with {@code --event} every point is a scenario,
 * so targets may use {@code recover_h}.
 */
public final class EventOptions {
  @Option(
      names = "--event",
      paramLabel = "KIND@NAME[+OFFSET]",
      description =
          "Study a scenario: this hazard or generator fails at t = 0 (or OFFSET after it) at every"
              + " point (horizon: the model's scenario_horizon, 7d by default); repeat for several.")
  List<String> events;

  @Option(
      names = "--at",
      paramLabel = "WHEN",
      description = "With --event: t = 0 in the week (activity profile and staffing).")
  String at;

  @Option(
      names = "--background",
      paramLabel = "MODE",
      description =
          "With --event, the other hazards: stationary (default: already down at t = 0 with their"
              + " long-run probability), fresh (all up at t = 0) or off.")
  String background;

  @Option(
      names = "--no-background",
      description = "With --event: no other hazard (--background off).")
  boolean noBackground;

  /** Refuses the scenario options given without --event, which would otherwise do nothing. */
  void check() {
    if (events != null) {
      return;
    }
    String orphan =
        at != null
            ? "--at"
            : background != null ? "--background" : noBackground ? "--no-background" : null;
    if (orphan != null) {
      throw new UsageException(
          orphan
              + " needs --event KIND@NAME (it sets up the scenario's event; without one every"
              + " point is a run of the model's horizon)");
    }
  }

  boolean isScenario() {
    return events != null;
  }

  /** The model with --at applied. */
  Model apply(Model m) {
    return applyAt(m, at);
  }

  /**
   * A note when {@code --at} cannot change anything: the model's activity profile is flat and it
   * has no staffing profile, so where t = 0 falls in the week weighs no hour more than another and
   * paces no recovery differently. Printed on {@code err}.
   */
  static void noteFlatProfile(Model m, String at, java.io.PrintWriter err, String command) {
    if (at != null && m.profile().isFlat() && m.staffing().isEmpty()) {
      err.println(
          "firedrill "
              + command
              + ": note: --at changes nothing here: the model's activity profile is flat (every"
              + " hour weighs the same) and it has no staffing; give it a weekly profile to weigh"
              + " user-hours by the hour, or a staffing profile to pace recovery by the hour"
              + " (docs/model-format.md)");
    }
  }

  /** {@code m} with t = 0 at {@code at} in its week ("sat 15:30"); unchanged when null. */
  static Model applyAt(Model m, String at) {
    if (at == null) {
      return m;
    }
    double start;
    try {
      start = ActivityProfile.parseWeekTime(at);
    } catch (SyntaxException e) {
      throw new UsageException("--at '" + at + "': " + e.getMessage());
    }
    return m.withProfile(m.profile().startingAt(start));
  }

  /** The events {@link #checkNames} read, for run.json and titles; null without --event. */
  private List<TrialRunner.Event> parsed;

  /**
   * Reads the events, refusing an unknown or repeated one or a malformed offset before the horizon
   * is known; call before {@link #putJson} and {@link #describe}.
   */
  void checkNames(Model m) {
    if (events != null) {
      parsed = ScenarioEvents.parse(m, events);
    }
  }

  /**
   * The forced events, or null without --event (curves are not recorded in studies).
   *
   * @param horizonHours the study's horizon: an event at or after it is a usage error
   */
  TrialRunner.Scenario scenario(Model m, double horizonHours) {
    if (events == null) {
      return null;
    }
    List<TrialRunner.Event> forced = ScenarioEvents.parse(m, events);
    ScenarioEvents.checkTimes(forced, events, horizonHours);
    return new TrialRunner.Scenario(forced, background(background, noBackground), 2);
  }

  /** The background mode of --background and --no-background (stationary by default). */
  static Kernel.Background background(String mode, boolean off) {
    if (mode == null) {
      return off ? Kernel.Background.OFF : Kernel.Background.STATIONARY;
    }
    Kernel.Background b;
    switch (UserText.strip(mode).toLowerCase(java.util.Locale.ROOT)) {
      case "stationary":
        b = Kernel.Background.STATIONARY;
        break;
      case "fresh":
        b = Kernel.Background.FRESH;
        break;
      case "off":
        b = Kernel.Background.OFF;
        break;
      default:
        throw new UsageException(
            "--background must be stationary, fresh or off, got " + UserText.quote(mode));
    }
    if (off && b != Kernel.Background.OFF) {
      throw new UsageException("--no-background contradicts --background " + mode);
    }
    return b;
  }

  double defaultHorizonHours(Model m) {
    return events == null ? m.horizonHours() : m.scenarioHorizonHours();
  }

  /** The metrics of a study of {@code plan}: a run's or a scenario's, with data loss if any. */
  List<Metric> metrics(io.firedrill.plan.Plan plan) {
    return Metric.withData(events == null ? Metric.RUN : Metric.SCENARIO, plan.hasData());
  }

  /** The scenario of a study in run.json: event, at and background (null without --event). */
  void putJson(java.util.Map<String, Object> json) {
    json.put("event", parsed == null ? null : ScenarioEvents.describe(parsed));
    if (parsed != null) {
      json.put("events", ScenarioEvents.json(parsed));
    }
    json.put("at", at);
    json.put("background", backgroundName());
  }

  /** The background mode's name for run.json, or null without --event. */
  String backgroundName() {
    return events == null
        ? null
        : background(background, noBackground).name().toLowerCase(java.util.Locale.ROOT);
  }

  /** "run" or "fire@pangyo at sat 15:30" ("grid@g, generator@s+10m" with several), for titles. */
  String describe() {
    return parsed == null
        ? "run"
        : ScenarioEvents.describe(parsed) + (at == null ? "" : " at " + UserText.echo(at));
  }
}
