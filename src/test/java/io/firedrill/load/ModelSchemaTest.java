package io.firedrill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.firedrill.model.Model;
import io.firedrill.model.Service;
import io.firedrill.model.Site;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loader reads exactly the keys {@link ModelSchema} declares: each declared key is read (a
 * value of the wrong shape is reported at that key), no other key is accepted, and a key left out
 * takes its declared default.
 */
class ModelSchemaTest {

  /** Where each section is in {@link ModelJsonSchemaTest#EVERY_KEY}, as a key path. */
  private static final Map<String, String> WHERE =
      Map.ofEntries(
          Map.entry("top", ""),
          Map.entry("hazard", "networks.n1"),
          Map.entry("grid", "grids.h"),
          Map.entry("effect", "networks.n1.also.east"),
          Map.entry("site", "sites.east"),
          Map.entry("zone", "sites.east.zones.hall"),
          Map.entry("generator", "sites.east.generator"),
          Map.entry("fire", "sites.east.fire"),
          Map.entry("cooling", "sites.east.cooling"),
          Map.entry("fault", "sites.east.fault"),
          Map.entry("damage", "sites.east.fire.damage"),
          Map.entry("common_cause", "common_cause.quake"),
          Map.entry("service", "services.api"),
          Map.entry("failover", "services.api.failover"),
          Map.entry("data", "services.api.data"));

  static Stream<Arguments> everyKey() {
    List<Arguments> keys = new ArrayList<>();
    for (SectionSpec s : ModelSchema.sections()) {
      for (KeySpec k : s.keys()) {
        String path = WHERE.get(s.id()).isEmpty() ? k.name() : WHERE.get(s.id()) + "." + k.name();
        keys.add(Arguments.of(path));
      }
    }
    return keys.stream();
  }

  @ParameterizedTest
  @MethodSource("everyKey")
  void everyDeclaredKey_isRead_aListOfListsIsReportedThere(String path) {
    List<ModelError> errors = errors(ModelJsonSchemaTest.EVERY_KEY, path + "=[[1]]");
    assertTrue(
        errors.stream().anyMatch(e -> e.path().startsWith(path)),
        path + " was not read: " + errors);
  }

  @Test
  void everyKeyModel_givesEveryDeclaredKey() throws Exception {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(ModelJsonSchemaTest.EVERY_KEY);
    for (SectionSpec s : ModelSchema.sections()) {
      JsonNode section = root;
      for (String key : WHERE.get(s.id()).split("\\.")) {
        section = key.isEmpty() ? section : section.get(key);
      }
      List<String> given = new ArrayList<>();
      section.fieldNames().forEachRemaining(given::add);
      List<String> declared = new ArrayList<>(s.names());
      if (s.id().equals("grid")) {
        declared.remove("ttf"); // grids.h gives rate
      }
      if (s.id().equals("hazard")) {
        declared.remove("ttf"); // networks.n1 gives rate; grids.g gives ttf
        assertTrue(root.get("grids").get("g").has("ttf"));
      }
      if (s.id().equals("fire")
          || s.id().equals("cooling")
          || s.id().equals("fault")
          || s.id().equals("common_cause")) {
        declared.remove("ttf"); // rate and ttf exclude each other
      }
      if (s.id().equals("service")) {
        // restore_curve and restore_priority exclude each other: services.ops gives the curve
        declared.remove("restore_curve");
        assertTrue(root.get("services").get("ops").has("restore_curve"));
      }
      assertEquals(declared, given, s.id());
    }
  }

  @Test
  void anUndeclaredKey_isRefused_listingTheDeclaredOnes() {
    for (SectionSpec s : ModelSchema.sections()) {
      String where = WHERE.get(s.id());
      String path = where.isEmpty() ? "zzz" : where + ".zzz";
      List<ModelError> errors = errors(ModelJsonSchemaTest.EVERY_KEY, path + "=1");
      assertEquals(
          List.of(
              "--set "
                  + path
                  + "=1: "
                  + path
                  + ": unknown key 'zzz' (expected one of: "
                  + String.join(", ", s.names())
                  + ")"),
          errors.stream().map(ModelError::format).toList());
    }
  }

