package io.firedrill.load;

import io.firedrill.dist.Distribution;
import io.firedrill.dist.DistributionParser;
import io.firedrill.dist.SyntaxException;
import io.firedrill.dist.Units;
import io.firedrill.dist.UserText;
import io.firedrill.load.ValueType.Range;
import io.firedrill.load.yaml.Node;
import io.firedrill.load.yaml.Origin;
import io.firedrill.model.ActivityProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed readers of a located YAML tree: scalars in the model's syntaxes, sections with a declared
 * set of keys, lists and mappings of names, each with an error at the exact place of a defect.
 *
 * <p>The convention throughout: a reader returns the value it read, or records one {@link
 * ModelError} (position, key path, message) and returns null. A caller that gets null builds
 * nothing from it and does not report it again; the errors of a whole file are collected this way
 * and reported together. A reader of a {@link KeySpec} takes the key's range from its type and,
 * when the key is left out of its section, returns the key's declared default.
 *
 * <p>The binder ({@link ModelBinder}) knows the model; this class knows only values and keys.
 */
final class TreeReader {
  private static final String DISTRIBUTION = ValueType.of(ValueType.Kind.DISTRIBUTION).expected();

  private final List<ModelError> errors = new ArrayList<>();
  private final NearNames near = new NearNames();

  /** Every defect recorded so far, in the order found. */
  List<ModelError> errors() {
    return errors;
  }

  /** How many defects were recorded: compare before and after reading a part. */
  int errorCount() {
    return errors.size();
  }

  /** Records a defect. */
  void error(Origin origin, String path, String message) {
    errors.add(new ModelError(origin, path, message));
  }

  // ---------------------------------------------------------------------------------------------
  // Sections

  /**
   * {@code node} as a section of {@code spec}'s keys, reporting every unknown key; null (after an
   * error) when it is not a mapping.
   */
  Section section(Node node, String path, SectionSpec spec) {
    if (!(node instanceof Node.Mapping map)) {
      error(
          node.origin(),
          path,
          "expected " + ValueType.section(spec).expected() + ", got " + node.kind());
      return null;
    }
    return new Section(map, path, spec);
  }

  /** A mapping known to be one, as a section of {@code spec}'s keys (the top level). */
  Section open(Node.Mapping map, String path, SectionSpec spec) {
    return new Section(map, path, spec);
  }

  /** A mapping with a declared set of keys; unknown keys are reported when it is opened. */
  final class Section {
    final Node.Mapping map;
    final String path;

    private Section(Node.Mapping map, String path, SectionSpec spec) {
      this.map = map;
      this.path = path;
      List<String> allowed = spec.names();
      for (Node.Mapping.Entry e : map.entries()) {
        if (!allowed.contains(e.key())) {
          int space = unusualSpace(e.key());
          if (space >= 0) {
            // A no-break space in the indentation is no indentation to YAML: the key moved.
            error(
                e.keyOrigin(),
                at(e.key()),
                String.format(
                    Locale.ROOT,
                    "unknown key %s: it holds a U+%04X space, which YAML does not take for a"
                        + " space (text copied from a web page or a word processor carries them;"
                        + " type spaces)",
                    UserText.quote(e.key()),
                    space));
            continue;
          }
          String hint = near.closest(e.key(), allowed);
          error(
              e.keyOrigin(),
              at(e.key()),
              "unknown key "
                  + UserText.quote(e.key())
                  + (hint == null ? "" : ", did you mean '" + hint + "'?")
                  + " (expected one of: "
                  + String.join(", ", allowed)
                  + ")");
        }
      }
    }

    /**
     * The first space YAML does not take for one in {@code key} ({@link UserText#isUnusualSpace}),
     * or −1.
     */
    private static int unusualSpace(String key) {
      return key.codePoints().filter(UserText::isUnusualSpace).findFirst().orElse(-1);
    }

    boolean has(KeySpec key) {
      return map.get(key.name()) != null;
    }

    Node node(KeySpec key) {
      return map.get(key.name()).value();
    }

    Node.Mapping.Entry entry(KeySpec key) {
      return map.get(key.name());
    }

    Origin keyOrigin(KeySpec key) {
      return map.get(key.name()).keyOrigin();
    }

    /**
     * Where an error at {@code here} that a clash with key {@code other} makes belongs: at {@code
     * here}, unless {@code other} is given by an override ({@code --set}, {@code --vary}) and
     * {@code here} is not, then at the override, which made the clash (a --set of restore_priority
     * on a service whose file gives a restore_curve).
     */
    Origin clash(Origin here, KeySpec other) {
      if (!has(other)) {
        return removal(here);
      }
      return valueOrigin(other).override() && !here.override() ? valueOrigin(other) : here;
    }

