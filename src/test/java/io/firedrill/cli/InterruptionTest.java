package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.engine.Interruption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run asked to stop (what the shutdown hook does on Ctrl-C or SIGTERM) stops within seconds,
 * exits 1 with one line saying how far it got, and leaves no file at all in its output folder:
 * neither a partial result nor a temporary file. The signal-to-hook step is the JVM's; it was
 * checked by hand (docs/limits.md).
 */
class InterruptionTest {
  @AfterEach
  void clear() {
    Interruption.clear();
  }

  @Test
  void stoppedRun_exitsPromptly_withOneLine_andWritesNothing(@TempDir Path out) throws Exception {
    CompletableFuture<Cli.Result> run =
        CompletableFuture.supplyAsync(
            () ->
                Cli.run(
                    "run",
                    "models/three-site-example.yaml",
                    "--trials",
                    "1000000000",
                    "--per-trial",
                    "--out",
                    out.toString()));
    Thread.sleep(1500);
    assertTrue(!run.isDone(), "the run ended before it could be stopped");
    long stop = System.nanoTime();
    Interruption.request();
    Cli.Result r = run.get(10, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - stop) / 1e9;
    assertEquals(1, r.code(), r::toString);
    // The model's own warning (its standby is below slo × demand) comes first.
    List<String> lines = r.errLines().stream().filter(l -> !l.contains(": warning: ")).toList();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(
        lines.get(0).startsWith("firedrill run: stopped after ")
            && lines.get(0).contains(" of 1000000000 trials; nothing was written"),
        r::toString);
    assertTrue(seconds < 3, "took " + seconds + " s to stop");
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(), files.toList(), "files left in --out");
    }
  }
}
