package io.firedrill.model;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.UserText;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * The days of the week from Monday, as {@link #parseWeekTime} reads them: the full name or its
   * first three letters, in any case.
   */
  public static final List<String> DAYS =
      List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

  private static final Pattern TIME = Pattern.compile("([0-9]{1,2}):([0-9]{2})");

  /**
   * Hours from Monday 00:00 to a weekday and time: {@code mon}..{@code sun} or the full day name
   * ({@code Saturday}), in any case, then {@code H:MM} or {@code HH:MM} with the hour at most 23
   * and the minute at most 59 ({@code sat 15:30} is 135.5). The one parser of {@code --at} and the
   * model's {@code start:}.
   *
   * @return hours in [0, 168)
   * @throws SyntaxException saying which part is wrong, with its offset in {@code text}
   */
  public static double parseWeekTime(String text) throws SyntaxException {
    // A no-break space between the day and the time is a space (the blanks of UserText).
    String s = UserText.strip(UserText.asSpaces(text));
    int lead = UserText.leadingBlanks(text);
    String[] parts = s.split("\\s+");
    if (s.isEmpty() || parts.length != 2) {
      throw new SyntaxException(
          lead, UserText.quote(s) + " is not a weekday and time (expected for example sat 15:30)");
    }
    String word = parts[0].toLowerCase(Locale.ROOT);
    int day = -1;
    for (int d = 0; d < DAYS.size(); d++) {
      if (word.equals(DAYS.get(d)) || word.equals(DAYS.get(d).substring(0, 3))) {
        day = d;
      }
    }
    if (day < 0) {
      throw new SyntaxException(
          lead,
          UserText.quote(parts[0])
              + " is not a day of the week (expected mon, tue, wed, thu, fri, sat, sun or the"
              + " full name, such as sat 15:30)");
    }
    int timeAt = lead + s.indexOf(parts[1], parts[0].length());
    Matcher m = TIME.matcher(parts[1]);
    int hour = m.matches() ? Integer.parseInt(m.group(1)) : -1;
    int minute = m.matches() ? Integer.parseInt(m.group(2)) : -1;
    if (hour < 0 || hour > 23 || minute > 59) {
      throw new SyntaxException(
          timeAt,
          UserText.quote(parts[1])
              + " is not a time of day (expected H:MM or HH:MM from 0:00 to 23:59, such as"
              + " 15:30)");
    }
    return day * 24 + hour + minute / 60.0;
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
