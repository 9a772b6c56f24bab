package io.firedrill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema of the model format (docs/model.schema.json) is the one {@link ModelSchema}
 * produces, every shipped model passes it, and models with a wrong key, type or syntax fail it.
 *
 * <p>Models are read as editors read them: YAML turned into a JSON tree by Jackson's YAML mapper
 * (numbers become numbers, {@code 4h} stays text), then validated by networknt's validator with the
 * draft the file declares (draft-07). Every model that passes must also load in firedrill, and
 * every model the schema refuses here is refused by firedrill too: the schema is an early, partial
 * check of what {@code validate} checks in full, never a different rule.
 *
 * <p>After a change to the schema, {@code mvn -B -ntp -q test -Dtest=ModelJsonSchemaTest
 * -Dfiredrill.rewriteDocs=true} rewrites the committed file.
 */
class ModelJsonSchemaTest {
  static final Path SCHEMA = Path.of("docs/model.schema.json");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Schema schema;

  @BeforeAll
  static void readCommittedSchema() throws IOException {
    String generated = SchemaExport.jsonSchema();
    if (ModelFormatDocTest.rewrite()
        && !generated.equals(Files.readString(SCHEMA, StandardCharsets.UTF_8))) {
      Files.writeString(SCHEMA, generated, StandardCharsets.UTF_8);
    }
    schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(new ObjectMapper().readTree(SCHEMA.toFile()));
  }

  @Test
  void committedSchema_isTheOneModelSchemaProduces() throws IOException {
    assertEquals(
        SchemaExport.jsonSchema(),
        Files.readString(SCHEMA, StandardCharsets.UTF_8),
        "docs/model.schema.json differs from ModelSchema; rewrite it with"
            + " -Dfiredrill.rewriteDocs=true");
  }

  @Test
  void committedSchema_declaresDraft07_andEverySection() throws IOException {
    JsonNode json = new ObjectMapper().readTree(SCHEMA.toFile());
    assertEquals("http://json-schema.org/draft-07/schema#", json.get("$schema").asText());
    assertEquals(ModelSchema.TopKeys.SPEC.names(), fieldNames(json.get("properties")));
    for (SectionSpec s : ModelSchema.sections().subList(1, ModelSchema.sections().size())) {
      assertEquals(s.names(), fieldNames(json.get("definitions").get(s.id()).get("properties")));
    }
  }