    /**
     * Where an error at {@code here} that a key's absence makes belongs: at the override that
     * removed a key of this section ({@code --set KEY=null}: the section then has the override as
     * its origin), unless {@code here} is an override itself; else at {@code here}.
     */
    Origin removal(Origin here) {
      return map.origin().override() && !here.override() ? map.origin() : here;
    }

    /** Where a key's value starts: inside the quotes of a quoted scalar. */
    Origin valueOrigin(KeySpec key) {
      Node n = node(key);
      return n instanceof Node.Scalar s ? s.textOrigin() : n.origin();
    }

    /** The key path of {@code key} in this section. */
    String at(KeySpec key) {
      return at(key.name());
    }

    String at(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Values of keys: the declared default when the key is left out

  /** A duration in hours, in the key's range. */
  Double duration(Section s, KeySpec key) {
    if (!s.has(key)) {
      return byDefault(key, Units::parseDuration);
    }
    return ranged(s.node(key), s.at(key), key.type(), Units::parseDuration);
  }

  /** A rate per hour, in the key's range. */
  Double rate(Section s, KeySpec key) {
    if (!s.has(key)) {
      return byDefault(key, Units::parseRate);
    }
    return ranged(s.node(key), s.at(key), key.type(), Units::parseRate);
  }

  /** A count (users, demand), in the key's range. */
  Double count(Section s, KeySpec key) {
    if (!s.has(key)) {
      return byDefault(key, Units::parseCount);
    }
    return count(s.node(key), s.at(key), key.type().range());
  }

  /**
   * A count (users, demand, capacity, price) in {@code range}: zero or more, or positive, and at
   * most {@link Units#MAX_QUANTITY}, so that user-hours and costs stay finite.
   */
  Double count(Node node, String path, Range range) {
    return ranged(node, path, ValueType.ranged(ValueType.Kind.COUNT, range), Units::parseCount);
  }

  /** A duration in hours, in {@code range} (a value of a mapping of durations). */
  Double duration(Node node, String path, Range range) {
    return ranged(
        node, path, ValueType.ranged(ValueType.Kind.DURATION, range), Units::parseDuration);
  }

  /** A probability in [0, 1]; a key whose range excludes 0 is checked by its caller. */
  Double probability(Section s, KeySpec key) {
    if (!s.has(key)) {
      return byDefault(key, text -> Units.parseNumber(text, 0, "a number"));
    }
    Double p = number(s.node(key), s.at(key), key.type().expected());
    if (p != null && !(p >= 0 && p <= 1)) {
      error(
          s.valueOrigin(key),
          s.at(key),
          "must be a probability between 0 and 1, got " + Units.exact(p));
      return null;
    }
    return p;
  }

  /** A whole number in the count syntax, read exactly, in the key's range (trials, seed). */
  Long whole(Section s, KeySpec key) {
    long min = key.type().range().min().longValueExact();
    long max = key.type().range().max().longValueExact();
    Parser<Long> parser = text -> Units.parseWhole(text, min, max);
    if (!s.has(key)) {
      return byDefault(key, parser);
    }
    return parsed(s.node(key), s.at(key), key.type().expected(), parser, false);
  }

  /** One of the key's choices, as written. */
  String choice(Section s, KeySpec key) {
    if (!s.has(key)) {
      return byDefault(key, text -> text);
    }
    Node.Scalar v = scalar(s.node(key), s.at(key), key.type().expected());
    if (v != null && !key.type().choices().contains(UserText.strip(v.text()))) {
      error(
          v.textOrigin(),
          s.at(key),
          "expected " + key.type().expected() + ", got " + UserText.quote(v.text()));
      return null;
    }
    return v == null ? null : v.text();
  }

  /** Hours from Monday 00:00 to a weekday and time. */
  Double weekTime(Section s, KeySpec key) {
    if (!s.has(key)) {
      return byDefault(key, ActivityProfile::parseWeekTime);
    }
    return parsed(
        s.node(key), s.at(key), key.type().expected(), ActivityProfile::parseWeekTime, true);
  }

  /** A distribution the section must give. */
  Distribution requiredDistribution(Section s, KeySpec key) {
    if (!s.has(key)) {
      error(s.map.origin(), s.at(key), "missing: " + DISTRIBUTION);
      return null;
    }
    return distribution(s, key);
  }

  /** The distribution of a key the section gives. */
  Distribution distribution(Section s, KeySpec key) {
    return parsed(s.node(key), s.at(key), DISTRIBUTION, DistributionParser::parse, true);
  }

  /** The text of a key the section gives. */
  String text(Section s, KeySpec key) {
    Node.Scalar v = scalar(s.node(key), s.at(key), key.type().expected());
    return v == null ? null : v.text();
  }

  /** The default of a key left out, read by the reader of its type. */
  private static <T> T byDefault(KeySpec key, Parser<T> parser) {
    if (key.defaultValue() == null) {
      throw new IllegalStateException(key.name() + " has no default: check has() first");
    }
    try {
      return parser.parse(key.defaultValue());
    } catch (SyntaxException e) {
      throw new IllegalStateException(
          "the default of " + key.name() + " is not valid: " + e.getMessage(), e);
    }
  }

  /** A reader of one syntax (Units, DistributionParser). */
  private interface Parser<T> {
    T parse(String text) throws SyntaxException;
  }

  /**
   * The scalar {@code node} read by {@code parser}. A syntax error is placed at its offset inside
   * the value when {@code atOffset} (the {@code p90} of a distribution), else at the value.
   */
  private <T> T parsed(
      Node node, String path, String expected, Parser<T> parser, boolean atOffset) {
    Node.Scalar v = scalar(node, path, expected);
    if (v == null) {
      return null;
    }
    try {
      return parser.parse(v.text());
    } catch (SyntaxException e) {
      // The offset counts UTF-16 units of the text; a column counts characters (code points).
      String text = v.text();
      int chars = text.codePointCount(0, Math.max(0, Math.min(e.offset(), text.length())));
      error(atOffset ? v.textOrigin().shifted(chars) : v.textOrigin(), path, e.getMessage());
      return null;
    }
  }

  /**
   * A duration, rate or count read by {@code parser}, in its type's range: "must be positive, got
   * 0" or "must be at most 1e15, got 2e15" otherwise (the lower bound of these is zero).
   */
  private Double ranged(Node node, String path, ValueType type, Parser<Double> parser) {
    Double x = parsed(node, path, type.expected(), parser, true);
    if (x == null) {
      return null;
    }
    Range range = type.range();
    Node.Scalar v = (Node.Scalar) node;
    String problem =
        range.below(x)
            ? "must be " + (range.minExclusive() ? "positive" : "zero or more")
            : range.above(x) ? "must be at most " + range.maxText() : null;
    if (problem != null) {
      error(v.textOrigin(), path, problem + ", got " + UserText.bounded(v.text()));
      return null;
    }
    return x;
  }

  // ---------------------------------------------------------------------------------------------
  // Values of nodes

  /** The node as a non-empty scalar, or an error saying what was expected. */
  Node.Scalar scalar(Node node, String path, String expected) {
    if (node instanceof Node.Scalar s && !s.isNull()) {
      return s;
    }
    error(node.origin(), path, "expected " + expected + ", got " + node.kind());
    return null;
  }

  /** A plain number. */
  Double number(Node node, String path, String expected) {
    Node.Scalar v = scalar(node, path, expected);
    if (v == null) {
      return null;
    }
    try {
      return Units.parseNumber(UserText.strip(v.text()), 0, expected);
    } catch (SyntaxException e) {
      error(v.textOrigin(), path, e.getMessage());
      return null;
    }
  }

  /** A name that must be among {@code known}. */
  String reference(Node node, String path, Set<String> known, String what) {
    Node.Scalar v = scalar(node, path, "the name of a " + what);
    if (v == null) {
      return null;
    }
    String name = UserText.strip(v.text());
    if (!known.contains(name)) {
      error(v.textOrigin(), path, unknown(what, name, known));
      return null;
    }
    return name;
  }

  /** A list of names that must be among {@code known}; a single name is accepted as a list. */
  List<String> references(Node node, String path, Set<String> known, String what) {
    List<Node> items;
    if (node instanceof Node.Sequence seq) {
      items = seq.items();
    } else if (node instanceof Node.Scalar s && !s.isNull()) {
      items = List.of(node);
    } else {
      error(
          node.origin(),
          path,
          "expected "
              + ValueType.naming(ValueType.Kind.REFERENCES, what).expected()
              + ", got "
              + node.kind());
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String itemPath = node instanceof Node.Sequence ? path + "[" + i + "]" : path;
      String name = reference(items.get(i), itemPath, known, what);
      if (name == null) {
        ok = false;
      } else if (names.contains(name)) {
        error(
            items.get(i).origin(),
            itemPath,
            what + " " + UserText.quote(name) + " is listed twice");
        ok = false;
      } else {
        names.add(name);
      }
    }
    return ok ? List.copyOf(names) : null;
  }

  /**
   * "unknown site 'x', did you mean 'y'? (known: ...)", listing at most {@value
   * UserText#MAX_LISTED} names.
   */
  String unknown(String what, String name, Collection<String> known) {
    return unknown(what, name, known, near);
  }

  /** The message for a name not among {@code known}; also for {@code --set} paths. */
  static String unknown(String what, String name, Collection<String> known, NearNames near) {
    String hint = near.closest(name, known);
    return "unknown "
        + what
        + " "
        + UserText.quote(name)
        + (hint == null ? "" : ", did you mean " + UserText.quote(hint) + "?")
        + " (known: "
        + (known.isEmpty() ? "none" : UserText.list(known))
        + ")";
  }
}
