package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.report.ObservedCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scenario --observed FILE}: observed points beside the simulated curves (observed.csv),
 * counted on the console, and every bad file one line with exit status 2 and nothing written. The
 * model's fire is forced with no background and fixed durations, so every trial is the same trial
 * and the curves are known exactly.
 */
class ObservedPointsTest {
  /**
   * A forced fire at t = 0: site a dark 10 h, then restored linearly over 10 h; the service on it
   * serves a's factor, and b stays whole. Horizon 40 h on 801 curve times: one every 0.05 h.
   */
  static final String MODEL =
      """
      name: observed
      scenario_horizon: 40h
      sites:
        a:
          fire: {rate: 1/y, contained: 0, outage: "fixed(10h)", restore: "fixed(10h)"}
        b: {}
      services:
        svc: {users: 1, demand: 10, deploy: {a: 10}, slo: 0.5}
        other: {users: 1, demand: 10, deploy: {b: 10}}
      """;

  private static Cli.Result scenario(Path tmp, String observed, String out) throws Exception {
    return scenario(tmp, MODEL, observed, out);
  }

  /** {@code scenario} of {@code model} forced at fire@a, with {@code observed} as the file. */
  private static Cli.Result scenario(Path tmp, String model, String observed, String out)
      throws Exception {
    Path o = Files.writeString(tmp.resolve("obs.csv"), observed);
    return scenarioOf(tmp, model, o.toString(), out);
  }

