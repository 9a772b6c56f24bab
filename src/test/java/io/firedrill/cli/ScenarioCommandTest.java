package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.report.Csv;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firedrill scenario}: forced events with fixed durations, so every trial is the same and
 * every check is exact (to the sketch's relative accuracy 2^-8 for quantiles, 1/400 for curve
 * percentiles, 1e-9 for means).
 */
class ScenarioCommandTest {
  static final String FIRE =
      """
      name: fire
      sites:
        east:
          fire: {rate: 0.001/y, contained: 0.5, outage: "fixed(10h)", restore: "fixed(20h)"}
        west: {}
      services:
        ops: {deploy: {%s: 1}}
        api:
          users: 1000
          slo: 0.9
          demand: 10
          deploy: {east: 10}
        chat:
          demand: 10
          deploy: {east: 10}
          standby: {west: 10}
          failover: {time: "fixed(5m)", success: 1, needs: [ops], manual: "fixed(3h)"}
      """;

  static Path model(Path dir, String text) throws Exception {
    Path p = dir.resolve("model.yaml");
    Files.writeString(p, text);
    return p;
  }

  static List<CSVRecord> csv(Path file) throws Exception {
    try (Reader r = Files.newBufferedReader(file)) {
      return Csv.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
    }
  }

  static CSVRecord row(List<CSVRecord> rows, String service, String metric) {
    return rows.stream()
        .filter(r -> r.get("service").equals(service) && r.get("metric").equals(metric))
        .findFirst()
        .orElseThrow();
  }

  static double value(CSVRecord r, String column) {
    return Double.parseDouble(r.get(column));
  }

  @Test
  void forcedFire_fixedDarkAndRamp_recoversAtDarkPlusSloTimesRamp_inEveryTrial(@TempDir Path tmp)
      throws Exception {
    Path m = model(tmp, FIRE.formatted("west"));
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "fire@east",
            "--no-background",
            "--horizon",
            "100h",
            "--trials",
            "2000",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    CSVRecord recover = row(summary, "api", "recover_h");
    for (String c : List.of("p50", "p90", "p99", "max")) {
      assertEquals(28, value(recover, c), 28 * 0x1.0p-8, c);
    }
    assertEquals(28, value(recover, "mean"), 1e-9);
    assertEquals(1, value(row(summary, "api", "recovered"), "mean"), 0.0);
    // Mid-ramp, t = 20 h (point 100 of 501 over 100 h): served = (20 - 10) / 20 = 0.5.
    CSVRecord mid =
        csv(tmp.resolve("out/recovery.csv")).stream()
            .filter(x -> x.get("service").equals("api") && x.get("time_h").equals("20"))
            .findFirst()
            .orElseThrow();
    assertEquals(0.5, value(mid, "mean"), 1e-9);
    for (String c : List.of("p10", "p50", "p90")) {
      assertEquals(0.5, value(mid, c), 1.0 / 400, c);
    }
  }

  @Test
  void neverRecovered_isCensoredAtTheHorizon(@TempDir Path tmp) throws Exception {
    Path m = model(tmp, FIRE.formatted("west"));
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "fire@east",
            "--no-background",
            "--horizon",
            "20h",
            "--trials",
            "500",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    assertEquals(20, value(row(summary, "api", "recover_h"), "mean"), 1e-9);
    assertEquals(0, value(row(summary, "api", "recovered"), "mean"), 0.0);
    assertEquals(20, value(row(summary, "api", "downtime_h"), "mean"), 1e-9);
  }

  @Test
  void failoverWhoseToolsBurnToo_goesManual(@TempDir Path tmp) throws Exception {
    for (String opsSite : List.of("west", "east")) {
      Path m = model(tmp, FIRE.formatted(opsSite));
      Cli.Result r =
          Cli.run(
              "scenario",
              m.toString(),
              "--event",
              "fire@east",
              "--no-background",
              "--horizon",
              "100h",
              "--trials",
              "500",
              "--out",
              tmp.resolve(opsSite).toString());
      assertEquals(0, r.code(), r::toString);
      double expected = opsSite.equals("east") ? 3 : 5.0 / 60;
      CSVRecord recover = row(csv(tmp.resolve(opsSite + "/summary.csv")), "chat", "recover_h");
      assertEquals(expected, value(recover, "mean"), 1e-9, "ops at " + opsSite);
    }
  }

