package io.firedrill.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.dist.DistributionParser;
import io.firedrill.dist.Units;
import io.firedrill.load.KeySpec.Presence;
import io.firedrill.load.ValueType.Kind;
import io.firedrill.load.ValueType.Range;
import io.firedrill.model.ActivityProfile;
import io.firedrill.model.Model;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@link ModelSchema} out for people and editors: the reference tables of
 * docs/model-format.md and the JSON Schema docs/model.schema.json.
 *
 * <p>Both committed files are checked against this output by tests ({@code ModelFormatDocTest},
 * {@code ModelJsonSchemaTest}), which also rewrite them when run with {@code
 * -Dfiredrill.rewriteDocs=true}. By hand: {@code java -cp target/firedrill.jar
 * io.firedrill.load.SchemaExport tables} prints the tables, {@code ... json} the JSON Schema.
 *
 * <p>The JSON Schema (draft-07, which editors support most widely) checks keys, the types of values
 * and the syntax of firedrill's own values (durations, rates, counts, distributions) with patterns;
 * it cannot check what needs several keys or the whole model (references to declared names, cycles,
 * a lognormal's p90 above its median, ranges of values with units). {@code firedrill validate}
 * checks everything.
 */
public final class SchemaExport {
  private SchemaExport() {}

  /** Where each section's table is in docs/model-format.md, as a link target. */
  private static final Map<String, String> ANCHORS =
      Map.ofEntries(
          Map.entry("top", "top-level"),
          Map.entry("hazard", "grids-and-networks"),
          Map.entry("grid", "grids-and-networks"),
          Map.entry("effect", "cascades-and-common-cause-events"),
          Map.entry("site", "sites"),
          Map.entry("zone", "zones"),
          Map.entry("generator", "generator"),
          Map.entry("fire", "fire"),
          Map.entry("cooling", "cooling"),
          Map.entry("fault", "fault"),
          Map.entry("damage", "damage"),
          Map.entry("common_cause", "cascades-and-common-cause-events"),
          Map.entry("service", "services"),
          Map.entry("failover", "failover"),
          Map.entry("data", "data"));

  /** Prints {@code tables} (the markdown tables, each between its markers) or {@code json}. */
  public static void main(String[] args) {
    String what = args.length == 1 ? args[0] : "";
    switch (what) {
      case "tables" ->
          ModelSchema.sections()
              .forEach(s -> System.out.print(begin(s) + "\n" + table(s) + end(s) + "\n\n"));
      case "json" -> System.out.print(jsonSchema());
      default -> {
        System.err.println("usage: SchemaExport tables|json");
        System.exit(2);
      }
    }
    if (System.out.checkError()) {
      System.err.println("SchemaExport: cannot write to standard output");
      System.exit(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Markdown

  /** The line before a section's table in docs/model-format.md. */
  public static String begin(SectionSpec section) {
    return "<!-- keys of "
        + section.id()
        + ": generated from ModelSchema (see Schema), do not edit -->";
  }

  /** The line after a section's table. */
  public static String end(SectionSpec section) {
    return "<!-- end of keys of " + section.id() + " -->";
  }

  /** The reference table of one section: key, value, default, meaning; one line per key. */
  public static String table(SectionSpec section) {
    StringBuilder b = new StringBuilder();
    b.append("| key | value | default | meaning |\n");
    b.append("|---|---|---|---|\n");
    for (KeySpec k : section.keys()) {
      b.append("| `")
          .append(k.name())
          .append("` | ")
          .append(value(k))
          .append(" | ")
          .append(defaultCell(section, k))
          .append(" | ")
          .append(k.doc())
          .append(" |\n");
    }
    return b.toString();
  }

  private static String value(KeySpec k) {
    ValueType t = k.type();
    String unit = k.unit() == null ? "" : " (" + k.unit() + ")";
    return switch (t.kind()) {
      case TEXT -> "text";
      case MODEL_NAME ->
          "`"
              + ModelSchema.MODEL_NAME.pattern()
              + "`, at most "
              + Model.MAX_NAME_LENGTH
              + " characters";
      case DURATION -> "duration " + t.range().describe();
      case RATE -> "rate " + t.range().describe();
      case COUNT -> "count" + unit + ", " + t.range().describe();
      case WHOLE -> "whole number, " + t.range().describe();
      case PROBABILITY -> "probability, " + t.range().describe();
      case DISTRIBUTION -> "distribution";
      case WEEK_TIME -> "weekday and time";
      case CHOICE ->
          t.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(" or "));
      case WEIGHTS -> "list of " + ActivityProfile.HOURS_PER_WEEK + " numbers ≥ 0";
      case FACTORS -> "list of " + ActivityProfile.HOURS_PER_WEEK + " numbers, 0.01 to 100";
      case CURVE -> "list of `[time fraction, capacity]`";
      case SHARE_CURVE -> "list of `[site fraction, service fraction]`";
      case REFERENCE -> "the name of a " + t.names();
      case REFERENCES -> t.names() + " names: a list, or one name";
      case PLACEMENTS, PRICES -> "site → count" + unit + ", " + t.range().describe();
      case LAGS -> "service → duration " + t.range().describe();
      case SECTION -> "mapping: see [" + t.section().id() + "](#" + anchor(t.section()) + ")";
      case NAMED -> "name → [" + t.names() + "](#" + anchor(t.section()) + ")";
    };
  }

  private static String anchor(SectionSpec section) {
    String a = ANCHORS.get(section.id());
    if (a == null) {
      throw new IllegalStateException("no anchor in docs/model-format.md for " + section.id());
    }
    return a;
  }

  private static String defaultCell(SectionSpec section, KeySpec k) {
    return switch (k.presence()) {
      case REQUIRED -> "required";
      case ONE_OF ->
          "one of "
              + section.oneOf().stream()
                  .map(o -> "`" + o.name() + "`")
                  .collect(Collectors.joining(", "));
      case OPTIONAL -> k.defaultValue() != null ? "`" + k.defaultValue() + "`" : k.absent();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // JSON Schema

  /** Optional sign (a minus is never valid in a model), digits, optional point and exponent. */
  static final String NUMBER = "\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The JSON Schema of the model format, as committed in docs/model.schema.json. */
  public static String jsonSchema() {
    ObjectNode root = JSON.objectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("title", "firedrill model");
    root.put(
        "description",
        "A firedrill model file (docs/model-format.md). Generated from"
            + " io.firedrill.load.ModelSchema; do not edit. It checks keys, types and the syntax"
            + " of values; firedrill validate checks everything else.");
    ObjectNode definitions = JSON.objectNode();
    valueDefinitions(definitions);
    for (SectionSpec s : ModelSchema.sections()) {
      if (s != ModelSchema.TopKeys.SPEC) {
        definitions.set(s.id(), section(s));
      }
    }
    root.setAll(section(ModelSchema.TopKeys.SPEC));
    root.set("definitions", definitions);
    try {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
      return new ObjectMapper().writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the schema cannot be written as JSON", e);
    }
  }

  /** The definitions every key refers to: one per syntax of values. */
  private static void valueDefinitions(ObjectNode d) {
    d.set("text", types("string", "number", "boolean", "null").put("description", "free text"));
    d.set(
        "modelName",
        types("string", "integer")
            .put("pattern", "^" + ModelSchema.MODEL_NAME.pattern() + "$")
            .put("maxLength", Model.MAX_NAME_LENGTH)
            .put("minimum", 0)
            .put("description", ValueType.of(Kind.MODEL_NAME).expected()));
    d.set(
        "place",
        types("string", "integer")
            .put("pattern", "^" + ModelSchema.PLACE.pattern() + "$")
            .put("maxLength", 2 * Model.MAX_NAME_LENGTH + 1)
            .put("minimum", 0)
            .put(
                "description",
                "a site's name, or a zone's: SITE/ZONE, each part lowercase letters, digits, - and"
                    + " _, starting with a letter or digit"));
    d.set(
        "name",
        types("string", "integer")
            .put("pattern", "^" + ModelSchema.NAME.pattern() + "$")
            .put("maxLength", Model.MAX_NAME_LENGTH)
            .put("minimum", 0)
            .put(
                "description",
                "lowercase letters, digits, - and _, starting with a letter or digit; at most "
                    + Model.MAX_NAME_LENGTH
                    + " characters"));
    ObjectNode names = JSON.objectNode();
    names.putArray("anyOf").add(ref("name")).add(array(ref("name")).put("uniqueItems", true));
    names.put("description", "a name, or a list of names such as [a, b]");
    d.set("names", names);
    ObjectNode duration = JSON.objectNode();
    duration
        .putArray("anyOf")
        .add(
            types("string")
                .put("pattern", "^\\s*(" + NUMBER + "\\s*[smhdwy]|\\+?(0+\\.?0*|\\.0+))\\s*$"))
        .add(JSON.objectNode().put("const", 0));
    duration.put(
        "description",
        ValueType.of(Kind.DURATION).expected() + " (units s m h d w y; a bare 0 is zero)");
    d.set("duration", duration);
    d.set(
        "rate",
        types("string")
            .put("pattern", "^\\s*" + NUMBER + "\\s*/\\s*[ydh]\\s*$")
            .put("description", ValueType.of(Kind.RATE).expected()));
    d.set(
        "count",
        types("number", "string")
            .put("pattern", "^\\s*" + NUMBER + "[KM]?\\s*$")
            .put("minimum", 0)
            .put("description", ValueType.of(Kind.COUNT).expected() + " (K = 10^3, M = 10^6)"));
    d.set(
        "whole",
        types("integer", "string")
            .put("pattern", "^\\s*" + NUMBER + "[KM]?\\s*$")
            .put("description", "a whole number in the count syntax, such as 100000, 100K or 1e5"));
    d.set(
        "probability",
        types("number", "string")
            .put("pattern", "^\\s*" + NUMBER + "\\s*$")
            .put("minimum", 0)
            .put("maximum", 1)
            .put("description", ValueType.of(Kind.PROBABILITY).expected()));
    String families = String.join("|", DistributionParser.FAMILIES.split(",\\s*"));
    d.set(
        "distribution",
        types("string")
            .put("pattern", "^\\s*(" + families + ")\\s*\\(.*\\)\\s*$")
            .put(
                "description",
                ValueType.of(Kind.DISTRIBUTION).expected()
                    + "; families: "
                    + DistributionParser.FAMILIES));
    String days =
        ActivityProfile.DAYS.stream()
            .map(day -> anyCase(day.substring(0, 3)) + "(" + anyCase(day.substring(3)) + ")?")
            .collect(Collectors.joining("|"));
    d.set(
        "weekTime",
        types("string")
            .put("pattern", "^\\s*(" + days + ")\\s+([01]?[0-9]|2[0-3]):[0-5][0-9]\\s*$")
            .put("description", ValueType.of(Kind.WEEK_TIME).expected()));
    ObjectNode weight =
        types("number", "string").put("pattern", "^\\s*" + NUMBER + "\\s*$").put("minimum", 0);
    d.set("weights", hourly(weight, Kind.WEIGHTS));
    ObjectNode factor =
        types("number", "string")
            .put("pattern", "^\\s*" + NUMBER + "\\s*$")
            .put("minimum", Model.MIN_STAFFING)
            .put("maximum", (int) Model.MAX_STAFFING);
    d.set("factors", hourly(factor, Kind.FACTORS));
    ObjectNode fraction =
        types("number", "string")
            .put("pattern", "^\\s*" + NUMBER + "\\s*$")
            .put("minimum", 0)
            .put("maximum", 1);
    d.set(
        "curve",
        array(array(fraction).put("minItems", 2).put("maxItems", 2))
            .put("minItems", 2)
            .put("description", ValueType.of(Kind.CURVE).expected()));
    d.set(
        "shareCurve",
        array(array(fraction).put("minItems", 2).put("maxItems", 2))
            .put("minItems", 2)
            .put("description", ValueType.of(Kind.SHARE_CURVE).expected()));
  }

  /** A list of one number per hour of the week, each as {@code item} says; described by kind. */
  private static ObjectNode hourly(ObjectNode item, Kind kind) {
    return array(item)
        .put("minItems", ActivityProfile.HOURS_PER_WEEK)
        .put("maxItems", ActivityProfile.HOURS_PER_WEEK)
        .put("description", ValueType.of(kind).expected());
  }

  /** {@code [Mm][Oo][Nn]}: the letters of {@code word} in either case. */
  private static String anyCase(String word) {
    return Arrays.stream(word.split(""))
        .map(c -> "[" + c.toUpperCase(Locale.ROOT) + c + "]")
        .collect(Collectors.joining());
  }

  /** A section as a closed JSON object: its keys, which are required, and which exclude others. */
  private static ObjectNode section(SectionSpec s) {
    ObjectNode node = types("object");
    node.put("additionalProperties", false);
    ObjectNode properties = node.putObject("properties");
    for (KeySpec k : s.keys()) {
      properties.set(k.name(), property(k));
    }
    ArrayNode required = JSON.arrayNode();
    s.keys().stream()
        .filter(k -> k.presence() == Presence.REQUIRED)
        .forEach(k -> required.add(k.name()));
    if (!required.isEmpty()) {
      node.set("required", required);
    }
    if (!s.oneOf().isEmpty()) {
      ArrayNode oneOf = node.putArray("oneOf");
      s.oneOf()
          .forEach(
              k -> oneOf.add(JSON.objectNode().set("required", JSON.arrayNode().add(k.name()))));
    }
    return node;
  }

  /** One key: its documentation, default and type. */
  private static ObjectNode property(KeySpec k) {
    ObjectNode p = JSON.objectNode();
    p.put("description", k.doc());
    if (k.defaultValue() != null) {
      p.set(
          "default",
          Units.isNumberSyntax(k.defaultValue())
              ? JSON.numberNode(new BigDecimal(k.defaultValue()))
              : JSON.textNode(k.defaultValue()));
    }
    ValueType t = k.type();
    switch (t.kind()) {
      case TEXT -> uses(p, "text");
      case MODEL_NAME -> uses(p, "modelName");
      case DURATION -> uses(p, "duration");
      case RATE -> uses(p, "rate");
      case DISTRIBUTION -> uses(p, "distribution");
      case WEEK_TIME -> uses(p, "weekTime");
      case WEIGHTS -> uses(p, "weights");
      case FACTORS -> uses(p, "factors");
      case CURVE -> uses(p, "curve");
      case SHARE_CURVE -> uses(p, "shareCurve");
      // A site or a zone (SITE/ZONE) is a place; any other reference, a plain name.
      case REFERENCE -> uses(p, t.names().contains("zone") ? "place" : "name");
      case REFERENCES -> uses(p, "names");
      case SECTION -> uses(p, t.section().id());
      case COUNT -> numeric(uses(p, "count"), t.range());
      case WHOLE -> numeric(uses(p, "whole"), t.range());
      case PROBABILITY -> numeric(uses(p, "probability"), t.range());
      case CHOICE -> {
        ArrayNode choices = p.putArray("enum");
        t.choices().forEach(choices::add);
      }
      case PLACEMENTS, PRICES -> {
        p.put("type", "object");
        p.set("propertyNames", ref(t.kind() == Kind.PLACEMENTS ? "place" : "name"));
        p.set("additionalProperties", numeric(uses(JSON.objectNode(), "count"), t.range()));
        if (k.presence() == Presence.REQUIRED) {
          p.put("minProperties", 1);
        }
      }
      case LAGS -> {
        p.put("type", "object");
        p.set("propertyNames", ref("name"));
        p.set("additionalProperties", uses(JSON.objectNode(), "duration"));
      }
      case NAMED -> {
        if (k.presence() == Presence.REQUIRED) {
          p.put("type", "object");
          p.put("minProperties", 1);
        } else {
          p.set("type", JSON.arrayNode().add("object").add("null"));
        }
        ObjectNode names = ref(t.section() == ModelSchema.EffectKeys.SPEC ? "place" : "name");
        if (t.section() == ModelSchema.ServiceKeys.SPEC) {
          // A service may not be called total: that name is the sum over all services.
          names = uses(JSON.objectNode(), "name");
          names.set("not", JSON.objectNode().put("const", Model.TOTAL));
        }
        p.set("propertyNames", names);
        p.set("additionalProperties", ref(t.section().id()));
      }
    }
    return p;
  }

  /**
   * {@code node} with the syntax of {@code definition} through {@code allOf}: in draft-07 the
   * siblings of a {@code $ref} are ignored, and a key's description and range are such siblings.
   */
  private static ObjectNode uses(ObjectNode node, String definition) {
    node.putArray("allOf").add(ref(definition));
    return node;
  }

  /**
   * A number's range on top of its syntax: {@code minimum} or {@code exclusiveMinimum} and {@code
   * maximum}, which JSON Schema applies to numbers only (a value written with a unit or a suffix is
   * text, checked by its pattern).
   */
  private static ObjectNode numeric(ObjectNode node, Range range) {
    node.set(range.minExclusive() ? "exclusiveMinimum" : "minimum", JSON.numberNode(range.min()));
    if (range.max() != null) {
      node.set("maximum", JSON.numberNode(range.max()));
    }
    return node;
  }

  private static ObjectNode ref(String definition) {
    ObjectNode node = JSON.objectNode();
    node.put("$ref", "#/definitions/" + definition);
    return node;
  }

  private static ObjectNode types(String... types) {
    ObjectNode node = JSON.objectNode();
    if (types.length == 1) {
      node.put("type", types[0]);
    } else {
      ArrayNode list = node.putArray("type");
      Arrays.stream(types).forEach(list::add);
    }
    return node;
  }

  private static ObjectNode array(ObjectNode items) {
    ObjectNode node = types("array");
    node.set("items", items);
    return node;
  }

  /** Every section's id and its table, in document order (for tests and the main method). */
  static Map<String, String> tables() {
    Map<String, String> out = new LinkedHashMap<>();
    ModelSchema.sections().forEach(s -> out.put(s.id(), table(s)));
    return out;
  }
}
