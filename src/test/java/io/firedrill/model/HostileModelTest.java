package io.firedrill.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Models written to break the loader: empty sections, huge files, long names, deep chains, YAML
 * features a model does not use. Each gets its exact message, in bounded time.
 */
class HostileModelTest {
  static final String SERVICES =
      """
      services:
        talk:
          deploy: {east: 5}
      """;

  static ModelLoader.Loaded load(String yaml, String... overrides) throws ModelException {
    return ModelLoader.parse(
        "test.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of(overrides));
  }

  static List<String> errors(String yaml, String... overrides) {
    ModelException e = assertThrows(ModelException.class, () -> load(yaml, overrides));
    return e.errors().stream().map(ModelError::format).toList();
  }

  // --- Empty sections --------------------------------------------------------------------------

  /**
   * A null section was taken for "no entries", and the "at least one" check looked only at a
   * mapping: the model validated, scenario then hung drawing its charts and sweep failed with
   * "Index 0 out of bounds".
   */
  @Test
  void nullServices_inEveryForm_isRefusedAtTheSection() {
    String head = "name: t\nsites:\n  east: {}\n";
    assertEquals(
        List.of("test.yaml:4:10: services: no services given (expected at least one)"),
        errors(head + "services:\n"));
    assertEquals(
        List.of("test.yaml:4:11: services: no services given (expected at least one)"),
        errors(head + "services: ~\n"));
    assertEquals(
        List.of("test.yaml:4:11: services: no services given (expected at least one)"),
        errors(head + "services: null\n"));
    assertEquals(
        List.of("test.yaml:4:10: services: no services given (expected at least one)"),
        errors(head + "services:\nseed: 3\n"));
    assertEquals(
        List.of("test.yaml:4:11: services: no services given (expected at least one)"),
        errors(head + "services: {}\n"));
    for (String value : List.of("null", "~", "", "{}")) {
      assertEquals(
          List.of(
              "--set services=" + value + ": services: no services given (expected at least one)"),
          errors(head + SERVICES, "services=" + value));
    }
  }

  @Test
  void nullSites_isRefusedAtTheSection() {
    assertEquals(
        List.of(
            "test.yaml:2:8: sites: no sites given (expected at least one)",
            "test.yaml:5:14: services.talk.deploy.east: unknown site 'east' (known: none)"),
        errors("name: t\nsites: ~\n" + SERVICES));
    assertEquals(
        "test.yaml:2:7: sites: no sites given (expected at least one)",
        errors("name: t\nsites:\n" + SERVICES).get(0));
    assertEquals(
        "--set sites=null: sites: no sites given (expected at least one)",
        errors("name: t\nsites:\n  east: {}\n" + SERVICES, "sites=null").get(0));
  }

  /** A quoted '' is text, not an empty section: the message says what it got. */
  @Test
  void emptyText_whereASectionIsExpected_saysItIsEmptyText() {
    assertEquals(
        List.of(
            "test.yaml:4:11: services: expected a mapping of names to definitions, got an empty"
                + " text ('')"),
        errors("name: t\nsites:\n  east: {}\nservices: ''\n"));
  }

  /** Grids and networks are optional: an empty section is none, as before. */
  @Test
  void nullGridsAndNetworks_areNone() throws ModelException {
    Model m = load("name: t\ngrids:\nnetworks: ~\nsites:\n  east: {}\n" + SERVICES).model();
    assertEquals(List.of(), m.grids());
    assertEquals(List.of(), m.networks());
  }

  /** The record itself refuses what the loader refuses, so no other path can build one. */
  @Test
  void modelRecord_withoutServices_isRefused() throws ModelException {
    Model m = load("name: t\nsites:\n  east: {}\n" + SERVICES).model();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Model(
                    m.name(),
                    m.description(),
                    m.horizonHours(),
                    m.scenarioHorizonHours(),
                    m.trials(),
                    m.seed(),
                    m.profile(),
                    m.grids(),
                    m.networks(),
                    m.sites(),
                    List.of(),
                    m.prices()));
    assertEquals(
        "a model needs at least one site and one service: 1 sites, 0 services", e.getMessage());
  }
}
