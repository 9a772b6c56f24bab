package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static io.firedrill.cli.ScenarioCommandTest.row;
import static io.firedrill.cli.ScenarioCommandTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code staffing} end to end (docs/model-format.md, "Top level"): {@code scenario --at} moves the
 * recovery work in the week, so the same event recovers later at night; the validate text shows the
 * key. Fixed durations, so every check is exact.
 */
class StaffingCommandTest {
  static String model() {
    List<String> f = new ArrayList<>();
    for (int h = 0; h < 168; h++) {
      f.add(h % 24 < 6 ? "2" : "1");
    }
    return """
        name: staffed
        staffing: [%s]
        sites:
          a: {restart: "fixed(1h)", fault: {rate: 1/y, outage: "fixed(1h)"}}
        services:
          api: {deploy: {a: 1}}
        """
        .formatted(String.join(", ", f));
  }

  @Test
  void scenarioAt_twoInTheMorning_restartsAtTheNightShiftsPace(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), model());
    // A fault of 1 h, then the restart of 1 h of work: at 02:00 (factor 2 until 06:00) back at
    // 05:00, 3 h; at 12:00, 2 h.
    for (String[] at : new String[][] {{"mon 02:00", "3"}, {"mon 12:00", "2"}}) {
      Path out = tmp.resolve("out-" + at[1]);
      Cli.Result r =
          Cli.run(
              "scenario",
              m.toString(),
              "--event",
              "fault@a",
              "--at",
              at[0],
              "--no-background",
              "--trials",
              "20",
              "--out",
              out.toString());
      assertEquals(0, r.code(), r::toString);
      // --at changes the recovery here: no note that it changes nothing.
      assertEquals("", r.err(), r::toString);
      assertEquals(
          Double.parseDouble(at[1]),
          value(row(csv(out.resolve("summary.csv")), "api", "recover_h"), "mean"),
          1e-9,
          at[0]);
    }
  }

  @Test
  void validate_showsTheStaffingFactors(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), model());
    Cli.Result r = Cli.run("validate", m.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(
        1, r.out().lines().filter(l -> l.trim().equals("staffing [168 values]")).count(), r.out());
  }
}
