package io.firedrill.load;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What a key of the model format holds: its kind of value (a duration, a list of site names, a
 * nested section...), the range a number must lie in, and what names or choices it takes.
 *
 * <p>One value type is one line of the reference tables in docs/model-format.md, one definition in
 * docs/model.schema.json and one reader of {@link TreeReader}: the three are derived from the same
 * declaration in {@link ModelSchema}.
 *
 * @param kind the syntax of the value (docs/model-format.md, "Values")
 * @param range the range of a number, in the unit it is read in (hours for a duration, per hour for
 *     a rate), or null for values that are not numbers
 * @param choices the words a {@link Kind#CHOICE} takes, in the order documented; empty otherwise
 * @param names what the names of a {@link Kind#REFERENCE}, {@link Kind#REFERENCES} or {@link
 *     Kind#NAMED} value name ({@code "site"}, {@code "service"}), or null
 * @param section the keys of a {@link Kind#SECTION}, or of each entry of a {@link Kind#NAMED}
 *     section; null otherwise
 */
public record ValueType(
    Kind kind, Range range, List<String> choices, String names, SectionSpec section) {

  /** The syntaxes of model values. */
  public enum Kind {
    /** Free text; an empty value is empty text. */
    TEXT,
    /** The model's own name: {@code [a-z0-9-]+}, at most 64 characters. */
    MODEL_NAME,
    /** A number and a time unit ({@code 15m}, {@code 2d}); read in hours. */
    DURATION,
    /** {@code N/y}, {@code N/d} or {@code N/h}; read per hour. */
    RATE,
    /** A number with an optional {@code K} or {@code M}. */
    COUNT,
    /** A count that is a whole number, read exactly. */
    WHOLE,
    /** A plain number in [0, 1]. */
    PROBABILITY,
    /** A distribution of durations ({@code lognormal(median=1h, p90=4h)}). */
    DISTRIBUTION,
    /** A weekday and a time of day ({@code sat 15:30}); read as hours from Monday 00:00. */
    WEEK_TIME,
    /** One of a few words. */
    CHOICE,
    /** 168 hourly weights, each a plain number of zero or more. */
    WEIGHTS,
    /** 168 hourly factors, each a plain number from 0.01 to 100. */
    FACTORS,
    /** A restore curve: a list of [time fraction, capacity] pairs. */
    CURVE,
    /**
     * A service's restore curve: a list of [fraction of its unit's capacity back, fraction of the
     * service's capacity there back] pairs.
     */
    SHARE_CURVE,
    /** The name of a declared grid, network, site or service. */
    REFERENCE,
    /** A list of such names (a single name is a one-element list). */
    REFERENCES,
    /** A mapping of site names to capacities (counts). */
    PLACEMENTS,
    /** A mapping of site names to prices per capacity unit per year (counts). */
    PRICES,
    /** A mapping of required service names to durations (recovery lags). */
    LAGS,
    /** A mapping with a fixed set of keys. */
    SECTION,
    /** A mapping of names to sections of one kind ({@code sites}, {@code services}...). */
    NAMED
  }

  /**
   * The range of a number: from {@code min} (excluded when {@code minExclusive}) to {@code max}
   * included, or without upper bound when {@code max} is null.
   *
   * @param maxText the upper bound as a user writes it ({@code 100000y}, {@code 1e15}, {@code
   *     2^40}), for messages and documentation
   */
  public record Range(BigDecimal min, boolean minExclusive, BigDecimal max, String maxText) {
    public Range {
      Objects.requireNonNull(min, "min");
      if (max != null && max.compareTo(min) <= 0) {
        throw new IllegalArgumentException("max is not above min: " + max + " <= " + min);
      }
    }

    /** Zero or more, without upper bound. */
    public static Range zeroOrMore() {
      return new Range(BigDecimal.ZERO, false, null, null);
    }

    /** Above zero, without upper bound. */
    public static Range positive() {
      return new Range(BigDecimal.ZERO, true, null, null);
    }

    /** This range with an upper bound, written {@code text} for users. */
    public Range atMost(double bound, String text) {
      return new Range(min, minExclusive, new BigDecimal(bound), text);
    }

    /** From {@code min} to {@code max}, both included; {@code maxText} as the user reads it. */
    public static Range between(long min, long max, String maxText) {
      return new Range(BigDecimal.valueOf(min), false, BigDecimal.valueOf(max), maxText);
    }

    /** Whether {@code x} lies below the lower bound. */
    public boolean below(double x) {
      double lower = min.doubleValue();
      return minExclusive ? !(x > lower) : x < lower;
    }

    /** Whether {@code x} lies above the upper bound. */
    public boolean above(double x) {
      return max != null && x > max.doubleValue();
    }

    /** {@code ≥ 0}, {@code > 0, at most 100000y}, {@code 0 to 1}: the range as a table shows it. */
    public String describe() {
      String lower = (minExclusive ? "> " : "≥ ") + min.toPlainString();
      if (max == null) {
        return lower;
      }
      return minExclusive ? lower + ", at most " + maxText : min.toPlainString() + " to " + maxText;
    }
  }

  public ValueType {
    Objects.requireNonNull(kind, "kind");
    choices = List.copyOf(choices);
  }

  /**
   * What a value of this type looks like, as error messages say it: "expected EXPECTED, got a
   * list"; also the description of the type in the JSON Schema.
   */
  public String expected() {
    return switch (kind) {
      case TEXT -> "text";
      case MODEL_NAME -> "a name of lowercase letters, digits and -";
      case DURATION -> "a duration such as 15m, 4h or 2d";
      case RATE -> "a rate such as 0.5/y, 2/d or 0.001/h";
      case COUNT -> "a number such as 2000, 12K or 48M";
      case WHOLE -> "a whole number";
      case PROBABILITY -> "a probability between 0 and 1";
      case DISTRIBUTION -> "a distribution such as lognormal(median=1h, p90=4h)";
      case WEEK_TIME -> "a weekday and time such as sat 15:30";
      case CHOICE -> String.join(" or ", choices);
      case WEIGHTS -> "a list of 168 hourly weights (Monday 00:00 first)";
      case FACTORS -> "a list of 168 hourly factors from 0.01 to 100 (Monday 00:00 first)";
      case CURVE ->
          "a list of [time fraction, capacity] pairs from [0, c] to [1, 1], such as"
              + " [[0, 0], [0.1, 0.5], [1, 1]]";
      case SHARE_CURVE ->
          "a list of [site fraction, service fraction] pairs from [0, 0] to [1, 1], such as"
              + " [[0, 0], [0.5, 1], [1, 1]]";
      case REFERENCE -> "the name of a " + names;
      case REFERENCES -> "a list of " + names + " names such as [a, b]";
      case PLACEMENTS -> "a mapping of site: capacity such as {east: 2000}";
      case PRICES -> "a mapping of site: price per capacity unit per year";
      case LAGS -> "a mapping of service: duration such as {db: 30m}";
      case SECTION -> "a mapping with " + String.join(", ", section.names());
      case NAMED -> "a mapping of names to definitions";
    };
  }

  static ValueType of(Kind kind) {
    return new ValueType(kind, null, List.of(), null, null);
  }

  static ValueType ranged(Kind kind, Range range) {
    return new ValueType(kind, range, List.of(), null, null);
  }

  static ValueType choice(String... words) {
    return new ValueType(Kind.CHOICE, null, List.of(words), null, null);
  }

  static ValueType naming(Kind kind, String names) {
    return new ValueType(kind, null, List.of(), names, null);
  }

  static ValueType placements(Kind kind, Range range) {
    return new ValueType(kind, range, List.of(), "site", null);
  }

  static ValueType section(SectionSpec section) {
    return new ValueType(Kind.SECTION, null, List.of(), null, section);
  }

  static ValueType named(String names, SectionSpec section) {
    return new ValueType(Kind.NAMED, null, List.of(), names, section);
  }
}
