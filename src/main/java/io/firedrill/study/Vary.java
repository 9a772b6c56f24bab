package io.firedrill.study;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter to vary: {@code PATH=FROM..TO:STEP} for a sweep, or just {@code PATH} for the sizing
 * solver. Values keep the unit of the model syntax ({@code 0.001/y..0.01/y:0.001/y}, {@code
 * 10m..2h:10m} in minutes, {@code 0..12000:1000}); each point becomes an override {@code --set
 * PATH=VALUE}, validated like the file.
 */
public record Vary(String path, BigDecimal from, BigDecimal to, BigDecimal step, String unit) {
  /** Most points one --vary may make. */
  public static final int MAX_POINTS = 1000;

  private static final Pattern NUMBER = Pattern.compile("\\s*(-?[0-9]+(?:\\.[0-9]+)?)(.*)");

  /** Parses {@code PATH=FROM..TO:STEP} for a sweep (at most {@link #MAX_POINTS} points). */
  public static Vary parse(String text) {
    return parse(text, true);
  }

  /** Parses {@code PATH=FROM..TO:STEP}; a search range may hold any number of points. */
  public static Vary parse(String text, boolean limitPoints) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "--vary "
              + text
              + ": expected PATH=FROM..TO:STEP, for example services.talk.standby.anyang=0..12000:1000");
    }
    String path = text.substring(0, eq).strip();
    String range = text.substring(eq + 1);
    int dots = range.indexOf("..");
    int colon = range.lastIndexOf(':');
    if (dots < 0 || colon < dots) {
      throw new IllegalArgumentException("--vary " + text + ": expected FROM..TO:STEP after '='");
    }
    String[] from = split(text, range.substring(0, dots));
    String[] to = split(text, range.substring(dots + 2, colon));
    String[] step = split(text, range.substring(colon + 1));
    String unit = from[1];
    if (!to[1].equals(unit) || !(step[1].isEmpty() || step[1].equals(unit))) {
      throw new IllegalArgumentException(
          "--vary " + text + ": FROM, TO and STEP must share a unit ('" + unit + "')");
    }
    BigDecimal f = new BigDecimal(from[0]);
    BigDecimal t = new BigDecimal(to[0]);
    BigDecimal s = new BigDecimal(step[0]);
    if (s.signum() <= 0) {
      throw new IllegalArgumentException("--vary " + text + ": STEP must be positive");
    }
    if (t.compareTo(f) < 0) {
      throw new IllegalArgumentException("--vary " + text + ": TO is below FROM");
    }
    Vary v = new Vary(path, f, t, s, unit);
    if (limitPoints && v.count() > MAX_POINTS) {
      throw new IllegalArgumentException(
          "--vary " + text + ": " + v.count() + " points (at most " + MAX_POINTS + ")");
    }
    return v;
  }

  private static String[] split(String text, String part) {
    Matcher m = NUMBER.matcher(part);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--vary " + text + ": '" + part.strip() + "' is not a number with an optional unit");
    }
    return new String[] {m.group(1), m.group(2).strip()};
  }

  /** Number of points FROM, FROM+STEP, ... up to TO. */
  public int count() {
    return to.subtract(from).divideToIntegralValue(step).intValueExact() + 1;
  }

  /** The numbers of the points, exact decimals. */
  public List<BigDecimal> numbers() {
    List<BigDecimal> out = new ArrayList<>();
    for (int i = 0; i < count(); i++) {
      out.add(from.add(step.multiply(BigDecimal.valueOf(i))));
    }
    return out;
  }

  /** The override for number {@code x}: {@code PATH=x<unit>}. */
  public String override(BigDecimal x) {
    return path + "=" + x.stripTrailingZeros().toPlainString() + unit;
  }

  /**
   * True when PATH is a capacity or a count (deploy, standby, demand, users): the sizing solver
   * then answers with whole numbers.
   */
  public static boolean isWhole(String path) {
    return path.contains(".deploy.")
        || path.contains(".standby.")
        || path.endsWith(".demand")
        || path.endsWith(".users");
  }
}
