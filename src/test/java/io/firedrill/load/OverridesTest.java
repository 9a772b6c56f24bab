package io.firedrill.load;

import static io.firedrill.load.ModelLoaderTest.errors;
import static io.firedrill.load.ModelLoaderTest.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.model.Model;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An override may not invent an entry of a named collection by a path through it. */
class OverridesTest {
  static final String MODEL =
      """
      name: overrides
      grids:
        metro: {rate: 0.5/y, outage: "fixed(1h)"}
      networks:
        carrier: {rate: 0.2/y, outage: "fixed(1h)"}
      sites:
        east: {grid: metro, networks: [carrier]}
        north: {}
      services:
        api: {deploy: {east: 1, north: 1}}
      """;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sites.nowhere.ups=5m|sites.nowhere: unknown site 'nowhere' (known: east, north); to add a"
            + " site give it whole: --set 'sites.nowhere={...}'",
        "sites.nrth.ups=5m|sites.nrth: unknown site 'nrth', did you mean 'north'? (known: east,"
            + " north); to add a site give it whole: --set 'sites.nrth={...}'",
        "sites.nrth.fire.rate=1/y|sites.nrth: unknown site 'nrth', did you mean 'north'? (known:"
            + " east, north); to add a site give it whole: --set 'sites.nrth={...}'",
        "grids.metr0.rate=1/y|grids.metr0: unknown grid 'metr0', did you mean 'metro'? (known:"
            + " metro); to add a grid give it whole: --set 'grids.metr0={...}'",
        "networks.other.rate=1/y|networks.other: unknown network 'other' (known: carrier); to add a"
            + " network give it whole: --set 'networks.other={...}'",
        "services.web.users=5|services.web: unknown service 'web' (known: api); to add a service"
            + " give it whole: --set 'services.web={...}'"
      })
  void pathThroughAnUnknownEntry_isRefused(String override, String message) {
    assertEquals(List.of("--set " + override + ": " + message), errors(MODEL, override));
  }

  @Test
  void pathThroughACollectionTheModelLacks_saysNoneIsKnown() {
    String noGrids = MODEL.replace("grids:\n  metro: {rate: 0.5/y, outage: \"fixed(1h)\"}\n", "");
    assertEquals(
        List.of(
            "--set grids.metro.rate=1/y: grids.metro: unknown grid 'metro' (known: none); to add a"
                + " grid give it whole: --set 'grids.metro={...}'"),
        errors(noGrids.replace("grid: metro, ", ""), "grids.metro.rate=1/y"));
  }

  @Test
  void wholeNewEntry_isAdded() throws ModelException {
    Model m =
        load(
            MODEL,
            "sites.west={ups: 5m}",
            "services.api.deploy.west=3",
            "grids.other={rate: 1/y, outage: \"fixed(2h)\"}",
            "sites.west.grid=other");
    assertEquals(5.0 / 60, m.site("west").upsHours(), 0.0);
    assertEquals(List.of("other"), m.site("west").grids());
  }

  @Test
  void keysOfFixedSections_mayStillBeCreatedOnTheWay() throws ModelException {
    Model m =
        load(
            MODEL,
            "sites.north.fire.rate=0.01/y",
            "sites.north.fire.outage=fixed(10h)",
            "sites.north.fire.restore=fixed(1d)",
            "sites.north.generator.fail_to_start=0.1");
    assertEquals(10, m.site("north").fire().dark().mean(), 0.0);
    assertEquals(0.1, m.site("north").generator().failToStart(), 0.0);
  }

  /** A service restored on its own curve; a site with a fire given by its time to failure. */
  private static final String CURVE =
      """
      name: removal
      sites:
        east:
          fire: {ttf: "exponential(mean=10y)", outage: "fixed(5h)", restore: "fixed(10h)"}
      services:
        db: {deploy: {east: 1}, restore_curve: [[0, 0], [0.5, 1], [1, 1]]}
      """;

  @ParameterizedTest
  @CsvSource({"null", "~", "''"})
  void anEmptyValue_removesTheKey_asIfTheFileDidNotGiveIt(String empty) throws Exception {
    String remove = "services.db.restore_curve=" + (empty.equals("''") ? "" : empty);
    Model m = load(CURVE, remove, "services.db.restore_priority=2");
    assertEquals(List.of(), m.services().get(0).restoreCurve());
    assertEquals(2, m.services().get(0).restorePriority());
    // The rate replaces the ttf.
    Model r =
        load(
            CURVE,
            "sites.east.fire.ttf=" + (empty.equals("''") ? "" : empty),
            "sites.east.fire.rate=1/y");
    assertEquals(8760, r.sites().get(0).fire().timeToIgnition().mean(), 1e-9);
  }

  @Test
  void removingARequiredKey_isBlamedOnTheOverride() {
    assertEquals(
        List.of(
            "--set sites.east.fire.outage=null: sites.east.fire.outage: missing: a distribution"
                + " such as lognormal(median=1h, p90=4h)"),
        errors(CURVE, "sites.east.fire.outage=null"));
  }

  @Test
  void removingAKeyTheModelDoesNotGive_isRefused_namingTheOverride() {
    assertEquals(
        List.of(
            "--set sites.east.fire.damage=null: sites.east.fire.damage: expected a mapping with"
                + " probability, share, repair, destroyed, got an empty value"),
        errors(CURVE, "sites.east.fire.damage=null"));
    assertEquals(
        List.of(
            "--set sites.east.fire.damag=null: sites.east.fire.damag: unknown key 'damag', did you"
                + " mean 'damage'? (expected one of: rate, ttf, contained, outage, restore,"
                + " restore_curve, onset, also, damage, needs, manual)"),
        errors(CURVE, "sites.east.fire.damag=null"));
    assertEquals(
        List.of(
            "--set sites.zzz.ups=null: sites.zzz: unknown site 'zzz' (known: east); to add a"
                + " site give it whole: --set 'sites.zzz={...}'"),
        errors(CURVE, "sites.zzz.ups=null"));
  }

  @Test
  void aClashThatARemovalMakes_isBlamedOnTheOverride() {
    String needs =
        CURVE.replace(
            "restore: \"fixed(10h)\"}",
            "restore: \"fixed(10h)\", needs: [db], manual: \"fixed(5h)\"}");
    assertEquals(
        List.of(
            "--set sites.east.fire.needs=null: sites.east.fire.manual: a manual repair needs"
                + " `needs`: the services whose loss makes the repair manual"),
        errors(needs, "sites.east.fire.needs=null"));
  }
}
