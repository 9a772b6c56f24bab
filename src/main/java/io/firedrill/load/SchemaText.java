package io.firedrill.load;

import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.load.yaml.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a valid model says, section by section, from the declared schema ({@link ModelSchema}): the
 * text {@code firedrill validate} prints. For each section, its keys in declared order: the ones
 * the model gives with their values as written (after {@code --set}), each subsection on a line of
 * its own (each named subsection, a site's zone, too), then the keys left out with their declared
 * defaults ({@code defaults: slo 0.99}) and the optional keys left out with what leaving them out
 * means ({@code left out: generator none}). A key added to the schema appears here without a line
 * of code.
 *
 * <p>Values are shown in the model's syntax, escaped for the terminal and cut after {@value
 * #LONGEST} characters ({@link UserText#bounded}); a list or mapping of more than {@value
 * #LONGEST_LIST} items (the 168 weights of a weekly profile, a service on 50 sites) is shown as its
 * length, so that every line of the description stays short.
 */
public final class SchemaText {
  /** Lists and mappings longer than this are shown as their length. */
  static final int LONGEST_LIST = 12;

  /** A value is cut to this many characters (escaped), then "…". */
  static final int LONGEST = 200;

  private SchemaText() {}

  /**
   * The text of a loaded model.
   *
   * @param top the lines of the top level (its keys other than {@code name}, {@code description}
   *     and the collections of named definitions)
   * @param named per collection key ({@code grids}, {@code networks}, {@code sites}, {@code
   *     services}), each definition's lines by name in file order; a collection the model leaves
   *     out is absent
   */
  public record Text(List<String> top, Map<String, Map<String, List<String>>> named) {}

  /** The text of {@code loaded}, a model that bound without error. */
  public static Text of(ModelLoader.Loaded loaded) {
    Node.Mapping root = loaded.tree();
    List<KeySpec> topKeys = new ArrayList<>();
    Map<String, Map<String, List<String>>> named = new LinkedHashMap<>();
    for (KeySpec key : ModelSchema.TopKeys.SPEC.keys()) {
      if (key.type().kind() == ValueType.Kind.NAMED) {
        Node.Mapping.Entry e = root.get(key.name());
        if (e != null && e.value() instanceof Node.Mapping defs) {
          Map<String, List<String>> byName = new LinkedHashMap<>();
          for (Node.Mapping.Entry def : defs.entries()) {
            byName.put(def.key(), lines(def.value(), key.type().section()));
          }
          named.put(key.name(), byName);
        }
      } else if (key != ModelSchema.TopKeys.NAME && key != ModelSchema.TopKeys.DESCRIPTION) {
        topKeys.add(key);
      }
    }
    return new Text(lines(root, topKeys), named);
  }

  /** The lines of one section {@code node} of {@code spec} (an empty mapping if not a mapping). */
  static List<String> lines(Node node, SectionSpec spec) {
    return lines(node, spec.keys());
  }

  private static List<String> lines(Node node, List<KeySpec> keys) {
    Node.Mapping map = node instanceof Node.Mapping m ? m : null;
    List<String> given = new ArrayList<>();
    List<String> sections = new ArrayList<>();
    List<String> defaults = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (KeySpec key : keys) {
      Node.Mapping.Entry e = map == null ? null : map.get(key.name());
      if (e != null) {
        if (key.type().kind() == ValueType.Kind.SECTION) {
          sections.add(key.name() + ": " + inline(e.value(), key.type().section()));
        } else if (key.type().kind() == ValueType.Kind.NAMED
            && e.value() instanceof Node.Mapping defs
            && defs.entries().size() <= LONGEST_LIST) {
          // Named subsections (a site's zones): one line each, "zone hall-a: share 0.3, ...".
          for (Node.Mapping.Entry def : defs.entries()) {
            SectionSpec spec = key.type().section();
            sections.add(
                spec.id() + " " + UserText.escape(def.key()) + ": " + inline(def.value(), spec));
          }
        } else {
          given.add(key.name() + " " + value(key, e.value()));
        }
      } else if (key.defaultValue() != null) {
        defaults.add(key.name() + " " + key.defaultValue());
      } else if (key.absent() != null) {
        leftOut.add(key.name() + " " + key.absent());
      }
    }
    List<String> lines = new ArrayList<>();
    if (!given.isEmpty()) {
      lines.add(String.join(", ", given));
    }
    lines.addAll(sections);
    if (!defaults.isEmpty()) {
      lines.add("defaults: " + String.join(", ", defaults));
    }
    if (!leftOut.isEmpty()) {
      lines.add("left out: " + String.join(", ", leftOut));
    }
    return lines.isEmpty() ? List.of("(nothing given)") : lines;
  }

  /**
   * A subsection on one line: its keys in declared order, given, or marked as a default taken or as
   * left out with what that means (as a section's {@code defaults:} and {@code left out:}); a
   * subsection within it in braces, the same way.
   */
  private static String inline(Node node, SectionSpec spec) {
    Node.Mapping map = node instanceof Node.Mapping m ? m : null;
    List<String> parts = new ArrayList<>();
    for (KeySpec key : spec.keys()) {
      Node.Mapping.Entry e = map == null ? null : map.get(key.name());
      if (e != null && key.type().kind() == ValueType.Kind.SECTION) {
        // A subsection of a subsection (a fire's damage): its keys in braces, the same way.
        parts.add(key.name() + " {" + inline(e.value(), key.type().section()) + "}");
      } else if (e != null) {
        parts.add(key.name() + " " + value(key, e.value()));
      } else if (key.defaultValue() != null) {
        parts.add(key.name() + " " + key.defaultValue() + " (default)");
      } else if (key.absent() != null) {
        parts.add(key.name() + " " + key.absent() + " (left out)");
      }
    }
    return parts.isEmpty() ? "{}" : String.join(", ", parts);
  }

  /**
   * The value of {@code key}; a rate of zero says that the hazard never strikes on its own (or, for
   * a generator's rate of failures while running, that it never fails).
   */
  private static String value(KeySpec key, Node node) {
    String text = value(node);
    if (key.type().kind() == ValueType.Kind.RATE && node instanceof Node.Scalar s) {
      try {
        if (Units.parseRate(s.text()) == 0) {
          return text
              + (key == ModelSchema.GeneratorKeys.RATE ? " (never fails)" : " (never on its own)");
        }
      } catch (SyntaxException e) {
        // Not for a model that bound; shown as written.
      }
    }
    return text;
  }

  /**
   * A value in the model's syntax: a scalar as written, a list in brackets, a mapping in braces.
   */
  static String value(Node node) {
    if (node instanceof Node.Scalar s) {
      // As written, less the blanks around it (which the model ignores too).
      if (s.isNull()) {
        return "~";
      }
      String t = UserText.strip(s.text());
      return t.isEmpty() ? "''" : UserText.bounded(t, LONGEST);
    }
    if (node instanceof Node.Sequence seq) {
      if (seq.items().size() > LONGEST_LIST) {
        return "[" + seq.items().size() + " values]";
      }
      List<String> items = new ArrayList<>();
      for (Node item : seq.items()) {
        items.add(value(item));
      }
      return "[" + String.join(", ", items) + "]";
    }
    Node.Mapping map = (Node.Mapping) node;
    if (map.entries().size() > LONGEST_LIST) {
      return "{" + map.entries().size() + " entries}";
    }
    List<String> entries = new ArrayList<>();
    for (Node.Mapping.Entry e : map.entries()) {
      entries.add(UserText.escape(e.key()) + ": " + value(e.value()));
    }
    return "{" + String.join(", ", entries) + "}";
  }
}
