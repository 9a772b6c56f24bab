package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.report.Charts;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Every output file is an interface analysts rely on (docs/outputs.md): each CSV parses with
 * Commons CSV and keeps its invariants, each chart is a valid image of the documented size, and
 * nothing anywhere is NaN or Infinity.
 */
class OutputFilesTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void runEverything() {
    List<String[]> runs =
        List.of(
            new String[] {
              "run",
              "models/three-site-example.yaml",
              "--trials",
              "20000",
              "--outages",
              "50",
              "--per-trial",
              "--out",
              tmp.resolve("run").toString()
            },
            new String[] {
              "run",
              "--trials",
              "20000",
              "--charts",
              "svg",
              "--out",
              tmp.resolve("run-svg").toString()
            },
            new String[] {
              "scenario",
              "--event",
              "fire@pangyo",
              "--trials",
              "3000",
              "--outages",
              "20",
              "--out",
              tmp.resolve("scenario").toString()
            },
            new String[] {
              "sweep",
              "models/three-site-example.yaml",
              "--vary",
              "services.talk.standby.west=4000..8000:2000",
              "--vary",
              "services.talk.deploy.east=10000..12000:2000",
              "--chart",
              "talk.user_hours.p99",
              "--trials",
              "3000",
              "--out",
              tmp.resolve("sweep").toString()
            },
            new String[] {
              "sweep",
              "--event",
              "fire@pangyo",
              "--vary",
              "services.talk.standby.anyang=0..12000:6000",
              "--trials",
              "1000",
              "--charts",
              "svg",
              "--out",
              tmp.resolve("sweep-svg").toString()
            });
    for (String[] args : runs) {
      Cli.Result r = Cli.run(args);
      assertEquals(0, r.code(), r::toString);
    }
  }

  static List<Path> files(String ext) throws Exception {
    try (Stream<Path> all = Files.walk(tmp)) {
      return all.filter(p -> p.toString().endsWith(ext)).sorted().toList();
    }
  }

  static double d(CSVRecord r, String column) {
    return Double.parseDouble(r.get(column));
  }

  @Test
  void noFile_holdsNaNOrInfinity_andNoTemporaryFileIsLeft() throws Exception {
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String name = p.getFileName().toString();
        // Hidden: only the marker of each set and the lock file beside each folder.
        assertFalse(
            name.startsWith(".") && !name.equals(".firedrill") && !name.endsWith(".firedrill.lock"),
            "left behind: " + p);
        if (p.toString().endsWith(".csv")
            || p.toString().endsWith(".json")
            || p.toString().endsWith(".svg")) {
          String text = Files.readString(p);
          assertFalse(text.contains("NaN") || text.contains("Infinity"), p.toString());
        }
      }
    }
  }

  @Test
  void summary_intervalsContainTheMean_stayInRange_andQuantilesAreOrdered() throws Exception {
    List<Path> all = new java.util.ArrayList<>(files("summary.csv"));
    all.addAll(files("sweep.csv"));
    for (Path p : all) {
      for (CSVRecord r : ScenarioCommandTest.csv(p)) {
        String where = p + " " + r.get("service") + " " + r.get("metric");
        if (!r.get("ci95_low").isEmpty()) {
          // nines: an empty upper bound is unbounded (downtime's lower bound is 0,
          // docs/outputs.md, "Intervals").
          double high =
              r.get("ci95_high").isEmpty() && r.get("metric").equals("nines")
                  ? Double.POSITIVE_INFINITY
                  : d(r, "ci95_high");
          assertTrue(d(r, "ci95_low") <= d(r, "mean") && d(r, "mean") <= high, where);
          // Every metric, availability and nines are non-negative: so are their intervals.
          assertTrue(d(r, "ci95_low") >= 0, where);
        }
        if (r.isMapped("diff_mean") && !r.get("diff_ci95_low").isEmpty()) {
          assertTrue(
              d(r, "diff_ci95_low") <= d(r, "diff_mean")
                  && d(r, "diff_mean") <= d(r, "diff_ci95_high"),
              where);
        }
        if (!r.get("p50").isEmpty()) {
          assertTrue(
              d(r, "p50") <= d(r, "p90")
                  && d(r, "p90") <= d(r, "p99")
                  && d(r, "p99") <= d(r, "p999")
                  && d(r, "p999") <= d(r, "max"),
              where);
        }
      }
    }
  }

  @Test
  void causeShares_sumToOnePerService() throws Exception {
    for (Path p : files("causes.csv")) {
      Map<String, double[]> sums = new HashMap<>();
      for (CSVRecord r : ScenarioCommandTest.csv(p)) {
        // An empty share is undefined: the service lost no downtime (or no user-hours) at all.
        double[] s = sums.computeIfAbsent(r.get("service"), k -> new double[2]);
        s[0] += r.get("downtime_h_share").isEmpty() ? 0 : d(r, "downtime_h_share");
        s[1] += r.get("user_hours_share").isEmpty() ? 0 : d(r, "user_hours_share");
      }
      assertFalse(sums.isEmpty(), p.toString());
      sums.forEach(
          (service, s) -> {
            for (double share : s) {
              assertTrue(share == 0 || Math.abs(share - 1) < 1e-6, p + " " + service + " " + share);
            }
            assertTrue(s[0] + s[1] > 0, p + " " + service);
          });
    }
  }

  @Test
  void recoveryBands_areOrdered_onAtLeast500Points() throws Exception {
    for (String f : List.of("recovery.csv", "sites.csv")) {
      List<CSVRecord> rows = ScenarioCommandTest.csv(tmp.resolve("scenario").resolve(f));
      assertTrue(rows.stream().map(r -> r.get("time_h")).distinct().count() >= 500, f);
      for (CSVRecord r : rows) {
        assertTrue(d(r, "p10") <= d(r, "p50") && d(r, "p50") <= d(r, "p90"), f + " " + r);
        assertTrue(d(r, "mean") >= 0 && d(r, "mean") <= 1, f + " " + r);
      }
    }
  }

  @Test
  void outagesAndTrials_areConsistent() throws Exception {
    List<CSVRecord> outages = ScenarioCommandTest.csv(tmp.resolve("run/outages.csv"));
    assertEquals(50, outages.size());
    for (CSVRecord r : outages) {
      assertEquals(
          d(r, "end_h") - d(r, "start_h"), d(r, "duration_h"), 1e-9 * Math.max(1, d(r, "end_h")));
      assertTrue(d(r, "duration_h") > 0 && d(r, "user_hours") >= 0, r.toString());
    }
    List<CSVRecord> trials = ScenarioCommandTest.csv(tmp.resolve("run/trials.csv"));
    assertEquals(20000 * 3, trials.size());
    assertEquals("0", trials.get(0).get("trial"));
  }

  @Test
  void charts_areValidPngsAndSvgs_ofTheDocumentedSize() throws Exception {
    List<Path> pngs = files(".png");
    // run: 3, scenario: 3, sweep: 2.
    assertEquals(3 + 3 + 2, pngs.size(), pngs::toString);
    for (Path p : pngs) {
      try (InputStream in = Files.newInputStream(p);
          DataInputStream data = new DataInputStream(in)) {
        byte[] signature = new byte[8];
        data.readFully(signature);
        assertArrayEquals(
            new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
            signature,
            p.toString());
        data.readInt();
        byte[] type = new byte[4];
        data.readFully(type);
        assertEquals("IHDR", new String(type, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(Charts.WIDTH, data.readInt(), p + " width");
        assertEquals(Charts.HEIGHT, data.readInt(), p + " height");
      }
    }
    List<Path> svgs = files(".svg");
    // run: 3, sweep: 2.
    assertEquals(3 + 2, svgs.size(), svgs::toString);
    for (Path p : svgs) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      Element root = f.newDocumentBuilder().parse(p.toFile()).getDocumentElement();
      assertEquals("svg", root.getLocalName() == null ? root.getTagName() : root.getLocalName());
      assertTrue(
          root.getAttribute("width").startsWith(Integer.toString(Charts.WIDTH)),
          p + " " + root.getAttribute("width"));
      assertTrue(root.getAttribute("height").startsWith(Integer.toString(Charts.HEIGHT)));
    }
  }
}
