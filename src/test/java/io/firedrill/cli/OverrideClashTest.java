package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An error about two keys that clash is put where the clash was made (docs/model-format.md,
 * "Errors"): at the key in the file when the file gives both, at the override ({@code --set},
 * {@code --vary}) when an override gives one of them and the file the other. Each clash of two
 * given keys the model format has, both ways.
 */
class OverrideClashTest {
  private static final String MODEL =
      """
      name: clash
      sites:
        a:
          fire: {ttf: "exponential(mean=10y)", outage: "fixed(5h)", restore: "fixed(10h)"}
          fault:
            rate: 1/y
            outage: "fixed(1h)"
            also: {b: {effect: dark, outage: "fixed(2h)", damage: {share: 0.5, repair: "fixed(1d)"}}}
          grid: g
        b: {}
      grids:
        g: {rate: 1/y, outage: "fixed(1h)"}
      services:
        db: {deploy: {a: 1}, restore_curve: [[0, 0], [0.5, 1], [1, 1]]}
        api: {deploy: {a: 1, b: 1}, restore_priority: 1}
      """;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          validate | --set services.db.restore_priority=2 | services.db.restore_curve: a service restores along its own curve or in the order of restore_priority, not both; remove one
          sweep    | --vary services.db.restore_priority=1..2:1 | services.db.restore_curve: a service restores along its own curve or in the order of restore_priority, not both; remove one
          validate | --set sites.a.fire.rate=1/y | sites.a.fire.ttf: give either rate or ttf, not both
          validate | --set sites.a.fault.also.b.effect=power | sites.a.fault.also.b.damage: a 'power' effect reaches no hardware (it cuts the utility); damage goes with dark or cooling
          validate | --set sites.a.feeds_needed=2 | sites.a.feeds_needed: 2 feeds needed, but the site lists 1 under grid
          """)
  void aClashMadeByAnOverride_isBlamedOnTheOverride(
      String command, String override, String error, @TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    List<String> args = new ArrayList<>(List.of(command, m.toString()));
    args.addAll(List.of(override.split(" ", 2)));
    if (command.equals("sweep")) {
      args.addAll(List.of("--out", tmp.resolve("out").toString()));
    }
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(2, r.code(), r::toString);
    assertEquals(List.of(override + ": " + error), r.errLines());
    assertEquals(false, Files.exists(tmp.resolve("out")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          restore_curve: [[0, 0], [0.5, 1], [1, 1]]} | restore_curve: [[0, 0], [0.5, 1], [1, 1]], restore_priority: 2} | 14:24 | services.db.restore_curve: a service restores along its own curve or in the order of restore_priority, not both; remove one
          {ttf: | {rate: 1/y, ttf: | 4:23 | sites.a.fire.ttf: give either rate or ttf, not both
          """)
  void aClashInTheFile_isBlamedOnTheFile(
      String from, String to, String at, String error, @TempDir Path tmp) throws Exception {
    String text = MODEL.replace(from, to);
    Path m = Files.writeString(tmp.resolve("m.yaml"), text);
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(List.of(m + ":" + at + ": " + error), r.errLines());
  }
}
