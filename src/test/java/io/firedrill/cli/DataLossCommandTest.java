package io.firedrill.cli;

import static io.firedrill.cli.ScenarioCommandTest.csv;
import static io.firedrill.cli.ScenarioCommandTest.row;
import static io.firedrill.cli.ScenarioCommandTest.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data} and {@code rpo} end to end (docs/model-format.md, "Data"; docs/outputs.md): the
 * data-loss rows of summary.csv (empty cells for a service without data or without rpo), the
 * console's data table, the columns of trials.csv, byte-identical files at 1 and 2 threads, a model
 * without data that keeps its outputs as they were, bad values as one line each, and a size target
 * on data a service does not have refused. Fixed durations, so every check is exact.
 */
class DataLossCommandTest {
  static final String MODEL =
      """
      name: data
      sites:
        a:
          fault: {rate: 2/y, outage: "fixed(2h)"}
        b: {}
      services:
        db:
          deploy: {a: 1}
          standby: {b: 1}
          failover: {time: "fixed(30m)"}
          data: {replica: b, lag: 6m}
          rpo: 5m
        web: {deploy: {a: 1, b: 1}, requires: db}
      """;

  @Test
  void scenario_failoverLosesTheLag_inSummaryConsoleAndTrials(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "fault@a+1h",
            "--no-background",
            "--horizon",
            "1d",
            "--trials",
            "20",
            "--per-trial",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    // The fault at 1 h: the standby joins 30 min later while a is down, 6 minutes of writes lost
    // (the lag; an hour was written since t = 0), above the 5-minute rpo, in every trial.
    assertEquals(0.1, value(row(summary, "db", "data_lost_h"), "mean"), 1e-15);
    assertEquals(1, value(row(summary, "db", "data_loss"), "mean"), 0.0);
    assertEquals(1, value(row(summary, "db", "rpo_breach"), "mean"), 0.0);
    // web has no data: its data rows are there, every cell empty.
    for (String metric : new String[] {"data_lost_h", "data_loss", "data_lost_all", "rpo_breach"}) {
      assertEquals("", row(summary, "web", metric).get("mean"), metric);
    }
    assertTrue(
        r.out()
            .lines()
            .anyMatch(l -> l.matches("db\\s+0\\.1 \\[0\\.1, 0\\.1\\]\\s+0\\.1\\s+1\\s+0\\s+1")),
        r::out);
    List<CSVRecord> trials = csv(tmp.resolve("out/trials.csv"));
    assertEquals(
        List.of(
            "trial",
            "service",
            "downtime_h",
            "outages",
            "longest_h",
            "user_hours",
            "degraded_h",
            "rto_breach",
            "data_lost_h",
            "data_loss",
            "data_lost_all",
            "rpo_breach",
            "recover_h",
            "recovered",
            "affected"),
        trials.get(0).getParser().getHeaderNames());
    assertEquals("0.1", trials.get(0).get("data_lost_h"));
    assertEquals("1", trials.get(0).get("rpo_breach"));
  }

  @Test
  void run_isByteIdenticalAtOneAndTwoThreads(@TempDir Path tmp) throws Exception {
    Path m =
        Files.writeString(
            tmp.resolve("m.yaml"),
            MODEL.replace("data: {replica: b, lag: 6m}", "data: {backup: b, backup_interval: 1d}"));
    for (String threads : new String[] {"1", "2"}) {
      Cli.Result r =
          Cli.run(
              "run",
              m.toString(),
              "--trials",
              "20000",
              "--threads",
              threads,
              "--per-trial",
              "--out",
              tmp.resolve("out" + threads).toString());
      assertEquals(0, r.code(), r::toString);
    }
    for (String file : new String[] {"summary.csv", "trials.csv"}) {
      assertArrayEquals(
          Files.readAllBytes(tmp.resolve("out1").resolve(file)),
          Files.readAllBytes(tmp.resolve("out2").resolve(file)),
          file);
    }
    // Each fault at a makes db fail over and lose the writes since the last daily backup.
    assertEquals(
        1, value(row(csv(tmp.resolve("out1/summary.csv")), "db", "data_loss"), "max"), 0.0);
  }

