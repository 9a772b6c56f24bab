package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --bias} and {@code run --rare} from the command line (docs/simulation.md, "Importance
 * sampling"): the files they write, the same bytes at any thread count, and the figures the console
 * and run.json give.
 */
class ImportanceSamplingCommandTest {
  @TempDir Path tmp;

  @Test
  void rareEvent_choosesTheTiltOnce_andWritesTheSameBytesAtAnyThreadCount() throws Exception {
    Path model = Path.of("benchmarks/models/rare/three-feeds.yaml");
    String[] common = {
      "run",
      model.toString(),
      "--trials",
      "40000",
      "--seed",
      "5",
      "--charts",
      "none",
      "--set",
      "services.api.rto=1s",
      "--rare",
      "api.longest_h > 1s"
    };
    byte[][] summaries = new byte[3][];
    byte[][] causes = new byte[3][];
    int k = 0;
    for (String threads : new String[] {"1", "2", "3"}) {
      Path out = tmp.resolve("t" + threads);
      String[] args = java.util.Arrays.copyOf(common, common.length + 4);
      args[common.length] = "--threads";
      args[common.length + 1] = threads;
      args[common.length + 2] = "--out";
      args[common.length + 3] = out.toString();
      Cli.Result r = Cli.run(args);
      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().contains("cross-entropy pilot 1:"), r::toString);
      assertTrue(r.out().contains("P(api.longest_h > 1s) = "), r::toString);
      summaries[k] = Files.readAllBytes(out.resolve("summary.csv"));
      causes[k] = Files.readAllBytes(out.resolve("causes.csv"));
      k++;
    }
    assertArrayEquals(summaries[0], summaries[1]);
    assertArrayEquals(summaries[0], summaries[2]);
    assertArrayEquals(causes[0], causes[2]);
    JsonNode sampling =
        new ObjectMapper().readTree(tmp.resolve("t1/run.json").toFile()).get("sampling");
    assertEquals("importance sampling", sampling.get("method").asText());
    assertTrue(sampling.get("cross_entropy").get("reached").asBoolean(), sampling.toString());
    // The event is "an outage of api longer than 1 s", which is rto_breach with an rto of 1 s:
    // its probability is rto_breach's mean, to the bit (both Σ w over the same trials, over n),
    // so run.json's figure printed as summary.csv prints it (ten digits) is that cell.
    String breach =
        Files.readAllLines(tmp.resolve("t1/summary.csv")).stream()
            .filter(l -> l.startsWith("api,rto_breach,"))
            .findFirst()
            .orElseThrow()
            .split(",")[2];
    assertEquals(
        breach,
        io.firedrill.report.Numbers.csv(sampling.get("event").get("probability").asDouble()));
    String header = Files.readAllLines(tmp.resolve("t1/summary.csv")).get(0);
    assertTrue(header.endsWith(",rel_error,largest_share,estimator"), header);
  }
}
