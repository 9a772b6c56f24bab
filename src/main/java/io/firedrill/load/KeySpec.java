package io.firedrill.load;

import java.util.Objects;

/**
 * One key of the model format: its name, what it holds, whether it must be given, its default and a
 * one-line description (docs/model-format.md shows these as the reference tables).
 *
 * @param name the key as written in a model file ({@code scenario_horizon})
 * @param type the kind of value, its range and the names it refers to
 * @param presence whether the key must be given
 * @param defaultValue the value used when the key is left out, in the model syntax ({@code 1y},
 *     {@code 0.99}); null when leaving it out means "none" or the key is required
 * @param absent what leaving the key out means when there is no default value ({@code none (no
 *     utility outages)}), for the tables; null when there is a default or the key is required
 * @param unit what a count counts ({@code people}, {@code capacity units}), or null where the value
 *     carries its unit (durations, rates) or has none
 * @param doc one line: what the key means
 */
public record KeySpec(
    String name,
    ValueType type,
    Presence presence,
    String defaultValue,
    String absent,
    String unit,
    String doc) {

  /** Whether a key must be given. */
  public enum Presence {
    /** The key must be given. */
    REQUIRED,
    /** Exactly one of the section's ONE_OF keys must be given ({@code rate} or {@code ttf}). */
    ONE_OF,
    /** The key may be left out. */
    OPTIONAL
  }

  public KeySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(doc, "doc");
    if (presence != Presence.OPTIONAL && (defaultValue != null || absent != null)) {
      throw new IllegalArgumentException(name + " is " + presence + " but has a default");
    }
    if (presence == Presence.OPTIONAL && (defaultValue == null) == (absent == null)) {
      throw new IllegalArgumentException(
          name + " is optional: give either a default value or what its absence means");
    }
  }

  /** A key that must be given. */
  static KeySpec required(String name, ValueType type, String doc) {
    return new KeySpec(name, type, Presence.REQUIRED, null, null, null, doc);
  }

  /** One of a group of keys of which exactly one must be given. */
  static KeySpec oneOf(String name, ValueType type, String doc) {
    return new KeySpec(name, type, Presence.ONE_OF, null, null, null, doc);
  }

  /** An optional key whose default is {@code defaultValue}, in the model syntax. */
  static KeySpec withDefault(String name, ValueType type, String defaultValue, String doc) {
    return new KeySpec(name, type, Presence.OPTIONAL, defaultValue, null, null, doc);
  }

  /** An optional key with no default value; {@code absent} says what its absence means. */
  static KeySpec optional(String name, ValueType type, String absent, String doc) {
    return new KeySpec(name, type, Presence.OPTIONAL, null, absent, null, doc);
  }

  /** This key with the unit of what it counts. */
  KeySpec counting(String unit) {
    return new KeySpec(name, type, presence, defaultValue, absent, unit, doc);
  }
}
