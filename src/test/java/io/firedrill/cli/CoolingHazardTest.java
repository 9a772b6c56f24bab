package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static io.firedrill.cli.ScenarioCommandTest.row;
import static io.firedrill.cli.ScenarioCommandTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.load.ModelError;
import io.firedrill.load.ModelException;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.HazardKind;
import io.firedrill.model.HazardRef;
import io.firedrill.model.Model;
import io.firedrill.plan.HazardEffect;
import io.firedrill.plan.Plan;
import io.firedrill.report.ModelDescription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cooling} hazard kind end to end (docs/hazard-kinds.md): bound from the model file,
 * named by the kind in the scenario events, causes, random sources and {@code validate}'s text
 * (only for the sites that declare it), and forced by {@code scenario --event cooling@S}: the site
 * is blocked for the outage, then restarts. Fixed durations, so every check is exact.
 */
class CoolingHazardTest {
  static final String MODEL =
      """
      name: cooled
      grids:
        g: {rate: 1/y, outage: "fixed(1h)"}
      sites:
        a:
          restart: "fixed(2h)"
          cooling: {rate: 0.5/y, outage: "fixed(5h)"}
        b: {grid: g, fault: {rate: 0.2/y, outage: "fixed(1h)"}}
        c: {}
      services:
        api: {deploy: {a: 1}}
        web: {deploy: {b: 1}}
        doc: {deploy: {c: 1}}
      """;

  static ModelLoader.Loaded load(String yaml) throws ModelException {
    return ModelLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of());
  }

  @Test
  void kinds_giveCoolingItsNames_onlyWhereASiteDeclaresIt() throws Exception {
    Model m = load(MODEL).model();
    assertEquals(
        List.of(
            new HazardRef(HazardKind.GRID, "g"),
            new HazardRef(HazardKind.FAULT, "b"),
            new HazardRef(HazardKind.COOLING, "a")),
        m.hazards());
    // Scenario events: site hazards first, then grids and networks.
    assertEquals(List.of("fault@b", "cooling@a", "grid@g"), ScenarioEvents.validEvents(m));
    Plan p = Plan.compile(m);
    assertEquals(List.of("grid@g", "fault@b", "cooling@a", "baseline"), List.of(p.causeNames));
    int cooling = p.hazard("cooling@a");
    assertEquals(2, cooling);
    assertEquals(HazardEffect.BLOCK_THEN_RESTART, p.hazardEffect[cooling]);
    assertEquals(0, p.hazardTarget[cooling], "site a");
    assertEquals(Plan.sourceId("cooling@a"), p.hazardSource[cooling]);
    assertEquals(Plan.NONE, p.hazard("cooling@b"));
  }

  @Test
  void validate_describesCooling_onTheSiteThatDeclaresIt() throws Exception {
    String text = ModelDescription.describe(load(MODEL));
    // The schema's cooling key: given at a, left out (meaning none) at b and c.
    List<String> lines = text.lines().filter(l -> l.contains("cooling:")).toList();
    assertEquals(
        List.of(
            "        cooling: rate 0.5/y, outage fixed(5h), onset none (left out), also none (left"
                + " out), ride_through 0 (default), trips 0 (default), damage none (left out), needs none"
                + " (left out), manual none (left out)"),
        lines,
        text);
    assertEquals(
        2, text.lines().filter(l -> l.contains("left out:") && l.contains("cooling none")).count());
    int a = text.indexOf("\n  a ");
    int b = text.indexOf("\n  b ");
    int at = text.indexOf("cooling:");
    assertTrue(a < at && at < b, "the cooling line is in site a's rows:\n" + text);
  }

  @Test
  void scenario_coolingForcedAtZero_blocksForTheOutageThenTheRestart(@TempDir Path tmp)
      throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "cooling@a",
            "--no-background",
            "--horizon",
            "24h",
            "--trials",
            "300",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        r.out().lines().findFirst().orElseThrow().startsWith("cooled: scenario cooling@a, "),
        r.out());
    // Blocked [0, 5 h) by the outage, then the restart of 2 h: back at 7 h in every trial.
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    assertEquals(7, value(row(summary, "api", "recover_h"), "mean"), 1e-9);
    assertEquals(7, value(row(summary, "api", "downtime_h"), "mean"), 1e-9);
    assertEquals(1, value(row(summary, "api", "outages"), "mean"), 0.0);
    assertEquals(0, value(row(summary, "web", "downtime_h"), "mean"), 0.0);
    List<CSVRecord> causes = csv(tmp.resolve("out/causes.csv"));
    assertEquals(1, causes.size(), causes::toString);
    assertEquals("api", causes.get(0).get("service"));
    assertEquals("cooling@a", causes.get(0).get("cause"));
    assertEquals("300", causes.get(0).get("outages"));
    assertEquals("1", causes.get(0).get("downtime_h_share"));
  }

  @Test
  void scenario_coolingAtASiteWithoutIt_isRefused_listingTheModelsEvents(@TempDir Path tmp)
      throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r = Cli.run("scenario", m.toString(), "--event", "cooling@b");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill scenario: --event: site 'b' declares no cooling; give it sites.b.cooling to"
                + " force one (valid: fault@b, cooling@a,"
                + " grid@g)"),
        r.errLines());
  }

  @Test
  void binding_aBadCoolingKey_isOneLineWithFileLineColumnAndPath() {
    // Line 7 is "    cooling: {rate: 0.5/y, outage: \"fixed(5h)\", ...}": rate at column 15.
    String yaml =
        MODEL.replace(
            "cooling: {rate: 0.5/y, outage: \"fixed(5h)\"}",
            "cooling: {rate: 0.5/y, outage: \"fixed(5h)\", mttr: 4h}");
    ModelException e = assertThrows(ModelException.class, () -> load(yaml));
    assertEquals(
        List.of(
            "test.yaml:7:49: sites.a.cooling.mttr: unknown key 'mttr', did you mean 'ttf'?"
                + " (expected one of: rate, ttf, outage, onset, also, ride_through, trips, damage,"
                + " needs, manual)"),
        e.errors().stream().map(ModelError::format).toList());
    ModelException both =
        assertThrows(
            ModelException.class,
            () ->
                load(
                    MODEL.replace(
                        "rate: 0.5/y, outage", "rate: 0.5/y, ttf: \"fixed(1y)\", outage")));
    assertEquals(
        List.of("test.yaml:7:28: sites.a.cooling.ttf: give either rate or ttf, not both"),
        both.errors().stream().map(ModelError::format).toList());
  }
}
