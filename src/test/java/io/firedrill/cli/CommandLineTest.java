package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line frame: help, version, exit codes, and the shipped models. */
class CommandLineTest {
  static final List<String> KAKAO_SERVICES =
      List.of("talk", "talk-media", "login", "pay", "mobility", "games", "mail", "ops");

  @ParameterizedTest
  @ValueSource(strings = {"", "validate", "run", "scenario", "sweep", "size", "fit"})
  void everyCommand_hasHelpAndVersion(String command) {
    String[] help = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    // picocli reports a help text it cannot format (a lone % in a description) on System.err.
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
    Cli.Result h;
    try {
      System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
      h = Cli.run(help);
    } finally {
      System.setErr(saved);
    }
    assertEquals(0, h.code(), h::toString);
    assertTrue(h.out().contains("Usage: firedrill"), h::toString);
    assertEquals("", h.err() + stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
    String[] version =
        command.isEmpty() ? new String[] {"--version"} : new String[] {command, "--version"};
    Cli.Result v = Cli.run(version);
    assertEquals(0, v.code(), v::toString);
    assertTrue(v.out().startsWith("firedrill "), v::toString);
  }

  @Test
  void validate_withNoModel_describesTheBundledKakaoModel() {
    Cli.Result r = Cli.run("validate");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("kakao-pangyo-2022 is valid"), r::toString);
    assertTrue(r.out().contains("  pangyo "), r::toString);
    for (String s : KAKAO_SERVICES) {
      assertTrue(r.out().contains("\n  " + s + " "), () -> s + " missing in\n" + r.out());
    }
  }

  @Test
  void kakaoModel_validates_withoutWarning() {
    Cli.Result r = Cli.run("validate", "models/kakao-pangyo-2022.yaml");
    assertEquals(0, r.code(), r::toString);
    assertEquals("", r.err());
  }

  /** The example validates cleanly; with north's standby gone it warns, and still exits 0. */
  @Test
  void threeSiteExample_validates_andWarnsWhenItsStandbyIsTooSmall() {
    Cli.Result r = Cli.run("validate", "models/three-site-example.yaml");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of(), r.errLines());
    r =
        Cli.run(
            "validate", "models/three-site-example.yaml", "--set", "services.talk.standby.north=0");
    assertEquals(0, r.code(), r::toString);
    assertEquals(
        List.of(
            "models/three-site-example.yaml:74:5: warning: services.talk.standby: when east"
                + " is lost, failover brings talk to at most 8000 of 12000 (0.667), below its slo"
                + " 0.99 (11880 needed): talk stays down until east returns"),
        r.errLines());
  }

  @Test
  void kakaoModel_hasTheServicesAndSiteLaterWorkReliesOn() throws Exception {
    var m =
        io.firedrill.load.ModelLoader.load(
                java.nio.file.Path.of("models/kakao-pangyo-2022.yaml"), List.of())
            .model();
    for (String s : KAKAO_SERVICES) {
      assertTrue(m.service(s) != null, s);
    }
    assertTrue(m.site("pangyo") != null);
    assertTrue(m.sites().size() >= 3, "Pangyo and at least two other sites");
    // Kakao's review: ops tooling lived only in Pangyo.
    assertEquals(
        List.of("pangyo"),
        m.service("ops").deploy().stream().map(io.firedrill.model.Placement::site).toList());
  }

  @Test
  void noCommand_isAUsageError() {
    Cli.Result r = Cli.run();
    assertEquals(2, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--frobnicate", "--set"})
  void badOption_isOneLineAndExitTwo(String option) {
    Cli.Result r = Cli.run("validate", option);
    assertEquals(2, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("firedrill validate: "), r::toString);
    assertFalse(r.err().contains("Exception"), r::toString);
  }

  @Test
  void badOverride_exitsTwo_namingTheOverride() {
    Cli.Result r =
        Cli.run("validate", "models/three-site-example.yaml", "--set", "sites.east.ups=-1m");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of("--set sites.east.ups=-1m: sites.east.ups: must be zero or more, got -1m"),
        r.errLines());
  }
}
