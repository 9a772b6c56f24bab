package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service without rto has no breach to estimate: its rto_breach cells are empty. */
class RtoRowsTest {
  @Test
  void serviceWithoutRto_hasAnEmptyRtoBreachRow_inSummaryAndSweep(@TempDir Path tmp)
      throws Exception {
    String m = "models/three-site-example.yaml";
    Cli.Result r =
        Cli.run(
            "run", m, "--trials", "4096", "--charts", "none", "--out", tmp.resolve("r").toString());
    assertEquals(0, r.code(), r::toString);
    List<String> lines = Files.readAllLines(tmp.resolve("r/summary.csv"));
    assertEquals(
        List.of("ops,rto_breach,,,,,,,,"),
        lines.stream().filter(l -> l.startsWith("ops,rto_breach")).toList());
    assertEquals(1, lines.stream().filter(l -> l.matches("talk,rto_breach,0\\.\\d+,.*")).count());
    r =
        Cli.run(
            "sweep",
            m,
            "--vary",
            "services.talk.standby.north=0..4000:4000",
            "--trials",
            "4096",
            "--charts",
            "none",
            "--out",
            tmp.resolve("s").toString());
    assertEquals(0, r.code(), r::toString);
    List<String> sweep = Files.readAllLines(tmp.resolve("s/sweep.csv"));
    assertEquals(
        List.of("0,0,ops,rto_breach,,,,,,,,,,,", "1,4000,ops,rto_breach,,,,,,,,,,,"),
        sweep.stream().filter(l -> l.contains(",ops,rto_breach")).toList());
  }
}
