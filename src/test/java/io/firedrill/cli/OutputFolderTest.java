package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.run.Cancellation;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command's output folder as its users meet it: concurrent runs do not mix, earlier files do not
 * linger, a user's file stops the run before it starts, a stop leaves nothing, and outages.csv is
 * written as the trials run without changing a byte.
 */
class OutputFolderTest {
  static final String THREE = "models/three-site-example.yaml";

  @TempDir Path tmp;

  static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static long seedOf(Path dir) throws Exception {
    return new ObjectMapper().readTree(dir.resolve("run.json").toFile()).get("seed").asLong();
  }

  @Test
  void secondRunIntoTheSameOut_isRefusedAtOnce_andTheFirstSetIsConsistent() throws Exception {
    Path out = tmp.resolve("X");
    CompletableFuture<Cli.Result> a =
        CompletableFuture.supplyAsync(
            () ->
                Cli.run(
                    "run",
                    THREE,
                    "--trials",
                    "200000",
                    "--seed",
                    "1",
                    "--per-trial",
                    "--out",
                    out.toString()));
    // Wait until run A holds the lock (not a fixed sleep: a loaded machine may start it late).
    Path lock = tmp.resolve(".X.firedrill.lock");
    for (int i = 0; i < 3000 && !Files.exists(lock) && !a.isDone(); i++) {
      Thread.sleep(10);
    }
    assertFalse(a.isDone(), "the first run ended before the second started");
    Cli.Result b =
        Cli.run("run", THREE, "--trials", "200000", "--seed", "2", "--out", out.toString());
    // Refused at once: run B did not wait for A's lock, so A is still running when B returns.
    assertFalse(a.isDone(), "the second run returned only after the first had finished");
    assertEquals(2, b.code(), b::toString);
    assertEquals(
        List.of(
            "firedrill run: output folder "
                + out
                + ": another firedrill run is writing there (it holds .X.firedrill.lock); wait"
                + " for it to finish or choose another --out"),
        b.errLines());
    Cli.Result ra = a.get(120, TimeUnit.SECONDS);
    assertEquals(0, ra.code(), ra::toString);
    // X holds run A's set: its seed, and the summary a lone run with that seed writes.
    assertEquals(1, seedOf(out));
    Cli.Result alone =
        Cli.run(
            "run",
            THREE,
            "--trials",
            "200000",
            "--seed",
            "1",
            "--charts",
            "none",
            "--out",
            tmp.resolve("alone").toString());
    assertEquals(0, alone.code(), alone::toString);
    assertArrayEquals(
        Files.readAllBytes(tmp.resolve("alone/summary.csv")),
        Files.readAllBytes(out.resolve("summary.csv")));
    assertEquals(200000L * 3 + 1, Files.lines(out.resolve("trials.csv")).count());
  }

