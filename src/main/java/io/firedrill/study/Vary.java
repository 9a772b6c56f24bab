package io.firedrill.study;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter to vary: {@code PATH=FROM..TO:STEP} for a sweep, or just {@code PATH} for the sizing
 * solver. FROM, TO and STEP are numbers of the model syntax ({@code 12000}, {@code 1.5e3}) with one
 * shared unit of the model syntax ({@code s m h d w y}, {@code /y /d /h}, {@code K}, {@code M}, or
 * none; a STEP without unit takes FROM's): {@code 0.001/y..0.01/y:0.001/y}, {@code 10m..120m:10m},
 * {@code 0..12000:1000}. Each point becomes an override {@code --set PATH=VALUE}, validated like
 * the file (docs/model-format.md, "Overrides").
 */
public record Vary(String path, BigDecimal from, BigDecimal to, BigDecimal step, String unit) {
  /** Most points one sweep may make (all --vary together). */
  public static final int MAX_POINTS = 1000;

  /**
   * Most points of a search range ({@code size}): 2^53, about 9.0e15, more than a capacity of at
   * most 1e15 in steps of 1; bisection visits at most 55 of them.
   */
  public static final long MAX_SEARCH_POINTS = 1L << 53;

  /** A number of the model syntax, then whatever follows it (the unit). */
  private static final Pattern VALUE =
      Pattern.compile("\\s*([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)(.*)");

  private static final List<String> UNITS =
      List.of("", "s", "m", "h", "d", "w", "y", "/y", "/d", "/h", "K", "M");

  /** Top-level keys that are not model parameters, and why they cannot be varied. */
  private static final Map<String, String> NOT_PARAMETERS =
      Map.ofEntries(
          Map.entry("seed", runSetting("seed", "--seed")),
          Map.entry("trials", runSetting("trials", "--trials")),
          Map.entry("horizon", runSetting("horizon", "--horizon")),
          Map.entry("scenario_horizon", runSetting("scenario_horizon", "--horizon with --event")),
          Map.entry(
              "name",
              "name only labels the model and its output folder; it is not a model parameter"),
          Map.entry("description", "description is free text, not a model parameter"),
          Map.entry(
              "start",
              "start is where t = 0 falls in the week, a setting of the run, not a model"
                  + " parameter; use --at with --event"),
          Map.entry(
              "profile", "profile is a list of 168 weights, not one number that can be varied"),
          Map.entry(
              "staffing",
              "staffing is a list of 168 factors, not one number that can be varied; compare"
                  + " staffing profiles with --set in separate runs"));

  private static String runSetting(String key, String option) {
    return key
        + " is a run setting, not a model parameter (seed, trials and horizon are run settings:"
        + " sweep and size run every point on the same trials); use "
        + option;
  }

  /** Parses {@code PATH=FROM..TO:STEP} for a sweep (at most {@link #MAX_POINTS} points). */
  public static Vary parse(String typed) {
    // A no-break space is a space here; messages quote the text escaped, on one line.
    String text = UserText.asSpaces(typed);
    String label = "--vary " + UserText.escape(text);
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          label
              + ": expected PATH=FROM..TO:STEP, for example services.talk.standby.anyang=0..12000:1000");
    }
    String path = UserText.strip(text.substring(0, eq));
    String range = text.substring(eq + 1);
    int dots = range.indexOf("..");
    int colon = range.lastIndexOf(':');
    if (dots < 0 || colon < dots) {
      String why = notAParameter(path);
      throw new IllegalArgumentException(
          label + ": " + (why != null ? why : "expected FROM..TO:STEP after '='"));
    }
    return of(
        label,
        path,
        range.substring(0, dots),
        range.substring(dots + 2, colon),
        range.substring(colon + 1),
        MAX_POINTS);
  }

  /**
   * A search range for the sizing solver: PATH from {@code from} to {@code to} in steps of {@code
   * step}, or of (to − from) / 1024 when {@code step} is null; at most {@link #MAX_SEARCH_POINTS}
   * points.
   *
   * @param label how errors begin, e.g. {@code --min/--max/--step}
   */
  public static Vary search(String label, String path, String from, String to, String step) {
    return of(label, path, from, to, step, MAX_SEARCH_POINTS);
  }

  /**
   * The range FROM..TO:STEP of {@code path}, with at most {@code limit} points; errors begin with
   * {@code label}. A null {@code stepText} means (TO − FROM) / 1024, or 1 when TO = FROM.
   */
  private static Vary of(
      String label, String path, String fromText, String toText, String stepText, long limit) {
    String why = notAParameter(path);
    if (why != null) {
      throw new IllegalArgumentException(label + ": " + why);
    }
    Object[] from = value(label, fromText);
    Object[] to = value(label, toText);
    Object[] step = stepText == null ? new Object[] {null, ""} : value(label, stepText);
    // A bare 0 is zero in any unit (as in a model); the unit is the first one given. Durations
    // in several units are converted to the smallest of them (2h with a step of 15m: 120m).
    String unit = "";
    for (Object[] v : new Object[][] {from, to, step}) {
      unit = unit.isEmpty() ? (String) v[1] : unit;
    }
    String smallest = unit;
    for (Object[] v : new Object[][] {from, to, step}) {
      if (SECONDS.containsKey(v[1]) && SECONDS.containsKey(smallest)) {
        smallest = SECONDS.get(v[1]) < SECONDS.get(smallest) ? (String) v[1] : smallest;
      }
    }
    if (SECONDS.containsKey(smallest)) {
      unit = smallest;
      for (Object[] v : new Object[][] {from, to, step}) {
        if (v[0] != null && SECONDS.containsKey(v[1])) {
          long factor = SECONDS.get(v[1]) / SECONDS.get(unit);
          v[0] = ((BigDecimal) v[0]).multiply(BigDecimal.valueOf(factor));
          v[1] = unit;
        }
      }
    }
    boolean fromOk = from[1].equals(unit) || bareZero(from);
    boolean toOk = to[1].equals(unit) || bareZero(to);
    if (!fromOk || !toOk || !(step[1].equals("") || step[1].equals(unit))) {
      throw new IllegalArgumentException(
          label
              + ": FROM, TO and STEP must share a unit (FROM has "
              + unitName(from)
              + ", TO "
              + unitName(to)
              + ", STEP "
              + unitName(step)
              + "; a bare 0 takes the others' unit)");
    }
    BigDecimal f = (BigDecimal) from[0];
    BigDecimal t = (BigDecimal) to[0];
    BigDecimal s = (BigDecimal) step[0];
    if (s == null) {
      BigDecimal range = t.subtract(f).divide(BigDecimal.valueOf(1024));
      s = range.signum() > 0 ? range : BigDecimal.ONE;
    }
    if (s.signum() <= 0) {
      throw new IllegalArgumentException(label + ": STEP must be positive");
    }
    if (t.compareTo(f) < 0) {
      throw new IllegalArgumentException(label + ": TO is below FROM");
    }
    Vary v = new Vary(path, f, t, s, unit);
    if (v.count() > limit) {
      throw new IllegalArgumentException(
          label
              + ": "
              + v.pointsText()
              + " points (at most "
              + limit
              + (limit == MAX_SEARCH_POINTS ? ", 2^53; give a larger --step" : "")
              + ")");
    }
    return v;
  }

  /** Seconds in each duration unit of the model syntax (y = 365 d). */
  private static final java.util.Map<String, Long> SECONDS =
      java.util.Map.of(
          "s", 1L, "m", 60L, "h", 3600L, "d", 86_400L, "w", 604_800L, "y", 31_536_000L);

  private static String unitName(Object[] value) {
    return value[1].equals("") ? "none" : UserText.quote((String) value[1]);
  }

  /** Whether a FROM or TO is a 0 written without a unit. */
  private static boolean bareZero(Object[] value) {
    return value[1].equals("") && ((BigDecimal) value[0]).signum() == 0;
  }

  /**
   * Why {@code path} cannot be varied (a run setting or a label), or null for a model parameter.
   */
  public static String notAParameter(String path) {
    int dot = path.indexOf('.');
    return NOT_PARAMETERS.get(dot < 0 ? path : path.substring(0, dot));
  }

  /** {number, unit} of one of FROM, TO, STEP, with the number finite in a double. */
  private static Object[] value(String label, String typed) {
    String part = UserText.strip(UserText.asSpaces(typed));
    Matcher m = VALUE.matcher(part);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          label + ": " + UserText.quote(part) + " is not a number with an optional unit");
    }
    String unit = UserText.strip(m.group(2));
    if (!UNITS.contains(unit)) {
      throw new IllegalArgumentException(
          label
              + ": unknown unit "
              + UserText.quote(unit)
              + " in "
              + UserText.quote(part)
              + " (units: s, m, h, d, w, y, /y, /d, /h, K, M or none)");
    }
    try {
      // The number must be one a model value can hold; this also bounds its exponent.
      Units.parseNumber(m.group(1), 0, "a number");
      return new Object[] {Units.parseDecimal(m.group(1), 0, "a number"), unit};
    } catch (SyntaxException e) {
      throw new IllegalArgumentException(label + ": " + e.getMessage());
    }
  }

  /** Number of points FROM, FROM+STEP, ... up to TO, exactly. */
  public BigInteger points() {
    return to.subtract(from).divideToIntegralValue(step).toBigInteger().add(BigInteger.ONE);
  }

  /** The number of points for a message: exact up to 2^63, else "about 1e600". */
  String pointsText() {
    BigInteger n = points();
    if (n.bitLength() < 63) {
      return n.toString();
    }
    BigDecimal rounded = new BigDecimal(n).round(new MathContext(2)).stripTrailingZeros();
    return "about " + rounded.toString().replace("E+", "e");
  }

  /** Number of points, or {@link Long#MAX_VALUE} when there are more. */
  public long count() {
    BigInteger n = points();
    return n.bitLength() < 63 ? n.longValueExact() : Long.MAX_VALUE;
  }

  /**
   * The points of a sweep of one or two ranges: every combination of their numbers, the second
   * range varying fastest; per point, the number of each range in order.
   *
   * @throws IllegalArgumentException with a one-line message when the ranges make more than {@link
   *     #MAX_POINTS} points together, or vary the same path twice
   */
  public static List<BigDecimal[]> grid(List<Vary> ranges) {
    long count = 1;
    for (Vary v : ranges) {
      count *= v.count(); // each at most MAX_POINTS, so the product fits a long
    }
    if (count > MAX_POINTS) {
      throw new IllegalArgumentException(
          "--vary: " + count + " points in all (at most " + MAX_POINTS + ")");
    }
    if (ranges.size() == 2 && ranges.get(0).path().equals(ranges.get(1).path())) {
      throw new IllegalArgumentException(
          "--vary "
              + ranges.get(0).path()
              + " is given twice: the second range would replace the first at every point; give"
              + " one range, or two different parameters");
    }
    List<BigDecimal[]> points = new ArrayList<>();
    for (BigDecimal a : ranges.get(0).numbers()) {
      if (ranges.size() == 1) {
        points.add(new BigDecimal[] {a});
      } else {
        for (BigDecimal b : ranges.get(1).numbers()) {
          points.add(new BigDecimal[] {a, b});
        }
      }
    }
    return points;
  }

  /** The numbers of the points, exact decimals; only for a range within {@link #MAX_POINTS}. */
  public List<BigDecimal> numbers() {
    long n = count();
    if (n > MAX_POINTS) {
      throw new IllegalStateException("numbers() of " + n + " points");
    }
    List<BigDecimal> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(from.add(step.multiply(BigDecimal.valueOf(i))));
    }
    return out;
  }

  /**
   * The name of this parameter's column in a CSV file: the path, with the unit its values are in
   * when they carry one ({@code sites.east.ups (m)}, {@code services.talk.users (M)}).
   */
  public String column() {
    return unit.isEmpty() ? path : path + " (" + unit + ")";
  }

  /** The override for number {@code x}: {@code PATH=x<unit>}. */
  public String override(BigDecimal x) {
    return path + "=" + text(x) + unit;
  }

  /** {@code x} in the model's number syntax: plain, or with an exponent when that is shorter. */
  public static String text(BigDecimal x) {
    BigDecimal s = x.stripTrailingZeros();
    String plain = s.toPlainString();
    return plain.length() <= 24 ? plain : s.toString().replace("E+", "e").replace('E', 'e');
  }

  /**
   * True when PATH is a capacity or a count (deploy, standby, demand, users, feeds_needed,
   * restore_priority): the sizing solver then answers with whole numbers.
   */
  public static boolean isWhole(String path) {
    return path.contains(".deploy.")
        || path.contains(".standby.")
        || path.endsWith(".demand")
        || path.endsWith(".users")
        || path.endsWith(".feeds_needed")
        || path.endsWith(".generator.count")
        || path.endsWith(".generator.needed")
        || path.endsWith(".restore_priority");
  }

  /**
   * The smallest value PATH takes, where a search starts without {@code --min}: 1 for a site's
   * feeds_needed, a generator's count and needed, and a service's restore_priority, else 0.
   */
  public static String smallest(String path) {
    return path.endsWith(".feeds_needed")
            || path.endsWith(".generator.count")
            || path.endsWith(".generator.needed")
            || path.endsWith(".restore_priority")
        ? "1"
        : "0";
  }
}