  @Test
  void restoreCurve_isFollowedPieceByPiece(@TempDir Path tmp) throws Exception {
    // Dark 10 h, then half the capacity at once, flat until 60 h, linear to full at 110 h.
    Path m =
        model(
            tmp,
            """
        name: curve
        sites:
          s:
            fire:
              rate: 0.001/y
              outage: "fixed(10h)"
              restore: "fixed(100h)"
              restore_curve: [[0, 0.5], [0.5, 0.5], [1, 1]]
        services:
          api: {deploy: {s: 1}}
        """);
    Cli.Result r =
        Cli.run(
            "scenario",
            m.toString(),
            "--event",
            "fire@s",
            "--no-background",
            "--horizon",
            "250h",
            "--trials",
            "200",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> sites = csv(tmp.resolve("out/sites.csv"));
    double[][] expected = {{5, 0}, {30, 0.5}, {85, 0.75}, {150, 1}};
    for (double[] e : expected) {
      CSVRecord at =
          sites.stream()
              .filter(x -> Double.parseDouble(x.get("time_h")) == e[0])
              .findFirst()
              .orElseThrow();
      assertEquals(e[1], value(at, "mean"), 1e-9, "capacity at " + e[0] + " h");
    }
    // slo 0.99 is reached on the last piece: 60 + 50 * (0.49 / 0.5) = 109 h.
    assertEquals(
        109, value(row(csv(tmp.resolve("out/summary.csv")), "api", "recover_h"), "mean"), 1e-9);
  }

  @Test
  void unknownEvent_isAUsageError_listingTheValidOnes() {
    Cli.Result r = Cli.run("scenario", "models/three-site-example.yaml", "--event", "fire@west");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill scenario: --event: site 'west' declares no fire; give it sites.west.fire"
                + " to force one (valid:"
                + " fire@east, fault@east, fault@west, fault@north, cooling@east/hall-b, grid@metro-east, grid@metro-west,"
                + " grid@metro-north, routing@carrier-a, routing@carrier-b, common@typhoon, generator@east)"),
        r.errLines());
    Cli.Result at = Cli.run("scenario", "--event", "fire@pangyo", "--at", "someday");
    assertEquals(2, at.code(), at::toString);
  }

  @Test
  void scenarioFiles_areByteIdentical_atOneAndTwoThreads(@TempDir Path tmp) throws Exception {
    assertByteIdenticalAtOneAndTwoThreads(tmp, "--event", "fire@pangyo");
    assertTrue(csv(tmp.resolve("1/recovery.csv")).size() >= 500 * 8);
  }

  /**
   * Runs {@code scenario} on the Kakao model with {@code args}, 9,000 trials (three blocks), at one
   * and two threads into {@code tmp}/1 and {@code tmp}/2, and checks that every file is the same.
   */
  static void assertByteIdenticalAtOneAndTwoThreads(Path tmp, String... args) throws Exception {
    for (String threads : List.of("1", "2")) {
      List<String> all = new java.util.ArrayList<>(List.of("scenario"));
      all.addAll(List.of(args));
      all.addAll(
          List.of(
              "--trials",
              "9000",
              "--threads",
              threads,
              "--per-trial",
              "--out",
              tmp.resolve(threads).toString()));
      Cli.Result r = Cli.run(all.toArray(new String[0]));
      assertEquals(0, r.code(), r::toString);
    }
    for (String f :
        List.of("summary.csv", "recovery.csv", "sites.csv", "causes.csv", "trials.csv")) {
      assertArrayEquals(
          Files.readAllBytes(tmp.resolve("1").resolve(f)),
          Files.readAllBytes(tmp.resolve("2").resolve(f)),
          f);
    }
  }

  @Test
  void kakaoReplay_mediansSitInsideThePublicTimeline(@TempDir Path tmp) throws Exception {
    // Calibration guard (docs/incidents/kakao-pangyo-2022.md): public windows in hours after 15:30
    // KST,
    // 15 Oct 2022. With 20,000 trials the medians' own spread is a few hundredths of an hour.
    Cli.Result r =
        Cli.run(
            "scenario",
            "--event",
            "fire@pangyo",
            "--at",
            "sat 15:30",
            "--trials",
            "20000",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<CSVRecord> summary = csv(tmp.resolve("out/summary.csv"));
    double[][] windows = {{10, 16}, {22, 23}, {38.5, 44}, {85, 88}};
    String[] services = {"talk", "login", "pay", "mail"};
    for (int i = 0; i < services.length; i++) {
      double p50 = value(row(summary, services[i], "recover_h"), "p50");
      double lo = windows[i][0];
      double hi = windows[i][1];
      assertTrue(
          p50 >= lo && p50 <= hi,
          services[i] + " median " + p50 + " outside [" + lo + ", " + hi + "]");
    }
    // "Data loss 0 %" [S K44]; no mail data lost [S K36]: no trial may lose any.
    for (String service : new String[] {"talk", "mail"}) {
      assertEquals(0, value(row(summary, service, "data_loss"), "max"), 0.0, service);
    }
  }

  @Test
  void event_aTypo_getsTheNearestEvent_andBlanksAroundItAreIgnored(@TempDir Path tmp) {
    Cli.Result r = Cli.run("scenario", "models/three-site-example.yaml", "--event", "fualt@east");
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "firedrill scenario: --event: unknown event 'fualt@east', did you mean"
                    + " 'fault@east'? (valid: fire@east,"),
        r.err());
    Cli.Result ok =
        Cli.run(
            "scenario",
            "models/three-site-example.yaml",
            "--event",
            " fault@east ",
            "--trials",
            "100",
            "--charts",
            "none",
            "--out",
            tmp.resolve("s").toString());
    assertEquals(0, ok.code(), ok.toString());
    assertTrue(ok.out().contains("scenario fault@east"), ok.out());
    // No-break spaces (as text copied from a web page carries) are blanks too.
    Cli.Result nbsp =
        Cli.run(
            "scenario",
            "models/three-site-example.yaml",
            "--event",
            "\u00a0fault@east\u202f",
            "--trials",
            "100",
            "--charts",
            "none",
            "--out",
            tmp.resolve("n").toString());
    assertEquals(0, nbsp.code(), nbsp.toString());
    assertTrue(nbsp.out().contains("scenario fault@east,"), nbsp.out());
  }
}
