package io.firedrill.load;

import java.util.List;
import java.util.Objects;

/**
 * A mapping of the model format with a fixed set of keys: the top level, a site, a fire...
 *
 * <p>Immutable; its key names are listed once, since every section of every model file is opened
 * against them.
 */
public final class SectionSpec {
  private final String id;
  private final String where;
  private final List<KeySpec> keys;
  private final List<String> names;

  /**
   * @param id a short name for the section, used as the name of its definition in the JSON Schema
   *     and to mark its table in docs/model-format.md ({@code site})
   * @param where the key paths at which it appears ({@code sites.NAME})
   * @param keys its keys in the order documented and listed in messages
   * @throws IllegalArgumentException if two keys have one name
   */
  public SectionSpec(String id, String where, List<KeySpec> keys) {
    this.id = Objects.requireNonNull(id, "id");
    this.where = Objects.requireNonNull(where, "where");
    this.keys = List.copyOf(keys);
    this.names = this.keys.stream().map(KeySpec::name).toList();
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("a key of section " + id + " is declared twice");
    }
  }

  static SectionSpec of(String id, String where, KeySpec... keys) {
    return new SectionSpec(id, where, List.of(keys));
  }

  /** The section's short name ({@code site}). */
  public String id() {
    return id;
  }

  /** The key paths at which the section appears ({@code sites.NAME}). */
  public String where() {
    return where;
  }

  /** The keys, in order. */
  public List<KeySpec> keys() {
    return keys;
  }

  /** The names of the keys, in order. */
  public List<String> names() {
    return names;
  }

  /** The keys of which exactly one must be given ({@code rate}, {@code ttf}); often none. */
  public List<KeySpec> oneOf() {
    return keys.stream().filter(k -> k.presence() == KeySpec.Presence.ONE_OF).toList();
  }

  @Override
  public String toString() {
    return id + " " + names;
  }
}
