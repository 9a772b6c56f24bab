package io.firedrill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.cli.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings that do not stop a run: what nothing uses, and a standby too small to restore. */
class ModelWarningsTest {

  static List<String> warnings(String yaml, String... overrides) throws ModelException {
    return ModelLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of(overrides))
        .warnings()
        .stream()
        .map(ModelWarning::format)
        .toList();
  }

  /** The model of the README's "Models" section, as a user would copy it. */
  static String readmeModel() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  @Test
  void readmeExample_isTheShippedThreeSiteModel_andHasNoWarning() throws Exception {
    // The README shows models/three-site-example.yaml whole: the docs cannot drift from it.
    assertEquals(Files.readString(Path.of("models/three-site-example.yaml")), readmeModel());
    assertEquals(List.of(), warnings(readmeModel()));
  }

  @Test
  void readmeExample_withoutNorthsStandby_warnsWithTheShortfall() throws Exception {
    // Standby only in west, as in the first version of the example: what the issue found too
    // small. (North keeps a placement of 0, so it is not also reported as unused.)
    String twoSites =
        readmeModel()
            .replace("standby: {west: 8000, north: 4000}", "standby: {west: 8000, north: 0}");
    int line = 1 + (int) twoSites.substring(0, twoSites.indexOf("    standby:")).lines().count();
    assertEquals(
        List.of(
            "test.yaml:"
                + line
                + ":5: warning: services.talk.standby: when east is lost, failover brings talk"
                + " to at most 8000 of 12000 (0.667), below its slo 0.99 (11880 needed): talk stays"
                + " down until east returns"),
        warnings(twoSites));
  }

  @Test
  void shippedKakaoModel_hasNoWarning() throws Exception {
    assertEquals(
        List.of(),
        ModelLoader.load(Path.of("models/kakao-pangyo-2022.yaml"), List.of()).warnings());
  }

  static final String BASE =
      """
      name: warnings
      grids:
        metro: {rate: 0.5/y, outage: "fixed(1h)"}
      networks:
        carrier: {rate: 0.2/y, outage: "fixed(1h)"}
      sites:
        east: {grid: metro, networks: [carrier]}
        west: {}
      services:
        api:
          demand: 100
          deploy: {east: 100}
          standby: {west: 99}
          failover: {time: "fixed(5m)"}
      """;

  @Test
  void standbyOfExactlySloTimesDemand_isEnough() throws Exception {
    assertEquals(List.of(), warnings(BASE));
  }

  /** The warning is placed at the standby key of the file, whatever changed its value. */
  @Test
  void standbyOneUnitShort_warns() throws Exception {
    assertEquals(
        List.of(
            "test.yaml:13:5: warning: services.api.standby: when east is lost,"
                + " failover brings api to at most 98 of 100 (0.98), below its slo 0.99 (99"
                + " needed): api stays down until east returns"),
        warnings(BASE, "services.api.standby.west=98"));
  }

  @Test
  void standbyAtTheLostSiteItself_cannotHelp() throws Exception {
    assertEquals(
        List.of(
            "test.yaml:8:3: warning: sites.west: no service is deployed, on standby or keeps data here",
            "test.yaml:13:5: warning: services.api.standby: when east is lost, failover brings api"
                + " to at most 0 of 100 (0), below its slo 0.99 (99 needed): api stays down until"
                + " east returns"),
        warnings(BASE.replace("standby: {west: 99}", "standby: {east: 100}")));
  }

  /** Active at two sites: losing the larger needs the standby, losing the smaller does not. */
  @Test
  void twoActiveSites_eachLossIsChecked() throws Exception {
    String yaml =
        BASE.replace("west: {}", "west: {}\n  south: {}")
            .replace("deploy: {east: 100}", "deploy: {east: 70, south: 30}")
            .replace("standby: {west: 99}", "standby: {west: 60}");
    assertEquals(
        List.of(
            "test.yaml:14:5: warning: services.api.standby: when east is lost, failover brings api"
                + " to at most 90 of 100 (0.9), below its slo 0.99 (99 needed): api stays down"
                + " until east returns"),
        warnings(yaml));
  }

  @Test
  void partsThatCannotAct_andAServiceShortFromTheStart_warn() throws Exception {
    // A UPS and a generator at a site with no grid, a failover with no standby, a deployment
    // below demand (here below slo × demand too) with every site up.
    String yaml =
        """
        name: idle
        sites:
          a: {ups: 15m, generator: {fail_to_start: 0.1}}
        services:
          api:
            demand: 10
            deploy: {a: 5}
            failover: {time: "fixed(5m)"}
        """;
    assertEquals(
        List.of(
            "test.yaml:3:7: warning: sites.a.ups: has no effect: the site has no grid, and only"
                + " grid outages go through the UPS and generator (a fault cuts power directly)",
            "test.yaml:3:17: warning: sites.a.generator: has no effect: the site has no grid, and"
                + " only grid outages go through the UPS and generator (a fault cuts power"
                + " directly)",
            "test.yaml:7:5: warning: services.api.deploy: active capacity 5 is below demand 10"
                + " with every site up: api is down (below its slo) from t = 0, attributed to"
                + " baseline",
            "test.yaml:8:5: warning: services.api.failover: has no standby to bring in: nothing"
                + " joins when the active capacity falls short"),
        warnings(yaml));
  }

  @Test
  void restartCurveWithoutRestart_andReconnectWithNothingToCutOff_warn() throws Exception {
    // b's reconnect acts: a network effect of a's fault cuts b off, though b has no networks.
    String yaml =
        """
        name: idle
        sites:
          a: {restart_curve: [[0, 0], [1, 1]], reconnect: "fixed(1h)", fault: {rate: 1/y, outage: "fixed(1h)", also: {b: {effect: network}}}}
          b: {reconnect: "fixed(1h)"}
        services:
          api: {deploy: {a: 1, b: 1}}
        """;
    assertEquals(
        List.of(
            "test.yaml:3:7: warning: sites.a.restart_curve: has no effect: the site has no"
                + " restart, so capacity returns the moment power does",
            "test.yaml:3:40: warning: sites.a.reconnect: has no effect: the site has no networks"
                + " and no network effect cuts it off"),
        warnings(yaml));
  }

  @Test
  void siteGridAndNetworkThatNothingUses_eachWarn() throws Exception {
    String yaml =
        BASE.replace("networks:\n", "networks:\n  spare: {rate: 0.2/y, outage: \"fixed(1h)\"}\n")
            .replace("grids:\n", "grids:\n  idle: {rate: 0.5/y, outage: \"fixed(1h)\"}\n")
            .replace("west: {}", "west: {}\n  nowhere: {restart: \"fixed(5m)\"}");
    assertEquals(
        List.of(
            "test.yaml:3:3: warning: grids.idle: no site is fed by this grid",
            "test.yaml:6:3: warning: networks.spare: no site lists this network",
            "test.yaml:11:3: warning: sites.nowhere: no service is deployed, on standby or keeps data here"),
        warnings(yaml));
  }

  @Test
  void validate_printsWarningsOnStandardError_andExitsZero(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("m.yaml");
    Files.writeString(model, BASE.replace("west: 99", "west: 50"));
    Cli.Result r = Cli.run("validate", model.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(
        List.of(
            model
                + ":13:5: warning: services.api.standby: when east is lost, failover brings api to"
                + " at most 50 of 100 (0.5), below its slo 0.99 (99 needed): api stays down until"
                + " east returns"),
        r.errLines());
    assertTrue(r.out().startsWith("warnings is valid"), r::toString);
  }

  @Test
  void run_printsWarnings_andCarriesOn(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("m.yaml");
    Files.writeString(model, BASE.replace("west: {}", "west: {}\n  idle: {}"));
    Cli.Result r =
        Cli.run("run", model.toString(), "--trials", "100", "--out", tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(
        List.of(
            model
                + ":9:3: warning: sites.idle: no service is deployed, on standby or keeps data here"),
        r.errLines());
    assertTrue(Files.exists(tmp.resolve("out/summary.csv")));
  }

  /** A study of the standby explores what the warning is about: it is not repeated there. */
  @Test
  void sweepOfTheStandby_leavesOutTheWarningAboutIt(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("m.yaml");
    Files.writeString(model, BASE.replace("west: 99", "west: 50"));
    Cli.Result r =
        Cli.run(
            "sweep",
            model.toString(),
            "--vary",
            "services.api.standby.west=0..100:50",
            "--trials",
            "100",
            "--charts",
            "none",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of(), r.errLines());
    Cli.Result other =
        Cli.run(
            "sweep",
            model.toString(),
            "--vary",
            "sites.east.ups=0m..10m:5m",
            "--trials",
            "100",
            "--charts",
            "none",
            "--out",
            tmp.resolve("out2").toString());
    assertEquals(0, other.code(), other::toString);
    assertEquals(1, other.errLines().size(), other::toString);
    assertTrue(
        other.errLines().get(0).contains(": warning: services.api.standby: "), other::toString);
  }
}
