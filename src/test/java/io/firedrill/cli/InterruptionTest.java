package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.load.ModelLoader;
import io.firedrill.plan.Plan;
import io.firedrill.run.Cancellation;
import io.firedrill.run.TrialRunner;
import io.firedrill.study.SweepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run asked to stop (its cancellation token tripped, what the shutdown hook does on Ctrl-C or
 * SIGTERM) stops within seconds, exits 1 with one line saying how far it got, and leaves no file at
 * all in its output folder: neither a partial result nor a temporary file. The signal-to-hook step
 * is the JVM's; it was checked by hand (docs/limits.md).
 */
class InterruptionTest {
  @Test
  void stoppedRun_exitsPromptly_withOneLine_andWritesNothing(@TempDir Path tmp) throws Exception {
    Path out = Files.createDirectory(tmp.resolve("out"));
    Cancellation stopRequest = new Cancellation();
    CompletableFuture<Cli.Result> run =
        CompletableFuture.supplyAsync(
            () ->
                Cli.run(
                    stopRequest,
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
    stopRequest.cancel();
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
    // Beside it: the lock file, and no staging folder.
    assertEquals(List.of(".out.firedrill.lock", "out"), names(tmp));
  }

  /**
   * A run stops before the next trial, not at the end of a block: trials can be long (a model with
   * hundreds of thousands of events each takes seconds per trial, hours per 4,096-trial block). A
   * token cancelled before the run starts stops it with no block merged, at any thread count, in
   * run and in sweep; before, the first block of each thread was finished first.
   */
  @Test
  void cancelledBeforeTheRun_stopsBeforeAnyBlockIsMerged() throws Exception {
    Plan plan =
        Plan.compile(
            ModelLoader.load(Path.of("models/three-site-example.yaml"), List.of()).model());
    for (int threads : new int[] {1, 2}) {
      Cancellation stopRequest = new Cancellation();
      stopRequest.cancel();
      Cancellation.Stopped run =
          assertThrows(
              Cancellation.Stopped.class,
              () ->
                  TrialRunner.run(
                      plan,
                      new TrialRunner.Options(100_000, 1, threads, 0, false),
                      null,
                      null,
                      null,
                      stopRequest));
      assertEquals(
          "stopped after 0 of 100000 trials; nothing was written",
          run.getMessage(),
          "threads " + threads);
      Cancellation.Stopped sweep =
          assertThrows(
              Cancellation.Stopped.class,
              () ->
                  SweepRunner.run(
                      List.of(plan, plan),
                      new TrialRunner.Options(100_000, 1, threads, 0, false),
                      null,
                      null,
                      stopRequest));
      assertEquals(
          "stopped after 0 of 100000 trials; nothing was written",
          sweep.getMessage(),
          "threads " + threads);
    }
  }

  /**
   * The shutdown hook when the main thread does not stop in time (a chart being drawn): it deletes
   * the staging folder and the folders the run created itself, and prints the one line.
   */
  @Test
  void mainThreadThatDoesNotStop_isCleanedUpAfterByTheHook(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("new/X");
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    Thread main =
        new Thread(
            () -> {
              io.firedrill.report.AtomicFiles files = io.firedrill.report.AtomicFiles.prepare(out);
              files.path("recovery.png");
              writing.countDown();
              // A chart that takes longer than the hook waits, and ignores the stop request.
              long until = System.nanoTime() + 3_000_000_000L;
              while (System.nanoTime() < until) {
                Thread.onSpinWait();
              }
            });
    main.setDaemon(true);
    main.start();
    writing.await();
    assertEquals(List.of("new"), names(tmp));
    java.io.StringWriter err = new java.io.StringWriter();
    long start = System.nanoTime();
    new Firedrill(new Cancellation()).stop(main, 200, new java.io.PrintWriter(err, true));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 1, "the hook waited " + seconds + " s");
    assertTrue(
        err.toString()
            .endsWith(": stopped before the results were complete; nothing was written\n"),
        err::toString);
    assertEquals(List.of(), names(tmp));
  }

  static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
