package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text copied from a web page or a word processor carries no-break spaces (U+00A0, U+202F) where a
 * user sees spaces: around every value, name, option and override they are blanks like spaces; and
 * whatever a command echoes of what was typed is escaped, so that a control character cannot move
 * the cursor.
 */
class UnicodeBlanksTest {
  private static final String NBSP = "\u00a0";
  private static final String THREE = HostileInputTest.THREE;

  @TempDir Path tmp;

  /** A small study or scenario: {@code args}, then 20 trials into the folder {@code out}. */
  private Cli.Result small(String out, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--trials", "20", "--out", tmp.resolve(out).toString()));
    return Cli.run(all.toArray(String[]::new));
  }

  private Path model(String yaml) throws Exception {
    Path m = tmp.resolve("m.yaml");
    Files.writeString(m, yaml);
    return m;
  }

  @Test
  void namesChoicesAndDistributions_takeNoBreakSpacesAroundThem() throws Exception {
    Path m =
        model(
            "name: m\nhorizon: 1y\ngrids:\n"
                + "  g: {rate: 1/y, outage: \"lognormal(median=40m, p90=4h)"
                + NBSP
                + "\"}\n"
                + "networks:\n  n: {rate: 1/y, outage: \"fixed(1h)\"}\n"
                + "sites:\n  a: {grid: \"g"
                + NBSP
                + "\", networks: [\"\u202fn\"], network_mode: \"shared"
                + NBSP
                + "\"}\n"
                + "services:\n  s: {demand: 1, deploy: {a: 1}}\n"
                + "  t: {demand: 1, deploy: {a: 1}, requires: \""
                + NBSP
                + "s\"}\n");
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("grid g"), r.out());
  }

  @Test
  void overrideValues_takeTabsAndNoBreakSpacesAroundThem() {
    Cli.Result r =
        Cli.run(
            "validate",
            THREE,
            "--set",
            "sites.east.ups=\t20m\t",
            "--set",
            "services.talk.deploy=" + NBSP + "{east: 12000}",
            "--set",
            "sites.east.fault.outage=fixed(1h)" + NBSP);
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("ups 20m"), r.out());
    assertTrue(r.out().contains("outage fixed(1h)"), r.out());
  }

  @Test
  void optionsOfStudies_takeNoBreakSpaces() {
    Cli.Result sweep =
        small(
            "w",
            "sweep",
            THREE,
            "--vary",
            NBSP + "services.talk.demand" + NBSP + "=" + NBSP + "10000..12000:2000" + NBSP,
            "--event",
            NBSP + "fault@east",
            "--background",
            NBSP + "fresh" + NBSP,
            "--charts",
            NBSP + "none" + NBSP);
    assertEquals(0, sweep.code(), sweep.toString());
    Cli.Result size =
        small(
            "z",
            "size",
            THREE,
            "--vary",
            "services.talk.deploy.west" + NBSP,
            "--target",
            NBSP + "talk.downtime_h.mean" + NBSP + "<=" + NBSP + "1h" + NBSP,
            "--max",
            "8000",
            "--charts",
            "none");
    assertEquals(0, size.code(), size.toString());
    assertTrue(size.out().contains("answer: services.talk.deploy.west = "), size.out());
  }

  @Test
  void whatACommandEchoes_ofWhatWasTyped_isEscaped() {
    Cli.Result scenario =
        small(
            "s",
            "scenario",
            THREE,
            "--event",
            "fire@east",
            "--at",
            "sat 15:30\r",
            "--charts",
            "none");
    assertEquals(0, scenario.code(), scenario.toString());
    assertTrue(scenario.out().contains("scenario fire@east at sat 15:30,"), scenario.out());
    Cli.Result nbspAt =
        small(
            "s2",
            "scenario",
            THREE,
            "--event",
            "fire@east",
            "--at",
            "sat" + NBSP + "15:30",
            "--charts",
            "none");
    assertEquals(0, nbspAt.code(), nbspAt.toString());
    Cli.Result sweep =
        small("w2", "sweep", THREE, "--vary", "services.talk.demand=10000..12000:2000\u001c");
    // U+001C is a control character, not a blank: refused, and quoted escaped.
    assertEquals(2, sweep.code(), sweep.toString());
    assertTrue(sweep.err().contains("\\x1c"), sweep.err());
    for (String line : List.of(scenario.out(), sweep.err())) {
      assertFalse(line.contains("\r") || line.contains("\u001c"), line);
    }
  }
}