  @Test
  void modelWithoutData_hasNoDataRows_andNoDataTable(@TempDir Path tmp) throws Exception {
    String plain = MODEL.replace("    data: {replica: b, lag: 6m}\n    rpo: 5m\n", "");
    assertFalse(plain.contains("data:"));
    Path m = Files.writeString(tmp.resolve("m.yaml"), plain);
    Cli.Result r =
        Cli.run("run", m.toString(), "--trials", "1000", "--out", tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    assertFalse(Files.readString(tmp.resolve("out/summary.csv")).contains("data_lost_h"));
    assertFalse(r.out().contains("P(data loss)"), r::out);
  }

  @Test
  void badData_isOneLinePerError_exit2_noOutput(@TempDir Path tmp) throws Exception {
    String bad =
        MODEL
            .replace("data: {replica: b, lag: 6m}", "data: {replica: a, backup: b}")
            .replace("    rpo: 5m\n", "    rpo: 5m\n  cache: {deploy: {b: 1}, data: {lag: 1m}}\n")
            .replace("web: {deploy: {a: 1, b: 1}, requires: db}", "web: {deploy: {b: 1}, rpo: 1h}");
    Path m = Files.writeString(tmp.resolve("m.yaml"), bad);
    Cli.Result r = Cli.run("run", m.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(2, r.code(), r::toString);
    String f = m.toString();
    assertEquals(
        List.of(
            f
                + ":11:21: services.db.data.replica: the primary's own site or zone: a copy there is"
                + " lost with the primary; name another site, or another zone",
            f
                + ":11:24: services.db.data.backup_interval: missing: backups need their interval"
                + " (e.g. backup_interval: 24h)",
            f
                + ":13:34: services.cache.data.lag: a replication lag needs a replica (the site or"
                + " zone the copy is kept at)",
            f
                + ":14:25: services.web.rpo: an rpo needs the service's data section (where its"
                + " data lives and how it is copied)"),
        r.errLines());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void sizeTarget_onDataTheServiceDoesNotHave_isRefused(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    Cli.Result r =
        Cli.run(
            "size",
            m.toString(),
            "--vary",
            "services.db.standby.b",
            "--target",
            "web.rpo_breach.mean <= 0.01",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of("firedrill size: --target: web has no rpo: give it one (services.web.rpo)"),
        r.errLines());
  }

  @Test
  void copyInsideThePrimarysSite_isRefused_aSiblingZoneIsNot(@TempDir Path tmp) throws Exception {
    String zoned =
        """
        name: data
        sites:
          p:
            zones: {x: {share: 0.5}, y: {share: 0.5}}
          q: {}
        services:
          db:
            deploy: {p: 1}
            data: {replica: q}
        """;
    Path m = Files.writeString(tmp.resolve("m.yaml"), zoned);
    String[][] cases = {
      {"services.db.data.replica=p/x", "a zone of the primary's site p"},
      {
        "services.db.data={primary: p/x, backup: p, backup_interval: 1d}",
        "the site of the primary's zone p/x"
      },
    };
    for (String[] c : cases) {
      Cli.Result r = Cli.run("validate", m.toString(), "--set", c[0]);
      assertEquals(2, r.code(), r::toString);
      assertEquals(1, r.errLines().size(), r::toString);
      assertTrue(
          r.errLines()
              .get(0)
              .endsWith(
                  c[1]
                      + ": a copy there is lost with the primary; name another site, or another zone"),
          r::toString);
    }
    Cli.Result sibling =
        Cli.run("validate", m.toString(), "--set", "services.db.data={primary: p/x, replica: p/y}");
    assertEquals(0, sibling.code(), sibling::toString);
  }

  @Test
  void sweepChart_onAMetricTheServiceDoesNotHave_isRefused(@TempDir Path tmp) throws Exception {
    Path m = Files.writeString(tmp.resolve("m.yaml"), MODEL);
    for (String[] c :
        new String[][] {
          {
            "web.data_lost_h", "web has no data to lose: give it a data section (services.web.data)"
          },
          {"db.rto_breach", "db has no rto: give it one (services.db.rto)"}
        }) {
      Cli.Result r =
          Cli.run(
              "sweep",
              m.toString(),
              "--vary",
              "services.db.standby.b=0..1:1",
              "--chart",
              c[0],
              "--out",
              tmp.resolve("out").toString());
      assertEquals(2, r.code(), r::toString);
      assertEquals(List.of("firedrill sweep: --chart '" + c[0] + "': " + c[1]), r.errLines());
    }
  }
}