  @Test
  void keysLeftOut_takeTheirDeclaredDefaults() throws ModelException {
    String yaml =
        """
        name: defaults
        sites:
          east:
            grid: g
            generator: {}
            fire: {rate: 1/y, outage: "fixed(1h)", restore: "fixed(1h)"}
        grids: {g: {rate: 1/y, outage: "fixed(1h)"}}
        services:
          api:
            deploy: {east: 1}
            standby: {east: 1}
            failover: {time: "fixed(1m)"}
        """;
    Model m =
        ModelLoader.parse("defaults.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of())
            .model();
    assertEquals(8760.0, m.horizonHours(), 0.0); // 1y
    assertEquals(168.0, m.scenarioHorizonHours(), 0.0); // 7d
    assertEquals(Model.DEFAULT_SCENARIO_HORIZON_HOURS, m.scenarioHorizonHours(), 0.0);
    assertEquals(100_000, m.trials());
    assertEquals(1, m.seed());
    assertEquals(0.0, m.profile().startHour(), 0.0); // mon 00:00
    assertTrue(m.profile().isFlat());
    assertEquals("", m.description());
    Site east = m.site("east");
    assertEquals(0.0, east.reconvergeHours(), 0.0);
    assertEquals(0.0, east.upsHours(), 0.0);
    assertEquals(Site.NetworkMode.SHARED, east.networkMode());
    assertEquals(0.0, east.generator().failToStart(), 0.0);
    assertEquals(0.0, east.generator().failuresPerRunningHour(), 0.0);
    assertEquals(0.0, east.fire().contained(), 0.0);
    assertEquals(List.of(), east.fire().restoreCurve());
    Service api = m.service("api");
    assertEquals(0.0, api.users(), 0.0);
    assertEquals(1.0, api.demand(), 0.0);
    assertEquals(0.99, api.slo(), 0.0);
    assertTrue(api.rtoHours().isEmpty());
    assertEquals(1.0, api.failover().success(), 0.0);
  }

  @Test
  void everyDefault_isValidInItsKeysSyntax() {
    for (SectionSpec s : ModelSchema.sections()) {
      for (KeySpec k : s.keys()) {
        if (k.defaultValue() == null) {
          continue;
        }
        String where = WHERE.get(s.id());
        String path = where.isEmpty() ? k.name() : where + "." + k.name();
        String value =
            k.defaultValue().contains(" ") ? "'" + k.defaultValue() + "'" : k.defaultValue();
        assertEquals(List.of(), errors(ModelJsonSchemaTest.EVERY_KEY, path + "=" + value, true));
      }
    }
  }

  @Test
  void sectionSpec_refusesAKeyDeclaredTwice() {
    KeySpec a = KeySpec.required("a", ValueType.of(ValueType.Kind.TEXT), "a");
    assertThrows(IllegalArgumentException.class, () -> SectionSpec.of("s", "s", a, a));
  }

  @Test
  void keySpec_optionalNeedsADefaultOrWhatItsAbsenceMeans() {
    ValueType text = ValueType.of(ValueType.Kind.TEXT);
    assertThrows(IllegalArgumentException.class, () -> KeySpec.optional("a", text, null, "a"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new KeySpec("a", text, KeySpec.Presence.REQUIRED, "1", null, null, "a"));
  }

  private static List<ModelError> errors(String yaml, String override) {
    return errors(yaml, override, false);
  }

  private static List<ModelError> errors(String yaml, String override, boolean mayLoad) {
    try {
      ModelLoader.parse("every-key.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of(override));
      if (!mayLoad) {
        throw new AssertionError(override + " was accepted");
      }
      return List.of();
    } catch (ModelException e) {
      return e.errors();
    }
  }
}
