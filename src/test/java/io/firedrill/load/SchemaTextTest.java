package io.firedrill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.load.yaml.Node;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * validate's text from the declared schema: every key of a section in declared order, given ones as
 * written (after --set), subsections on their own line with their defaults marked, the defaults
 * taken, and what the keys left out mean.
 */
class SchemaTextTest {
  private static final String MODEL =
      """
      name: described
      horizon: 30d
      sites:
        a:
          ups: 10m
          fire: {rate: 0/y, outage: "fixed(10h)", restore: "fixed(5h)"}
          grid: g
      grids:
        g: {rate: 2/y, outage: "fixed(1h)"}
      services:
        api: {users: 1M, deploy: {a: 2}, requires: [db]}
        db: {deploy: {a: 1}, slo: 0.9}
      """;

  private static SchemaText.Text text(String... overrides) throws Exception {
    return SchemaText.of(
        ModelLoader.parse(
            "described.yaml", MODEL.getBytes(StandardCharsets.UTF_8), List.of(overrides)));
  }

  @Test
  void site_keysInDeclaredOrder_subsectionsDefaultsAndLeftOut() throws Exception {
    assertEquals(
        List.of(
            "grid g, ups 10m",
            "fire: rate 0/y (never on its own), contained 0 (default), outage fixed(10h),"
                + " restore fixed(5h), restore_curve a linear ramp (left out), onset none (left"
                + " out), also none (left out), damage none (left out), needs none (left out),"
                + " manual none (left out)",
            "defaults: feeds_needed 1, reconverge 0, network_mode shared",
            "left out: networks none (always reachable), reconnect none (at once), generator none,"
                + " restart none (instant), restart_curve a step (nothing until the restart is"
                + " over), fault none, cooling none, zones none (one room)"),
        text().named().get("sites").get("a"));
  }

  @Test
  void services_inFileOrder_withListsAndMappingsAsWritten() throws Exception {
    Map<String, List<String>> services = text().named().get("services");
    assertEquals(List.of("api", "db"), List.copyOf(services.keySet()));
    assertEquals(
        List.of(
            "users 1M, deploy {a: 2}, requires [db]",
            "defaults: demand 1, slo 0.99",
            "left out: standby none, failover none, requires_lag none, rto none, data none,"
                + " rpo none, restore_priority none (restored last, unless on its own restore_curve), restore_curve none (its"
                + " restore_priority class, or the site's own curve)"),
        services.get("api"));
  }

  @Test
  void topLevel_andOverrides_showTheValueInForce() throws Exception {
    SchemaText.Text t = text("horizon=1y", "sites.a.generator={fail_to_start: 0.1}");
    assertEquals("horizon 1y", t.top().get(0));
    assertEquals(
        "generator: fail_to_start 0.1, rate 0/h (default), repair none (stays down until the grid"
            + " returns) (left out), count 1 (default), needed 1 (default)",
        t.named().get("sites").get("a").get(1));
    assertEquals(List.of("g"), List.copyOf(t.named().get("grids").keySet()));
  }

  @Test
  void values_longListsAsTheirLength_andTerminalCharactersEscaped() throws Exception {
    String weights = "[" + "1, ".repeat(167) + "2]";
    SchemaText.Text t = text("profile=" + weights, "description=x");
    assertEquals("horizon 30d, profile [168 values]", t.top().get(0));
    Node n = new Node.Scalar(null, "a\u001b[31mb", null);
    assertEquals("a\\e[31mb", SchemaText.value(n), "the escape as UserText writes it");
  }

  @Test
  void longMappingsAndValues_areCut_soEveryLineStaysShort() throws Exception {
    // A service on 13 sites: shown as the count of its entries.
    Node.Mapping many = new Node.Mapping(null);
    for (int i = 0; i < 13; i++) {
      many.put("s" + i, null, new Node.Scalar(null, "1", null));
    }
    assertEquals("{13 entries}", SchemaText.value(many));
    String text = SchemaText.value(new Node.Scalar(null, "z".repeat(5000), null));
    assertEquals(SchemaText.LONGEST + 1, text.length(), "200 characters and the ellipsis");
    assertTrue(text.endsWith("…"));
  }
}
