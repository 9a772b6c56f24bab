package io.firedrill.model;

import java.util.List;

/**
 * The weekly activity profile w(t) that weights user impact: 168 hourly weights from Monday 00:00,
 * scaled to mean 1, and where in the week the simulation starts.
 *
 * @param weights empty for a flat profile, else 168 weights with mean 1
 * @param startHour hours from Monday 00:00 to t = 0, in [0, 168)
 */
public record ActivityProfile(List<Double> weights, double startHour) {
  /** Hours in a week. */
  public static final int HOURS_PER_WEEK = 168;

  public ActivityProfile {
    weights = List.copyOf(weights);
    if (!weights.isEmpty() && weights.size() != HOURS_PER_WEEK) {
      throw new IllegalArgumentException("weights has not 168 entries: " + weights.size());
    }
    if (!(startHour >= 0 && startHour < HOURS_PER_WEEK)) {
      throw new IllegalArgumentException("startHour is not in [0, 168): " + startHour);
    }
  }

  private static final java.util.regex.Pattern WEEK_TIME =
      java.util.regex.Pattern.compile(
          "(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\s+([0-9]{1,2}):([0-9]{2})",
          java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  /**
   * Hours from Monday 00:00 to a weekday and time such as {@code sat 15:30} (or {@code Saturday
   * 15:30}); NaN if the text is not one.
   */
  public static double parseWeekTime(String text) {
    java.util.regex.Matcher m = WEEK_TIME.matcher(text.strip());
    if (!m.matches()) {
      return Double.NaN;
    }
    int hour = Integer.parseInt(m.group(2));
    int minute = Integer.parseInt(m.group(3));
    if (hour > 23 || minute > 59) {
      return Double.NaN;
    }
    return DAYS.indexOf(m.group(1).toLowerCase(java.util.Locale.ROOT).substring(0, 3)) * 24
        + hour
        + minute / 60.0;
  }

  /** This profile with t = 0 at {@code startHour} instead. */
  public ActivityProfile startingAt(double startHour) {
    return new ActivityProfile(weights, startHour);
  }

  /** The flat profile starting Monday 00:00. */
  public static ActivityProfile flat() {
    return new ActivityProfile(List.of(), 0);
  }

  public boolean isFlat() {
    return weights.isEmpty();
  }
}
