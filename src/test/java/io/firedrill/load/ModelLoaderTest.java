package io.firedrill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.dist.Fixed;
import io.firedrill.model.Model;
import io.firedrill.model.Placement;
import io.firedrill.model.Site;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults, overrides and error collection of {@link ModelLoader}. */
class ModelLoaderTest {
  static final String MINIMAL =
      """
      name: minimal
      sites:
        east: {}
        west: {}
      services:
        api:
          deploy: {east: 1}
      """;

  static Model load(String yaml, String... overrides) throws ModelException {
    return ModelLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of(overrides))
        .model();
  }

  static List<String> errors(String yaml, String... overrides) {
    ModelException e = assertThrows(ModelException.class, () -> load(yaml, overrides));
    return e.errors().stream().map(ModelError::format).toList();
  }

  /**
   * An error inside a value that spans two lines, or holds an escape, is placed at the value's
   * start: its offsets are no columns there. On one line it is at the spot (6:41, "bad").
   */
  @Test
  void errorInsideAFoldedOrEscapedValue_isAtTheValuesStart() {
    String head = "name: x\nsites:\n  a:\n    fault:\n      rate: 1/y\n";
    String tail = "services:\n  s: {demand: 1, deploy: {a: 1}}\n";
    String why =
        ": sites.a.fault.outage: 'bad' is not a number (a duration is a number and a unit:"
            + " 15m, 4h or 2d)";
    assertEquals(
        List.of("test.yaml:6:41" + why),
        errors(head + "      outage: \"lognormal(median=1h, p90=bad)\"\n" + tail));
    assertEquals(
        List.of("test.yaml:6:16" + why),
        errors(head + "      outage: \"lognormal(median=1h,\n        p90=bad)\"\n" + tail));
    assertEquals(
        List.of("test.yaml:6:16" + why),
        errors(head + "      outage: \"lognormal(median=\\x31h, p90=bad)\"\n" + tail));
  }

  /**
   * A no-break space where YAML needs a space (after a key's colon, in an indentation) is named
   * where it is, instead of YAML's own message about a ':' not found on the next line.
   */
  @Test
  void noBreakSpaceInYamlSyntax_isNamedWhereItIs() {
    assertEquals(
        List.of(
            "test.yaml:4:9: malformed YAML: a U+00A0 space where YAML needs a plain space (text"
                + " copied from a web page or a word processor carries them; type a space)"),
        errors("name: x\nsites:\n  a:\n    ups:\u00a015m\n    grid: g\nservices: {}\n"));
    assertTrue(
        errors("name: x\nsites:\n  a:\n\u00a0   ups: 15m\nservices: {}\n")
            .contains(
                "test.yaml:4:1: \u00a0   ups: unknown key '\u00a0   ups': it holds a U+00A0 space,"
                    + " which YAML does not take for a space (text copied from a web page or a"
                    + " word processor carries them; type spaces)"),
        "the key's message names the space");
  }

  /**
   * A site named with a no-break space around it in deploy or standby is that site; the same site
   * twice is refused. NEL, U+2028 and U+2029, which YAML takes for line breaks no editor shows, are
   * refused where they are.
   */
  @Test
  void placementKeys_takeBlanks_andLineBreaksNoEditorShows_areRefused() throws Exception {
    String sites = "name: x\nsites:\n  east: {}\n  west: {}\n";
    Model m =
        load(
            sites
                + "services:\n  s: {demand: 1, deploy: {east\u00a0: 1}, standby: {\"\u202fwest\": 1},"
                + " failover: {time: \"fixed(1h)\"}}\n");
    assertEquals("east", m.services().get(0).deploy().get(0).site());
    assertEquals("west", m.services().get(0).standby().get(0).site());
    assertEquals(
        List.of("test.yaml:6:36: services.s.deploy.east\u00a0: site 'east' is given twice"),
        errors(sites + "services:\n  s: {demand: 1, deploy: {east: 1, east\u00a0: 2}}\n"));
    for (char c : new char[] {'\u0085', '\u2028', '\u2029'}) {
      List<String> e = errors("name: x\nsites:\n  east: {ups: \"15m" + c + "\"}\n");
      assertEquals(1, e.size(), e.toString());
      assertTrue(e.get(0).startsWith("test.yaml:3:19: malformed YAML: the "), e.get(0));
    }
  }

  /** A file saved as UTF-16 is named so; a bad byte in a file with CR line ends is at its line. */
  @Test
  void utf16File_andBadByteAfterCarriageReturns_areLocated() {
    ModelException utf16 =
        assertThrows(
            ModelException.class,
            () ->
                ModelLoader.parse(
                    "test.yaml", new byte[] {(byte) 0xff, (byte) 0xfe, 'n', 0}, List.of()));
    assertEquals(
        List.of(
            "test.yaml:1:1: not a UTF-8 text file (a UTF-16 or UTF-32 byte-order mark; save it as"
                + " UTF-8); a model is YAML text"),
        utf16.errors().stream().map(ModelError::format).toList());
    byte[] cr = "name: x\rsites:\r  a: {ups: \"1?\"}\r".getBytes(StandardCharsets.UTF_8);
    cr[cr.length - 4] = (byte) 0x80;
    ModelException bad =
        assertThrows(ModelException.class, () -> ModelLoader.parse("test.yaml", cr, List.of()));
    assertEquals(
        List.of("test.yaml:3:14: not a UTF-8 text file (byte 0x80); a model is YAML text"),
        bad.errors().stream().map(ModelError::format).toList());
  }

  /**
   * A file that is not UTF-8 is refused at its first bad byte, also for the sequences whose
   * continuation bytes look right but which UTF-8 forbids (RFC 3629): an encoded surrogate (ED A0
   * 80), a code point above U+10FFFF (F4 90 80 80), an overlong form (E0 80 80); each at 4:11.
   */
  @Test
  void notUtf8_isPlacedAtTheFirstBadByte() {
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
          {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          {(byte) 0xe0, (byte) 0x80, (byte) 0x80},
          {(byte) 0xff}
        }) {
      java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
      file.writeBytes("name: x\nsites:\n  a:\n    ups: \"".getBytes(StandardCharsets.UTF_8));
      file.writeBytes(bad);
      file.writeBytes("15m\"\nservices: {}\n".getBytes(StandardCharsets.UTF_8));
      ModelException e =
          assertThrows(
              ModelException.class,
              () -> ModelLoader.parse("test.yaml", file.toByteArray(), List.of()));
      assertEquals(
          List.of(
              String.format(
                  "test.yaml:4:11: not a UTF-8 text file (byte 0x%02x); a model is YAML text",
                  bad[0] & 0xff)),
          e.errors().stream().map(ModelError::format).toList());
    }
  }

  /**
   * A column counts characters: an error inside a value after characters above U+FFFF (two UTF-16
   * units each) is at the same column as after two ordinary characters: 54, the third argument.
   */
  @Test
  void errorInsideAValue_afterAstralCharacters_isAtTheCharacterColumn() {
    String astral =
        "name: m\nsites:\n  east: {fault: {rate: 1/y, outage: \"uniform(\ud83d\ude00\ud83d\ude00,"
            + " 1h, 2h)\"}}\nservices:\n  api: {demand: 1, deploy: {east: 1}}\n";
    assertEquals(
        List.of(
            "test.yaml:3:54: sites.east.fault.outage: too many arguments: uniform(min=D, max=D)"),
        errors(astral));
    assertEquals(
        List.of(
            "test.yaml:3:54: sites.east.fault.outage: too many arguments: uniform(min=D, max=D)"),
        errors(astral.replace("\ud83d\ude00", "x")));
  }

  @Test
  void misspeltNames_inDeployRequiresAndNeeds_suggestTheNearOne() {
    String yaml =
        """
        name: names
        sites:
          fra: {}
          ams: {}
        services:
          deploy-tool: {deploy: {fra: 1}}
          db: {deploy: {fr: 1}}
          web:
            deploy: {fra: 1}
            standby: {ams: 1}
            failover: {time: "fixed(5m)", needs: [deploy-tol]}
            requires: [dbb]
        """;
    assertEquals(
        List.of(
            "test.yaml:7:17: services.db.deploy.fr: unknown site 'fr', did you mean 'fra'? (known:"
                + " fra, ams)",
            "test.yaml:11:43: services.web.failover.needs[0]: unknown service 'deploy-tol', did"
                + " you mean 'deploy-tool'? (known: deploy-tool, db, web)",
            "test.yaml:12:16: services.web.requires[0]: unknown service 'dbb', did you mean 'db'?"
                + " (known: deploy-tool, db, web)"),
        errors(yaml));
  }

  @Test
  void minimalModel_getsTheDefaultsOfSpecSection1() throws ModelException {
    Model m = load(MINIMAL);
    assertEquals(8760, m.horizonHours());
    assertEquals(100_000, m.trials());
    assertEquals(1, m.seed());
    assertTrue(m.profile().isFlat());
    Site east = m.site("east");
    assertEquals(List.of(), east.grids());
    assertEquals(List.of(), east.networks());
    assertEquals(0, east.upsHours());
    assertEquals(0, east.reconvergeHours());
    assertNull(east.generator());
    assertNull(east.restart());
    assertNull(east.fire());
    assertEquals(java.util.Map.of(), east.renewals());
    io.firedrill.model.Service api = m.service("api");
    assertEquals(0, api.users());
    assertEquals(1, api.demand());
    assertEquals(0.99, api.slo());
    assertTrue(api.rtoHours().isEmpty());
    assertNull(api.failover());
    assertEquals(List.of(), api.requires());
  }

  @Test
  void fileWithThreeDefects_reportsAllThree_inFileOrder() {
    List<String> errors =
        errors(
            """
        name: three-defects
        sites:
          east: {ups: 15x}
        services:
          api:
            demand: -1
            deploy: {north: 1}
        """);
    assertEquals(
        List.of(
            "test.yaml:3:17: sites.east.ups: unknown time unit 'x' in '15x' (units: s, m, h, d, w, y)",
            "test.yaml:6:13: services.api.demand: must be positive, got -1",
            "test.yaml:7:14: services.api.deploy.north: unknown site 'north' (known: east)"),
        errors);
  }

  @Test
  void overrides_reachNestedMaps_andLaterOnesWin() throws ModelException {
    Model m =
        load(
            MINIMAL,
            "services.api.deploy.west=3K",
            "services.api.demand=2",
            "services.api.demand=4",
            "sites.east.fire.rate=0.01/y",
            "sites.east.fire.outage=fixed(10h)",
            "sites.east.fire.restore=fixed(1d)",
            "services.api.standby.west=500",
            "services.api.failover.time=fixed(5m)",
            "services.api.requires=[]");
    io.firedrill.model.Service api = m.service("api");
    assertEquals(4, api.demand());
    assertEquals(List.of(new Placement("east", 1), new Placement("west", 3000)), api.deploy());
    assertEquals(List.of(new Placement("west", 500)), api.standby());
    assertEquals(new Fixed(10), m.site("east").fire().dark());
    assertEquals(0.01 / 8760, 1 / m.site("east").fire().timeToIgnition().mean(), 1e-18);
  }

  @Test
  void overrides_areValidatedLikeTheFile_andNameTheOverride() {
    assertEquals(
        List.of(
            "--set services.api.deploy.wset=3: services.api.deploy.wset: unknown site"
                + " 'wset', did you mean 'west'? (known: east, west)"),
        errors(MINIMAL, "services.api.deploy.wset=3"));
    assertEquals(
        List.of(
            "--set sites.east.upz=3m: sites.east.upz: unknown key 'upz', did you mean"
                + " 'ups'? (expected one of: grid, feeds_needed, networks, reconverge, network_mode, reconnect, ups, generator, restart, restart_curve,"
                + " fire, fault, cooling, zones)"),
        errors(MINIMAL, "sites.east.upz=3m"));
    assertEquals(
        List.of("--set name.x=1: name: is a value, not a mapping, so it has no key 'x'"),
        errors(MINIMAL, "name.x=1"));
    assertEquals(
        List.of(
            "--set services.api.demand: expected PATH=VALUE, for example"
                + " sites.east.fire.rate=0.01/y"),
        errors(MINIMAL, "services.api.demand"));
    assertEquals(
        List.of(
            "--set ..x=1: '..x' is not a key path (expected dotted keys such as"
                + " services.talk.standby.west, a zone as SITE/ZONE)"),
        errors(MINIMAL, "..x=1"));
  }

  @Test
  void profile_isScaledToMeanOne_andStartIsHoursFromMonday() throws ModelException {
    StringBuilder weights = new StringBuilder("[");
    for (int h = 0; h < 168; h++) {
      weights.append(h == 0 ? "" : ", ").append(h < 84 ? 3 : 1);
    }
    Model m = load(MINIMAL + "profile: " + weights + "]\nstart: sat 15:30\n");
    assertEquals(1.5, m.profile().weights().get(0), 1e-12);
    assertEquals(0.5, m.profile().weights().get(167), 1e-12);
    assertEquals(5 * 24 + 15.5, m.profile().startHour(), 1e-12);
  }

  @Test
  void dependencyOrder_putsRequiredServicesFirst() throws ModelException {
    Model m =
        load(
            """
        name: order
        sites: {east: {}}
        services:
          c: {deploy: {east: 1}, requires: [b]}
          b: {deploy: {east: 1}, requires: [a]}
          a: {deploy: {east: 1}}
          d: {deploy: {east: 1}}
        """);
    assertEquals(
        List.of("a", "b", "c", "d"),
        m.dependencyOrder().stream().map(io.firedrill.model.Service::name).toList());
  }

  @Test
  void longerCycle_isNamedInFull() {
    List<String> errors =
        errors(
            """
        name: cycle
        sites: {east: {}}
        services:
          a: {deploy: {east: 1}, requires: [b]}
          b: {deploy: {east: 1}, requires: [c]}
          c: {deploy: {east: 1}, requires: [a]}
        """);
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(
        errors
            .get(0)
            .endsWith(
                "services.a.requires: dependency cycle: a -> b -> c -> a"
                    + " (requires must not loop)"),
        errors.get(0));
  }

  @Test
  void missingFile_andDirectory_areOneLineErrors() {
    ModelException missing =
        assertThrows(
            ModelException.class,
            () -> ModelLoader.load(java.nio.file.Path.of("no/such/model.yaml"), List.of()));
    assertEquals("no/such/model.yaml: no such file", missing.errors().get(0).format());
    ModelException dir =
        assertThrows(
            ModelException.class,
            () -> ModelLoader.load(java.nio.file.Path.of("models"), List.of()));
    assertEquals("models: is a directory, not a model file", dir.errors().get(0).format());
  }
}