  static Stream<Path> shippedModels() throws IOException {
    // The bundled models and the incident gallery's (models/incidents/).
    try (Stream<Path> files = Files.walk(Path.of("models"), 2)) {
      List<Path> models = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertTrue(models.size() >= 8, "shipped models: " + models);
      return models.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shippedModels")
  void everyShippedModel_passesTheSchema(Path model) throws Exception {
    String yaml = Files.readString(model, StandardCharsets.UTF_8);
    assertEquals(List.of(), schemaErrors(yaml), model.toString());
    loads(yaml);
  }

  /** Models that use every key and the less common forms of values: all valid. */
  static Stream<String> validModels() {
    return Stream.of(
        EVERY_KEY,
        MINIMAL + "trials: 1e6\nseed: 2.5K\n",
        MINIMAL + "description:\ngrids: ~\nnetworks: {}\n",
        MINIMAL + "start: Saturday 9:05\nhorizon: 1.5e2d\nscenario_horizon: 36h\n",
        MINIMAL.replace("east: {}", "east: {ups: 0, reconverge: '0', networks: n}")
            + "networks: {n: {rate: 0/y, outage: \"fixed(1h)\"}}\n",
        MINIMAL.replace(
            "deploy: {east: 1}", "deploy: {east: 1}\n    users: 47.6M\n    demand: 1e3"),
        MINIMAL.replace("deploy: {east: 1}", "deploy: {east: '12K'}\n    slo: 1\n    rto: 90s"));
  }

  @ParameterizedTest
  @MethodSource("validModels")
  void validModel_passesTheSchema_andLoads(String yaml) throws Exception {
    assertEquals(List.of(), schemaErrors(yaml), yaml);
    loads(yaml);
  }

  /** One defect each that the schema can see: a key, a type or the syntax of a value. */
  static Stream<Arguments> malformedModels() {
    return Stream.of(
        Arguments.of("unknown top-level key", MINIMAL + "horizn: 1y\n"),
        Arguments.of("unknown site key", MINIMAL.replace("east: {}", "east: {upss: 5m}")),
        Arguments.of("list for a duration", MINIMAL.replace("east: {}", "east: {ups: [5m]}")),
        Arguments.of("number for a section", MINIMAL.replace("east: {}", "east: {generator: 0.5}")),
        Arguments.of("list for the services", "name: x\nsites: {east: {}}\nservices: [api]\n"),
        Arguments.of("no service", "name: x\nsites: {east: {}}\nservices: {}\n"),
        Arguments.of("no deploy", MINIMAL.replace("deploy: {east: 1}", "users: 5")),
        Arguments.of(
            "rate and ttf", MINIMAL + GRID.replace("rate: 1/y", "rate: 1/y, ttf: \"fixed(1y)\"")),
        Arguments.of("neither rate nor ttf", MINIMAL + GRID.replace("rate: 1/y, ", "")),
        Arguments.of("no outage", MINIMAL + GRID.replace(", outage: \"fixed(1h)\"", "")),
        Arguments.of("rate unit", MINIMAL + GRID.replace("1/y", "0.5/week")),
        Arguments.of("duration unit", MINIMAL.replace("east: {}", "east: {ups: 15 minutes}")),
        Arguments.of("duration without unit", MINIMAL.replace("east: {}", "east: {ups: 15}")),
        Arguments.of("negative duration", MINIMAL.replace("east: {}", "east: {ups: -5m}")),
        Arguments.of(
            "unknown distribution", MINIMAL + GRID.replace("fixed(1h)", "normal(mean=1h)")),
        Arguments.of("unclosed distribution", MINIMAL + GRID.replace("fixed(1h)", "fixed(1h")),
        Arguments.of(
            "zero demand",
            MINIMAL.replace("deploy: {east: 1}", "deploy: {east: 1}\n    demand: 0")),
        Arguments.of(
            "probability above one",
            MINIMAL.replace("deploy: {east: 1}", "deploy: {east: 1}\n    slo: 1.5")),
        Arguments.of(
            "count suffix",
            MINIMAL.replace("deploy: {east: 1}", "deploy: {east: 1}\n    users: 5G")),
        Arguments.of("fractional trials", MINIMAL + "trials: 1.5\n"),
        Arguments.of("hour 25", MINIMAL + "start: sat 25:00\n"),
        Arguments.of("unknown day", MINIMAL + "start: monkey 10:00\n"),
        Arguments.of("network mode", MINIMAL.replace("east: {}", "east: {network_mode: both}")),
        Arguments.of("upper-case site", MINIMAL.replace("east: {}", "East: {}")),
        Arguments.of("model name", MINIMAL.replace("name: minimal", "name: Minimal_Model")),
        Arguments.of("service named total", MINIMAL.replace("api:", "total:")),
        Arguments.of("short profile", MINIMAL + "profile: [1, 2, 3]\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedModels")
  void malformedModel_failsTheSchema_andFiredrill(String defect, String yaml) throws Exception {
    assertFalse(schemaErrors(yaml).isEmpty(), defect + " passed the schema:\n" + yaml);
    assertThrows(
        ModelException.class,
        () -> loads(yaml),
        defect + " passed firedrill but not the schema:\n" + yaml);
  }

  /**
   * Cases of the malformed catalogue (src/test/resources/malformed) whose defect is a key, a type
   * or a syntax: the schema refuses each, as firedrill does.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "unknown-top-key",
        "mapping-where-value",
        "services-as-list",
        "rate-and-ttf",
        "unknown-network-mode",
        "probability-above-one",
        "negative-rate",
        "invalid-site-name",
        "invalid-model-name",
        "reserved-total",
        "missing-deploy",
        "missing-outage",
        "bad-rate-unit",
        "start-hour-24",
        "start-unknown-day",
        "duration-without-unit",
        "short-profile",
        "negative-duration",
        "negative-capacity",
        "zero-demand",
        "unknown-time-unit",
        "bad-count-suffix",
        "hex-probability",
        "seed-java-suffix",
        "fractional-trials",
        "negative-seed",
        "negative-fail-to-start",
        "capacity-above-limit",
        "users-above-limit",
        "unknown-distribution",
        "zero-slo"
      })
  void catalogueCase_failsTheSchema(String name) throws Exception {
    String yaml =
        Files.readString(
            Path.of("src/test/resources/malformed", name + ".yaml"), StandardCharsets.UTF_8);
    assertFalse(schemaErrors(yaml).isEmpty(), name + ".yaml passed the schema");
    assertThrows(ModelException.class, () -> loads(yaml));
  }

  static final String MINIMAL =
      """
      name: minimal
      sites:
        east: {}
      services:
        api:
          deploy: {east: 1}
      """;

  static final String GRID = "grids: {g: {rate: 1/y, outage: \"fixed(1h)\"}}\n";

  /** A model that gives every key of every section (ModelSchemaTest checks that it does). */
  static final String EVERY_KEY =
      """
      name: every-key
      description: every key of the format
      horizon: 2y
      scenario_horizon: 10d
      trials: 1000
      seed: 7
      profile: [%s]
      start: sat 15:30
      staffing: [%s]
      grids:
        g: {ttf: "weibull(shape=2, scale=1y)", outage: "fixed(1h)"}
        h: {rate: 1/y, outage: "fixed(2h)", onset: "fixed(1m)", also: {west: {effect: dark}}, damage: {share: 0.1, repair: "fixed(1d)"}, needs: [ops], manual: "fixed(3h)"}
      networks: {n1: {rate: 1/y, outage: "fixed(1h)", onset: "fixed(30m)", also: {east: {effect: dark, delay: "fixed(1m)", outage: "fixed(2m)", probability: 0.5, damage: {share: 0.5, repair: "fixed(1d)"}}}, needs: [ops], manual: "fixed(3h)"}, n2: {rate: 1/y, outage: "fixed(2h)"}}
      common_cause:
        quake: {rate: 0.001/y, outage: "fixed(1d)", onset: "fixed(1h)", also: {west: {effect: power}}, needs: [ops], manual: "fixed(3h)"}
      sites:
        east:
          grid: [g, h]
          feeds_needed: 2
          networks: [n1, n2]
          reconverge: 1m
          network_mode: primary
          reconnect: "fixed(10m)"
          ups: 5m
          generator: {fail_to_start: 0.1, rate: 0.01/h, repair: "fixed(2h)", count: 3, needed: 1}
          restart: "fixed(10m)"
          restart_curve: [[0, 0], [0.5, 0.8], [1, 1]]
          fire:
            rate: 0.01/y
            contained: 0.5
            outage: "fixed(1d)"
            restore: "fixed(2d)"
            restore_curve: [[0, 0.2], [0.5, 0.5], [1, 1]]
            onset: "fixed(10m)"
            also: {west: {effect: dark}}
            damage: {probability: 0.5, share: 0.2, repair: "fixed(14d)", destroyed: 0.1}
            needs: [ops]
            manual: "fixed(3d)"
          fault: {rate: 0.1/y, outage: "fixed(1h)", onset: "fixed(1m)", also: {west: {effect: dark}}, damage: {repair: "fixed(1d)"}, needs: [ops], manual: "fixed(3h)"}
          cooling: {rate: 0.2/y, outage: "lognormal(median=4h, p90=24h)", onset: "fixed(1m)", also: {west: {effect: network}}, ride_through: 30m, trips: 0.1, damage: {share: 0.1, repair: "fixed(2d)"}, needs: [ops], manual: "fixed(3h)"}
          zones:
            hall:
              share: 0.9
              power: backed
              fire: {rate: 0.01/y, outage: "fixed(1d)", restore: "fixed(2d)", also: {east/cords: {effect: dark}}}
              fault: {rate: 0.1/y, outage: "fixed(1h)"}
              cooling: {rate: 0.2/y, outage: "fixed(4h)", ride_through: 1h, trips: 0.2}
            cords: {share: 0.1, power: utility}
        west: {grid: g, networks: n1}
      services:
        ops: {deploy: {east: 1, east/hall: 1}, restore_curve: [[0, 0], [0.5, 1], [1, 1]]}
        api:
          users: 1M
          demand: 10
          deploy: {east: 10, west: 0}
          standby: {west: 10}
          failover: {time: "fixed(5m)", success: 0.9, needs: [ops], manual: "fixed(1h)"}
          requires: ops
          requires_lag: {ops: 10m}
          slo: 0.95
          rto: 30m
          data: {primary: east/hall, replica: west, lag: 5m, backup: east/cords, backup_interval: 1d}
          rpo: 10m
          restore_priority: 2
      cost: {east: 1K, west: 2K}
      """
          .formatted(
              String.join(", ", java.util.Collections.nCopies(168, "1")).replaceFirst("1", "2"),
              String.join(", ", java.util.Collections.nCopies(168, "1")).replaceFirst("1", "1.5"));

  /** The schema's findings about {@code yaml}, one line each. */
  static List<String> schemaErrors(String yaml) throws IOException {
    JsonNode tree = YAML.readTree(yaml);
    return schema.validate(tree).stream().map(Error::toString).toList();
  }

  private static void loads(String yaml) throws ModelException {
    ModelLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of());
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
