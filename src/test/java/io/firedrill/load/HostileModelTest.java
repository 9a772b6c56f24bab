package io.firedrill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.load.yaml.YamlReader;
import io.firedrill.model.Model;
import io.firedrill.model.Service;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
                    m.prices(),
                    m.commonCauses(),
                    m.staffing()));
    assertEquals(
        "a model needs at least one site and one service: 1 sites, 0 services", e.getMessage());
  }

  // --- Size: loading is near-linear -----------------------------------------------------------

  /** Runs within 10 s: each case loaded in minutes (or not in 40) before and now in about one. */
  static <T> T fast(org.junit.jupiter.api.function.ThrowingSupplier<T> load) {
    return assertTimeoutPreemptively(Duration.ofSeconds(10), load);
  }

  static ModelException refusal(byte[] bytes) {
    return fast(
        () ->
            assertThrows(
                ModelException.class, () -> ModelLoader.parse("test.yaml", bytes, List.of())));
  }

  /**
   * The reader looked up the line of every key and value by scanning from the top of the file:
   * 200,000 lines took 231 s, and a 4 MiB file of a million lines "- 1" did not finish in 40
   * minutes.
   */
  @Test
  void fourMebibytesOfShortLines_loadInSeconds() {
    StringBuilder b = new StringBuilder("name: t\nsites:\n  east: {}\n" + SERVICES + "profile:\n");
    int lines = (YamlReader.MAX_BYTES - b.length()) / 4;
    b.append("- 1\n".repeat(lines));
    assertTrue(b.length() > YamlReader.MAX_BYTES - 4 && b.length() <= YamlReader.MAX_BYTES);
    ModelException e = refusal(b.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(
        List.of(
            "test.yaml:8:1: profile: expected 168 hourly weights (Monday 00:00 first), got "
                + lines),
        e.errors().stream().map(ModelError::format).toList());
  }

  /** The same values on one line: every position is on a line of 4 MiB. */
  @Test
  void fourMebibytesOnOneLine_loadInSeconds() {
    String head = "name: t\nsites:\n  east: {}\n" + SERVICES + "profile: [";
    int values = (YamlReader.MAX_BYTES - head.length() - 2) / 3;
    String text = head + "1, ".repeat(values - 1) + "1]\n";
    ModelException e = refusal(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(
        List.of(
            "test.yaml:7:10: profile: expected 168 hourly weights (Monday 00:00 first), got "
                + values),
        e.errors().stream().map(ModelError::format).toList());
  }

  /** Positions after characters outside the BMP (two chars, one code point) stay right. */
  @Test
  void positionsAfterEmoji_countCodePoints() {
    String yaml =
        "name: t\ndescription: '\uD83D\uDD25\uD83D\uDD25'\nsites:\n  east: {ups: '\uD83D\uDD25'}\n"
            + SERVICES;
    assertEquals(
        List.of(
            "test.yaml:4:16: sites.east.ups: '\uD83D\uDD25' is not a number (a duration is a"
                + " number and a unit: 15m, 4h or 2d)"),
        errors(yaml));
  }

  /**
   * The standby warning summed the active capacity of every other site for each site: a service
   * deployed on 50,000 sites took 91 s. Now one pass per service.
   */
  @Test
  void serviceOnFiftyThousandSites_loadsInSeconds() throws ModelException {
    int n = 50_000;
    StringBuilder b = new StringBuilder("name: wide\nsites:\n");
    for (int i = 0; i < n; i++) {
      b.append("  s").append(i).append(": {}\n");
    }
    b.append("services:\n  talk:\n    demand: ").append(n).append("\n    deploy:\n");
    for (int i = 0; i < n; i++) {
      b.append("      s").append(i).append(": 1\n");
    }
    b.append("    standby: {s0: 1}\n    failover: {time: \"fixed(1h)\"}\n");
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    ModelLoader.Loaded loaded = fast(() -> ModelLoader.parse("wide.yaml", bytes, List.of()));
    assertEquals(n, loaded.model().sites().size());
    // Losing any one site leaves at least 49,999 of 50,000, above 0.99 × 50,000 = 49,500.
    assertEquals(List.of(), loaded.warnings());
    // With demand 50,600 (0.99 × 50,600 = 50,094 needed) losing any one site is too much: one
    // warning per site, after the one that the service is short with every site up.
    ModelLoader.Loaded tight =
        fast(() -> ModelLoader.parse("wide.yaml", bytes, List.of("services.talk.demand=50600")));
    assertEquals(n + 1, tight.warnings().size());
    assertEquals(
        "wide.yaml:100007:5: warning: services.talk.standby: when s1 is lost, failover brings talk"
            + " to at most 50000 of 50600 (0.988), below its slo 0.99 (50094 needed): talk stays"
            + " down until s1 returns",
        tight.warnings().get(2).format());
  }

  // --- Depth: chains of any length -------------------------------------------------------------

  static String chain(int n, boolean cycle) {
    StringBuilder b = new StringBuilder("name: chain\nsites:\n  east: {}\nservices:\n");
    for (int i = 0; i < n; i++) {
      b.append("  s").append(i).append(": {deploy: {east: 1}");
      if (i + 1 < n || cycle) {
        b.append(", requires: [s").append((i + 1) % n).append(']');
      }
      b.append("}\n");
    }
    return b.toString();
  }

  /**
   * s0 requires s1 ... s4998 requires s4999, declared in that order: cycle detection and the
   * dependency order recursed once per link, and overflowed the stack.
   */
  @Test
  void requiresChainOf5000_isOrderedWithTheLastFirst() throws ModelException {
    Model m = fast(() -> load(chain(5000, false)).model());
    List<Service> order = m.dependencyOrder();
    assertEquals(5000, order.size());
    assertEquals("s4999", order.get(0).name());
    assertEquals("s0", order.get(4999).name());
  }

  /** A 20,000-service cycle gave "out of stack"; now the located cycle, its names cut at 20. */
  @Test
  void requiresCycleOf20000_isReportedOnce_atItsFirstService() {
    List<String> errors = fast(() -> errors(chain(20_000, true)));
    assertEquals(
        List.of(
            "test.yaml:5:27: services.s0.requires: dependency cycle: s0 -> s1 -> s2 -> s3 -> s4 ->"
                + " s5 -> s6 -> s7 -> s8 -> s9 -> s10 -> s11 -> s12 -> s13 -> s14 -> s15 -> s16 ->"
                + " s17 -> s18 -> s19 -> … (19980 more) -> s0 (requires must not loop)"),
        errors);
  }

  /**
   * A single name is a one-element list, but cycle detection looked only at lists: requires: a on
   * service a passed, and ordering the services then recursed for ever.
   */
  @Test
  void requiresItself_asASingleName_isACycle() {
    assertEquals(
        List.of(
            "test.yaml:6:5: services.a.requires: dependency cycle: a -> a (requires must not"
                + " loop)"),
        errors(
            "name: t\nsites:\n  east: {}\nservices:\n  a:\n    requires: a\n    deploy: {east: 1}\n"));
  }

  // --- Did you mean, and the known names ------------------------------------------------------

  /** 1,000 site names of 64 characters: s000xxx... to s999xxx... */
  static String thousandSites() {
    StringBuilder b = new StringBuilder("name: t\nsites:\n");
    for (int i = 0; i < 1000; i++) {
      b.append(String.format("  s%03d%s: {}%n", i, "x".repeat(60)));
    }
    return b.append("services:\n  talk:\n    deploy: {s000")
        .append("x".repeat(60))
        .append(": 1}\n")
        .toString();
  }

  /** The first 20 known names and the count of the rest, as every "unknown" message lists them. */
  static String knownThousand() {
    StringBuilder b = new StringBuilder("(known: ");
    for (int i = 0; i < 20; i++) {
      b.append(i > 0 ? ", " : "").append(String.format("s%03d%s", i, "x".repeat(60)));
    }
    return b.append(", and 980 more)").toString();
  }

  /**
   * The edit distance was computed in full against every known name, and every known name was
   * listed: 1,000 sites of 1,000-character names and a --set path of 120,000 characters took 227 s
   * and printed a line of 1.48 MB. Now names longer than 64 characters or of lengths 3 apart are
   * not compared, and at most 20 names are listed.
   */
  @Test
  void unknownSiteInAHugeOverride_amongAThousandNames_isOneShortLine() {
    String y = "y".repeat(120_000);
    String override = "sites." + y + ".ups=5m";
    List<String> errors = fast(() -> errors(thousandSites(), override));
    assertEquals(
        List.of(
            "--set sites."
                + "y".repeat(88)
                + "…: sites."
                + "y".repeat(94)
                + "…: unknown site '"
                + "y".repeat(64)
                + "…' "
                + knownThousand()
                + "; to add a site give it whole: --set 'sites."
                + "y".repeat(64)
                + "…={...}'"),
        errors);
  }

  @Test
  void misspeltReference_amongAThousandNames_stillGetsItsSuggestion() {
    String wrong = "s999" + "x".repeat(59) + "y";
    List<String> errors =
        fast(() -> errors(thousandSites(), "services.talk.deploy={" + wrong + ": 1}"));
    assertEquals(
        List.of(
            "--set services.talk.deploy={"
                + wrong
                + ": 1}: services.talk.deploy."
                + wrong
                + ": unknown site '"
                + wrong
                + "', did you mean 's999"
                + "x".repeat(60)
                + "'? "
                + knownThousand()),
        errors);
  }

  /** Thousands of misspelt names among thousands of known ones: the suggestions stop, in time. */
  @Test
  void thousandsOfMisspeltNames_endInBoundedTime() {
    StringBuilder b = new StringBuilder("name: t\nsites:\n");
    for (int i = 0; i < 20_000; i++) {
      b.append(String.format("  a%05d: {}%n", i));
    }
    b.append("services:\n  talk:\n    deploy:\n");
    for (int i = 0; i < 20_000; i++) {
      b.append(String.format("      b%05d: 1%n", i));
    }
    List<String> errors = fast(() -> errors(b.toString()));
    assertEquals(20_000, errors.size(), "one line per unknown site");
    String known =
        " (known: a00000, a00001, a00002, a00003, a00004, a00005, a00006, a00007, a00008, a00009,"
            + " a00010, a00011, a00012, a00013, a00014, a00015, a00016, a00017, a00018, a00019, and"
            + " 19980 more)";
    assertEquals(
        "test.yaml:20006:7: services.talk.deploy.b00000: unknown site 'b00000', did you mean"
            + " 'a00000'?"
            + known,
        errors.get(0));
    // The suggestions stopped once their budget of comparisons was spent; the lines did not.
    assertEquals(
        "test.yaml:40005:7: services.talk.deploy.b19999: unknown site 'b19999'" + known,
        errors.get(19_999));
  }

  // --- Overrides: paths and positions inside a --set value ------------------------------------

  /** It said "east: duplicate key 'east' (first given at line 0)": a wrong path and line. */
  @Test
  void duplicateKeyInsideASetValue_namesItsPath() {
    assertEquals(
        List.of(
            "--set services.talk.deploy={east: 5, east: 6}: services.talk.deploy.east: duplicate"
                + " key 'east' (given twice in this value)"),
        errors(
            "name: t\nsites:\n  east: {}\n" + SERVICES, "services.talk.deploy={east: 5, east: 6}"));
  }

  /** users=1MM said "'1M' is not a number", and users=1 K "'1 ' is not a number". */
  @Test
  void countMessages_quoteTheWholeValue() {
    String model = "name: t\nsites:\n  east: {}\n" + SERVICES;
    assertEquals(
        List.of(
            "--set services.talk.users=1MM: services.talk.users: '1MM' is not a number such as"
                + " 2000, 12K or 48M"),
        errors(model, "services.talk.users=1MM"));
    assertEquals(
        List.of(
            "--set services.talk.users=1 K: services.talk.users: '1 K' is not a number such as"
                + " 2000, 12K or 48M (write K right after the number)"),
        errors(model, "services.talk.users=1 K"));
  }

  // --- One line per error ---------------------------------------------------------------------

  /** A newline in a --set value gave a 3-line error; control characters are shown escaped. */
  @Test
  void controlCharactersInAnOverrideOrAValue_areEscaped() {
    String model = "name: t\nsites:\n  east: {}\n" + SERVICES;
    assertEquals(
        List.of(
            "--set services.talk.users=1\\n2\\n3: services.talk.users: '1 2 3' is not a number"
                + " such as 2000, 12K or 48M"),
        errors(model, "services.talk.users=1\n2\n3"));
    assertEquals(
        List.of(
            "test.yaml:6:13: services.talk.users: 'x\\ty\\e[2J' is not a number such as 2000,"
                + " 12K or 48M"),
        errors(model.replace("deploy:", "users: \"x\\ty\\e[2J\"\n    deploy:")));
  }

  // --- YAML the model does not use: one plain line at the right place -------------------------

  static final String MODEL = "name: t\nsites:\n  east: {}\n" + SERVICES;

  /** It said "Expected a field name ..., got this instead: <org.yaml.snakeyaml.events...>". */
  @Test
  void complexKey_isOnePlainLineAtTheKey() {
    String words =
        "malformed YAML: a key must be a name, not a list (YAML complex keys such as ? [a,"
            + " b] are not supported)";
    assertEquals(List.of("test.yaml:7:3: " + words), errors(MODEL + "? [a, b]\n: 5\n"));
    assertEquals(List.of("test.yaml:7:3: " + words), errors(MODEL + "? - a\n  - b\n: 5\n"));
    assertEquals(
        List.of(
            "test.yaml:7:5: services: malformed YAML: a key must be a name, not a mapping (YAML"
                + " complex keys such as ? [a, b] are not supported)"),
        errors(MODEL + "  ? {x: 1}\n  : 5\n"));
    assertEquals(
        List.of("--set services.talk.deploy={[a]: 5}: services.talk.deploy: " + words),
        errors(MODEL, "services.talk.deploy={[a]: 5}"));
  }

  /**
   * 65 levels gave "test.yaml:1:1: ... Document nesting depth (65) exceeds the maximum allowed (64,
   * from `StreamReadConstraints.getMaxNestingDepth()`)": Java names at the wrong place.
   */
  @Test
  void nestingOf65Levels_isRefusedAtThe65th_and64AreRead() {
    assertEquals(
        List.of(
            "test.yaml:7:67: "
                + ("x" + "[0]".repeat(63)).substring(0, 100)
                + "…: malformed YAML: nested more than 64 levels deep (a model needs at most nine)"),
        errors(MODEL + "x: " + "[".repeat(64) + "]".repeat(64) + "\n"));
    StringBuilder block = new StringBuilder(MODEL + "x:\n");
    for (int i = 1; i < 64; i++) {
      block.append("  ".repeat(i)).append("k:\n");
    }
    block.append("  ".repeat(64)).append("k: [1]\n");
    assertEquals(
        "test.yaml:71:129: "
            + ("x" + ".k".repeat(63)).substring(0, 100)
            + "…: malformed YAML: nested more than 64 levels deep (a model needs at most nine)",
        errors(block.toString()).get(0));
    // 64 levels (the root and 63 lists) are read; the binder then says what x is.
    assertEquals(
        List.of(
            "test.yaml:7:1: x: unknown key 'x' (expected one of: name, description, horizon,"
                + " scenario_horizon, trials, seed, profile, start, staffing, grids, networks,"
                + " common_cause, sites, services, cost)"),
        errors(MODEL + "x: " + "[".repeat(63) + "]".repeat(63) + "\n"));
  }

  /** It said "unsupported YAML value (VALUE_EMBEDDED_OBJECT)". */
  @Test
  void binaryTag_isNamed() {
    assertEquals(
        List.of(
            "test.yaml:7:7: seed: the YAML tag !!binary is not supported in a model; write the"
                + " value as plain text"),
        errors(MODEL + "seed: !!binary aGVsbG8=\n"));
  }

  /** A control character on line 6 was reported at 1:1, in the YAML reader's words. */
  @Test
  void controlCharacter_isReportedWhereItIs() {
    assertEquals(
        List.of(
            "test.yaml:6:24: malformed YAML: the control character \\x01 is not allowed in YAML"
                + " text (remove it, or write it as an escape inside double quotes)"),
        errors(MODEL.replace("{east: 5}", "{east: 5}  \u0001")));
    assertEquals(
        List.of(
            "test.yaml:7:16: malformed YAML: the control character \\e is not allowed in YAML"
                + " text (remove it, or write it as an escape inside double quotes)"),
        errors(MODEL + "description: \"\uD83D\uDD25\u001b[2J\"\n"));
    assertEquals(
        List.of(
            "test.yaml:7:14: malformed YAML: the character U+FFFE is not allowed in YAML text"
                + " (remove it, or write it as an escape inside double quotes)"),
        errors(MODEL + "description: \uFFFE\n"));
  }

  // --- Names and needs ------------------------------------------------------------------------

  /** A 300-character name validated, and run then failed with "File name too long". */
  @Test
  void namesLongerThan64Characters_areRefusedAtTheName() {
    String n300 = "n".repeat(300);
    assertEquals(
        List.of(
            "test.yaml:1:7: name: '"
                + "n".repeat(64)
                + "…' is too long for a name (300 characters; at most 64)"),
        errors(MODEL.replace("name: t", "name: " + n300)));
    String s65 = "s".repeat(65);
    assertEquals(
        List.of(
            "test.yaml:3:3: sites."
                + s65
                + ": '"
                + "s".repeat(64)
                + "…' is too long for a name (65 characters; at most 64)"),
        errors(MODEL.replace("east", s65)));
    String g65 = "g".repeat(65);
    assertEquals(
        List.of(
            "test.yaml:8:3: grids."
                + g65
                + ": '"
                + "g".repeat(64)
                + "…' is too long for a name (65 characters; at most 64)"),
        errors(MODEL + "grids:\n  " + g65 + ": {rate: 1/y, outage: \"fixed(1h)\"}\n"));
  }

  @Test
  void namesOf64Characters_areAccepted() throws ModelException {
    String n64 = "n".repeat(64);
    Model m = load(MODEL.replace("name: t", "name: " + n64).replace("east", n64)).model();
    assertEquals(n64, m.name());
    assertEquals(n64, m.sites().get(0).name());
  }

  /**
   * A service in its own failover needs was accepted silently; its automatic path waits for the
   * service to be up, so it never ends an outage of it. A warning, since the path still runs while
   * a partial loss keeps the service at its slo, and the manual path is unaffected.
   */
  @Test
  void serviceInItsOwnFailoverNeeds_isWarned() throws ModelException {
    String yaml =
        "name: t\nsites:\n  east: {}\n  west: {}\nservices:\n  app:\n    deploy: {east: 5}\n"
            + "    standby: {west: 5}\n    failover:\n      time: \"fixed(5m)\"\n      needs: [app]\n";
    assertEquals(
        List.of(
            "test.yaml:11:7: warning: services.app.failover.needs: lists app itself: the automatic"
                + " path runs only while app is served at least its slo, so it never ends an"
                + " outage of app, and there is no manual path"),
        load(yaml).warnings().stream().map(ModelWarning::format).toList());
    assertEquals(
        List.of(
            "test.yaml:11:7: warning: services.app.failover.needs: lists app itself: the automatic"
                + " path runs only while app is served at least its slo, so it never ends an"
                + " outage of app; only the manual path does"),
        load(yaml + "      manual: \"fixed(6h)\"\n").warnings().stream()
            .map(ModelWarning::format)
            .toList());
  }
}
