package io.firedrill.load.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where every piece came from.
 *
 * <p>Jackson's YAML tree model drops positions, and the binder needs one for every error it
 * reports, so the reader builds this small tree instead. Mappings keep their key order and are
 * mutable only so that {@code --set} overrides can be applied before binding.
 */
public sealed interface Node permits Node.Mapping, Node.Sequence, Node.Scalar {

  /** Where this node starts. */
  Origin origin();

  /** A word for error messages: "a mapping", "a list", "a value". */
  String kind();

  /**
   * A scalar: its text as written (without quotes), or null text for an empty value ({@code key:}
   * with nothing after it, {@code ~}, {@code null}); a quoted {@code ''} is an empty text.
   */
  record Scalar(Origin origin, String text, Origin textOrigin) implements Node {
    /**
     * True for {@code key:} with nothing after it, {@code ~} or {@code null}, not for {@code ''}.
     */
    public boolean isNull() {
      return text == null;
    }

    @Override
    public String kind() {
      return isNull() ? "an empty value" : text.isEmpty() ? "an empty text ('')" : "a value";
    }
  }

  /** A sequence, flow ({@code [a, b]}) or block. */
  record Sequence(Origin origin, List<Node> items) implements Node {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A mapping with its keys in file order. */
  final class Mapping implements Node {
    private final Origin origin;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** One key and its value, each with its own origin. */
    public record Entry(String key, Origin keyOrigin, Node value) {}

    public Mapping(Origin origin) {
      this.origin = origin;
    }

    @Override
    public Origin origin() {
      return origin;
    }

    @Override
    public String kind() {
      return "a mapping";
    }

    /** The entry for {@code key}, or null. */
    public Entry get(String key) {
      return entries.get(key);
    }

    /** Adds or replaces an entry; replacing keeps the key's place in the order. */
    public void put(String key, Origin keyOrigin, Node value) {
      entries.put(key, new Entry(key, keyOrigin, value));
    }

    /** The entries in file order. */
    public List<Entry> entries() {
      return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    public boolean isEmpty() {
      return entries.isEmpty();
    }
  }
}