  /** {@code scenario} of {@code model} forced at fire@a, with {@code --observed observed}. */
  private static Cli.Result scenarioOf(Path tmp, String model, String observed, String out)
      throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), model);
    return Cli.run(
        "scenario",
        m.toString(),
        "--event",
        "fire@a",
        "--no-background",
        "--trials",
        "20",
        "--points",
        "801",
        "--charts",
        "none",
        "--observed",
        observed,
        "--out",
        tmp.resolve(out).toString());
  }

  @Test
  void points_areComparedWithTheCurvesAtTheNearestTime(@TempDir Path tmp) throws Exception {
    // At 15 h the ramp is half way: svc serves 0.5, a is half back, in every trial, so p10 = p50
    // = p90 = 0.5. At 5 h both are 0; at 25 h both are 1. Columns in another order, a duration with
    // its unit, a percentage, a source with a comma.
    Cli.Result r =
        scenario(
            tmp,
            """
            time_h,series,value,source,fitted
            15,svc,0.5,"report, page 2",yes
            15h,svc,0.7,,no
            300m,svc,0.1,,
            15,a,50%,,no
            25,a,0.99,,no
            15.02,other,1,,no
            """,
            "o");
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        r.out()
            .contains(
                "observed: 6 points; inside the simulated p10-p90 band: 2 of 5 out of sample, 1 of 1"
                    + " fitted (observed.csv)"),
        r::toString);
    List<CSVRecord> rows = csv(tmp.resolve("o/observed.csv"));
    assertEquals(6, rows.size());
    // run.json names the file and the SHA-256 of its text (here its bytes: UTF-8, no BOM).
    String json = Files.readString(tmp.resolve("o/run.json"));
    String sha =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(tmp.resolve("obs.csv"))));
    assertTrue(json.contains("\"observed_sha256\" : \"" + sha + "\""), json);
    assertTrue(json.contains("\"observed_points\" : 6"), json);
    String[][] expected = {
      // series, kind, time_h, observed, curve_time_h, p10, p50, p90, band, fitted, source
      {"svc", "service", "15", "0.5", "15", "0.5", "0.5", "0.5", "inside", "yes", "report, page 2"},
      {"svc", "service", "15", "0.7", "15", "0.5", "0.5", "0.5", "above", "no", ""},
      {"svc", "service", "5", "0.1", "5", "0", "0", "0", "above", "no", ""},
      {"a", "site", "15", "0.5", "15", "0.5", "0.5", "0.5", "inside", "no", ""},
      {"a", "site", "25", "0.99", "25", "1", "1", "1", "below", "no", ""},
      // 15.02 h lies between the curve times 15 and 15.05: the nearer is 15.
      {"other", "service", "15.02", "1", "15", "1", "1", "1", "inside", "no", ""},
    };
    for (int i = 0; i < expected.length; i++) {
      assertEquals(List.of(expected[i]), rows.get(i).toList(), "row " + (i + 1));
    }
  }

  @Test
  void blankLinesAndLongCharacters_areRead(@TempDir Path tmp) throws Exception {
    // A line of spaces is skipped like an empty one; a source of 600 emoji is 600 characters
    // (1,200 UTF-16 units), within the 1,000 allowed.
    String emoji = "\uD83D\uDE00".repeat(600);
    Cli.Result r =
        scenario(tmp, "series,time_h,value,source\n   \n\t\nsvc,15,0.5," + emoji + "\n", "o");
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> rows = csv(tmp.resolve("o/observed.csv"));
    assertEquals(1, rows.size());
    assertEquals(emoji, rows.get(0).get("source"));
  }

  @Test
  void aUtf16File_andAnEmptyName_areOneLineEach(@TempDir Path tmp) throws Exception {
    Path u16 = tmp.resolve("u16.csv");
    Files.write(
        u16,
        ("\uFEFFseries,time_h,value\nsvc,1,0.5\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    for (String[] c :
        new String[][] {
          {u16.toString(), "u16.csv: UTF-16 text (save the file as UTF-8"},
          {"", "--observed: the file name is empty; give a CSV file"}
        }) {
      Cli.Result r = scenarioOf(tmp, MODEL, c[0], "o");
      assertEquals(2, r.code(), r::toString);
      assertEquals(1, r.errLines().size(), r::toString);
      assertTrue(r.err().contains(c[1]), r::toString);
      assertFalse(Files.exists(tmp.resolve("o")));
    }
  }

  @Test
  void theBand_allowsHalfABinOfTheCurvesResolution() {
    // The curves' percentiles are multiples of 1/200: a point within 1/400 of the band is inside.
    assertEquals("inside", ObservedCsv.band(0.3976, 0.4, 0.6));
    assertEquals("below", ObservedCsv.band(0.3974, 0.4, 0.6));
    assertEquals("inside", ObservedCsv.band(0.6024, 0.4, 0.6));
    assertEquals("above", ObservedCsv.band(0.6026, 0.4, 0.6));
  }

  @Test
  void nearest_picksTheCloserTime_theEarlierOnATie() {
    double[] times = {0, 0.1, 0.2, 0.30000000000000004, 0.4};
    assertEquals(0, ObservedCsv.nearest(0, times));
    assertEquals(0, ObservedCsv.nearest(0.05, times));
    assertEquals(1, ObservedCsv.nearest(0.0500001, times));
    assertEquals(3, ObservedCsv.nearest(0.3, times));
    assertEquals(4, ObservedCsv.nearest(0.4, times));
  }

  @Test
  void badFiles_areOneLineWithFileLineAndColumn_andWriteNothing(@TempDir Path tmp)
      throws Exception {
    String[][] cases = {
      {
        "series,time_h,value\nsvx,1,0.5\n",
        ":2:1: column 'series': no service or site named 'svx'" + " (did you mean 'svc'?)"
      },
      {
        "series,time_h,value\nsvc,41,0.5\n",
        ":2:5: column 'time_h': '41' is outside the scenario's"
            + " 0 to 40h (give --horizon to see later points)"
      },
      {"series,time_h,value\nsvc,-1,0.5\n", ":2:5: column 'time_h': '-1' is before t = 0"},
      {"series,time_h,value\nsvc,soon,0.5\n", ":2:5: column 'time_h': 'soon' is not a time"},
      {
        "series,time_h,value\nsvc,1,1.5\n",
        ":2:7: column 'value': '1.5' is not a fraction from 0"
            + " to 1 (or a percentage from 0% to 100%)"
      },
      {"series,time_h,value\nsvc,1,120%\n", ":2:7: column 'value': '120%' is not a fraction"},
      {"series,time_h,value\nsvc,1,\n", ":2:7: column 'value': empty cell"},
      {
        "series,time_h,value,fitted\nsvc,1,0.5,maybe\n",
        ":2:11: column 'fitted': 'maybe' is not" + " yes or no"
      },
      {
        "series,time_h,value,when\nsvc,1,0.5,x\n",
        ":1:21: unknown column 'when' (columns:"
            + " series, time_h, value, fitted, source; fitted and source may be left out)"
      },
      {"series,time_h\nsvc,1\n", ": no column 'value' (columns: series, time_h)"},
      {"series,time_h,value\nsvc,1,0.5,9\n", ":2:11: this row has 4 fields but the header has 3"},
      {"series,time_h,value\n", ": no points (only a header row)"},
      {"", ": the file is empty (expected a header row: series,time_h,value,fitted,source)"},
      {"series,time_h,value\n\"svc,1,0.5\n", ":2: not valid CSV"},
      {
        "series,time_h,value,time_h\nsvc,1,0.5,2\n",
        ":1:21: the header names column 'time_h'" + " twice (fields 2 and 4): rename one"
      },
      // Positions past skipped empty lines, with lines ending in \r alone, in characters (an
      // emoji is one).
      {"series,time_h,value\n\n\nsvc,5,bad\n", ":4:7: column 'value': 'bad'"},
      {"\r\n\r\nseries,time_h,value,zz\r\nsvc,5,0.5,1\r\n", ":3:21: unknown column 'zz'"},
      {"series,time_h,value\rsvc,5,0.5\rsvc,5,bad\r", ":3:7: column 'value': 'bad'"},
      {
        "source,series,time_h,value\n\uD83D\uDE00\uD83D\uDE00,svc,bad,0.5\n",
        ":2:8: column 'time_h': 'bad'"
      },
      {
        "series,time_h,value\nSVC,1,0.5\n",
        ":2:1: column 'series': no service or site named" + " 'SVC' (did you mean 'svc'?)"
      },
      {
        "series,time_h,value\nwww,1,0.5\n",
        ":2:1: column 'series': no service or site named"
            + " 'www' (services and sites: svc, other, a, b)"
      },
      {
        "series,time_h,value" + ",".repeat(10_000) + "\n",
        ":1: more than 10,000 fields on one" + " line; firedrill reads at most 10,000 columns"
      },
      {
        "series,time_h,value,source\nsvc,1,0.5," + "x".repeat(1001) + "\n",
        ":2:11: column 'source': longer than 1,000 characters"
      },
    };
    for (String[] c : cases) {
      Cli.Result r = scenario(tmp, c[0], "bad");
      assertEquals(2, r.code(), () -> c[0] + "\n" + r);
      assertEquals(1, r.errLines().size(), () -> c[0] + "\n" + r);
      assertTrue(r.err().contains("obs.csv" + c[1]), () -> c[0] + "\n" + r);
      assertFalse(Files.exists(tmp.resolve("bad")), c[0]);
    }
  }

  @Test
  void aNameThatIsBothAServiceAndASite_needsItsKind(@TempDir Path tmp) throws Exception {
    // A site named like the service.
    String both = MODEL.replace("  b: {}", "  b: {}\n  svc: {}");
    Cli.Result r = scenario(tmp, both, "series,time_h,value\nsvc,1,0.5\n", "o");
    assertEquals(2, r.code(), r::toString);
    assertTrue(
        r.err()
            .contains(
                "obs.csv:2:1: column 'series': 'svc' is both a service and a site: write"
                    + " service:svc or site:svc"),
        r::toString);
    r = scenario(tmp, both, "series,time_h,value\nsite:svc,1,0.5\nservice:svc,1,0\n", "o");
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> rows = csv(tmp.resolve("o/observed.csv"));
    assertEquals("site", rows.get(0).get("kind"));
    assertEquals("1", rows.get(0).get("p50"), "site svc is an empty site: whole throughout");
    assertEquals("service", rows.get(1).get("kind"));
    assertEquals("0", rows.get(1).get("p50"), "service svc is dark at 1 h");
  }
}
