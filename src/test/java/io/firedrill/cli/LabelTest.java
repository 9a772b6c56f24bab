package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.load.ModelLoader;
import io.firedrill.model.Model;
import io.firedrill.report.Charts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What-if variants are told apart: {@code --label} names the variant in the console, run.json,
 * chart titles and the default output folder; the {@code --set} values are in run.json and under
 * every chart.
 */
class LabelTest {
  @TempDir Path tmp;

  static Model three() throws Exception {
    return ModelLoader.load(Path.of("models/three-site-example.yaml"), List.of()).model();
  }

  @Test
  void label_namesTheDefaultOutputFolder() throws Exception {
    RunOptions o = new RunOptions();
    assertEquals(Path.of("results", "three-site-example", "run"), o.outDir(three(), "run"));
    o.label = "west-standby";
    assertEquals(
        Path.of("results", "three-site-example", "scenario-west-standby"),
        o.outDir(three(), "scenario"));
    o.out = tmp.resolve("given");
    assertEquals(tmp.resolve("given"), o.outDir(three(), "run"));
  }

  @Test
  void label_andOverrides_nameTheVariantInTitles() throws Exception {
    RunOptions o = new RunOptions();
    o.label = "b";
    Charts.Caption c =
        o.caption(
            three(),
            "run",
            new RunOptions.Settings(100_000, 1, 2, 365 * 24, 0),
            List.of("services.talk.standby.west=12000"));
    assertEquals("three-site-example · run · b · 100,000 trials of 1y", c.heading());
    assertEquals(List.of("services.talk.standby.west=12000"), c.overrides());
  }

  @Test
  void runJson_recordsLabelAndOverrides_andTheConsoleNamesTheVariant() throws Exception {
    Path out = tmp.resolve("X");
    Cli.Result r =
        Cli.run(
            "run",
            "models/three-site-example.yaml",
            "--trials",
            "3000",
            "--label",
            "b",
            "--set",
            "services.talk.standby.west=12000",
            "--charts",
            "none",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("three-site-example: run [b], 3000 trials of 1y"), r::toString);
    JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertEquals("b", json.get("label").asText());
    assertEquals(1, json.get("overrides").size());
    assertEquals("services.talk.standby.west=12000", json.get("overrides").get(0).asText());
  }

  @Test
  void noLabel_isNullInRunJson() throws Exception {
    Path out = tmp.resolve("Y");
    Cli.Result r =
        Cli.run(
            "run",
            "models/three-site-example.yaml",
            "--trials",
            "100",
            "--charts",
            "none",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("label").isNull());
  }
}