  /**
   * Two JVMs: a child holds the folder; this one is refused; SIGTERM stops the child, which deletes
   * its staging folder and the folders it created and says so in one line.
   */
  @Test
  void runInAnotherJvm_holdsTheFolder_andSigtermLeavesNothing() throws Exception {
    Path out = tmp.resolve("new/X");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(Firedrill.class.getName());
    command.addAll(
        List.of("run", THREE, "--trials", "1000000000", "--per-trial", "--out", out.toString()));
    File err = tmp.resolve("child.err").toFile();
    Process child =
        new ProcessBuilder(command)
            .redirectOutput(tmp.resolve("child.out").toFile())
            .redirectError(err)
            .start();
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!stagingExists(out.getParent())) {
        assertTrue(child.isAlive(), () -> "child ended: " + read(err));
        assertTrue(System.nanoTime() < deadline, "the child never started writing");
        Thread.sleep(50);
      }
      Cli.Result r = Cli.run("run", THREE, "--trials", "100", "--out", out.toString());
      assertEquals(2, r.code(), r::toString);
      assertTrue(r.err().contains("another firedrill run is writing there"), r::toString);
    } finally {
      child.destroy();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not stop");
    }
    assertEquals(143, child.exitValue(), read(err));
    List<String> lines = read(err).lines().toList();
    assertEquals(1, lines.size(), read(err));
    assertTrue(
        lines.get(0).startsWith("firedrill run: stopped after ")
            && lines.get(0).endsWith(" of 1000000000 trials; nothing was written"),
        read(err));
    assertEquals(List.of("child.err", "child.out"), names(tmp));
  }

  private static boolean stagingExists(Path parent) throws Exception {
    if (!Files.isDirectory(parent)) {
      return false;
    }
    return names(parent).stream().anyMatch(n -> n.startsWith(".X.firedrill-staging-"));
  }

  private static String read(File f) {
    try {
      return Files.readString(f.toPath());
    } catch (Exception e) {
      return "";
    }
  }

  @Test
  void runWithoutOutages_afterOneWithThem_leavesNoOutagesCsv() throws Exception {
    Path out = tmp.resolve("X");
    Cli.Result r =
        Cli.run(
            "run",
            THREE,
            "--trials",
            "3000",
            "--outages",
            "10",
            "--per-trial",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(names(out).containsAll(List.of("outages.csv", "trials.csv")));
    r = Cli.run("run", THREE, "--trials", "3000", "--charts", "none", "--out", out.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of(".firedrill", "causes.csv", "run.json", "summary.csv"), names(out));
  }

  @Test
  void foreignFileInOut_isRefusedBeforeSimulating_andLeftUntouched() throws Exception {
    Path out = Files.createDirectory(tmp.resolve("X"));
    Files.writeString(out.resolve("summary.csv"), "old results");
    Files.writeString(out.resolve("notes.md"), "my notes");
    long start = System.nanoTime();
    Cli.Result r = Cli.run("run", THREE, "--trials", "1000000000000", "--out", out.toString());
    assertTrue((System.nanoTime() - start) / 1e9 < 5, "refused only after simulating");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill run: output folder "
                + out
                + ": holds notes.md, which firedrill did not write; firedrill replaces the whole"
                + " folder, so move it away or choose another --out"),
        r.errLines());
    assertEquals("", r.out());
    assertEquals(List.of("notes.md", "summary.csv"), names(out));
    assertEquals("my notes", Files.readString(out.resolve("notes.md")));
    assertEquals("old results", Files.readString(out.resolve("summary.csv")));
  }

  @Test
  void stopBeforeTheFirstTrial_writesNothing_andRemovesTheFoldersItCreated() throws Exception {
    Path out = tmp.resolve("a/b/X");
    // Cancelled before the run: the runner stops before its first trial (a stop while the files
    // are written is AtomicFilesTest's), and the folders made for --out are removed.
    Cancellation stopRequest = new Cancellation();
    stopRequest.cancel();
    Cli.Result r = Cli.run(stopRequest, "run", THREE, "--trials", "3000", "--out", out.toString());
    assertEquals(1, r.code(), r::toString);
    assertEquals(
        List.of("firedrill run: stopped after 0 of 3000 trials; nothing was written"),
        r.errLines());
    assertEquals(List.of(), names(tmp));
  }

  @Test
  void stopDuringTheTrials_removesTheFoldersItCreated() throws Exception {
    Path out = tmp.resolve("a/b/X");
    Cancellation stopRequest = new Cancellation();
    CompletableFuture<Cli.Result> run =
        CompletableFuture.supplyAsync(
            () ->
                Cli.run(
                    stopRequest,
                    "scenario",
                    THREE,
                    "--event",
                    "fire@east",
                    "--trials",
                    "1000000000",
                    "--outages",
                    "2147483647",
                    "--per-trial",
                    "--out",
                    out.toString()));
    Thread.sleep(1500);
    assertFalse(run.isDone(), "the run ended before it could be stopped");
    stopRequest.cancel();
    Cli.Result r = run.get(10, TimeUnit.SECONDS);
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("; nothing was written"), r::toString);
    assertEquals(List.of(), names(tmp));
  }

  @Test
  void outagesCsv_writtenAsBlocksMerge_isTheSameAtAnyThreadCount_andPrefixesAreEqual()
      throws Exception {
    for (String[] v :
        List.of(
            new String[] {"all1", "2147483647", "1"},
            new String[] {"all2", "2147483647", "2"},
            new String[] {"first", "5000", "2"})) {
      Cli.Result r =
          Cli.run(
              "run",
              THREE,
              "--trials",
              "20000",
              "--seed",
              "3",
              "--outages",
              v[1],
              "--threads",
              v[2],
              "--charts",
              "none",
              "--out",
              tmp.resolve(v[0]).toString());
      assertEquals(0, r.code(), r::toString);
    }
    byte[] one = Files.readAllBytes(tmp.resolve("all1/outages.csv"));
    assertArrayEquals(one, Files.readAllBytes(tmp.resolve("all2/outages.csv")));
    List<String> all = Files.readAllLines(tmp.resolve("all1/outages.csv"));
    List<String> first = Files.readAllLines(tmp.resolve("first/outages.csv"));
    assertTrue(all.size() > 5001, "only " + all.size() + " outages in 20000 trials");
    assertEquals(5001, first.size());
    assertEquals(all.subList(0, 5001), first);
    // Every outage of the run is there: the per-service outage counts of summary.csv sum to it.
    double total = 0;
    for (String line : Files.readAllLines(tmp.resolve("all1/summary.csv"))) {
      String[] f = line.split(",");
      if (f[1].equals("outages") && !f[0].equals("total")) {
        total += Double.parseDouble(f[2]) * 20000;
      }
    }
    assertEquals(total, all.size() - 1, 1e-6 * total);
  }
}
